/**
 * Action inputs and their environment fallbacks, read once into one typed Settings object.
 * Every problem is collected, so a user fixes all input mistakes in one round.
 */
import * as core from '@actions/core'
import { DEFINITION_INPUT_NAMES, type DefinitionInputs } from './job/input-names.js'
import { parseDuration } from './duration.js'
import { checkRegion, parseEndpoint } from './huaweicloud/endpoints.js'
import { secretsOf } from './huaweicloud/credentials.js'

export type Credentials =
  | { kind: 'aksk'; accessKey: string; secretKey: string; securityToken?: string }
  | { kind: 'token'; token: string }
  | { kind: 'oidc'; idpId: string; audience?: string }

export interface Settings {
  validateOnly: boolean
  /** Job file paths or globs, one per line; empty when the definition comes from inputs alone. */
  jobFiles: string[]
  definitionInputs: DefinitionInputs
  ifExists: 'fail' | 'new_version'
  wait: boolean
  timeoutMs: number
  pollIntervalMs: number
  failOnJobFailure: boolean
  stopOnCancel: boolean
  streamLogs: boolean
  region?: string
  projectId?: string
  endpoint?: string
  iamEndpoint?: string
  /** Undefined only with validate_only, which needs none. */
  credentials?: Credentials
  /** Per-request timeout; env MODELARTS_HTTP_TIMEOUT (e.g. `10s`), for slow networks and tests. */
  requestTimeoutMs: number
}

/** Input problems, each one line naming the input and how to fix it. */
export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'InputError'
  }
}

type Env = Record<string, string | undefined>

const input = (name: string): string => core.getInput(name).trim()

function firstOf(env: Env, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim()
    if (value) return value
  }
  return undefined
}

const TRUE = new Set(['true', 'True', 'TRUE'])
const FALSE = new Set(['false', 'False', 'FALSE'])

/** Reads every input; masks secrets before anything can print them. */
export function readSettings(env: Env = process.env): Settings {
  const problems: string[] = []
  // Masked on every path, validate_only included: nothing below may print them, but a typo could.
  secretsOf({
    accessKey: input('access_key'),
    secretKey: input('secret_key'),
    securityToken: input('security_token'),
    authToken: input('auth_token')
  }).forEach(secret => core.setSecret(secret))

  const bool = (name: string, fallback: boolean): boolean => {
    const raw = input(name)
    if (raw === '') return fallback
    if (TRUE.has(raw)) return true
    if (FALSE.has(raw)) return false
    problems.push(`Input \`${name}\` is "${raw}": write true or false.`)
    return fallback
  }
  const duration = (name: string, fallback: string, allowMs: boolean): number => {
    const raw = input(name) || fallback
    const parsed = parseDuration(raw, { allowMs })
    if (parsed.error !== undefined || parsed.ms === undefined) {
      problems.push(`Input \`${name}\`: ${parsed.error ?? 'not a duration'}`)
      return parseDuration(fallback, { allowMs }).ms ?? 0
    }
    return parsed.ms
  }

  const validateOnly = bool('validate_only', false)
  const jobFiles = core
    .getInput('job_file')
    .split('\n')
    .map(line => line.trim())
    .filter(line => line !== '')
  if (!validateOnly && jobFiles.length > 1) {
    problems.push(
      'Input `job_file` names several files: a job is created from one file (several only with `validate_only`).'
    )
  }

  const definitionInputs: DefinitionInputs = {}
  for (const name of DEFINITION_INPUT_NAMES) {
    // Structured inputs are YAML: keep their indentation.
    const raw =
      name === 'parameter' || name === 'data_source' || name === 'volumes' ? core.getInput(name) : input(name)
    if (raw.trim() !== '') definitionInputs[name] = raw
  }

  const ifExistsRaw = input('if_exists') || 'fail'
  let ifExists: Settings['ifExists'] = 'fail'
  if (ifExistsRaw === 'fail' || ifExistsRaw === 'new_version') ifExists = ifExistsRaw
  else problems.push(`Input \`if_exists\` is "${ifExistsRaw}": write fail or new_version.`)

  const settings: Settings = {
    validateOnly,
    jobFiles,
    definitionInputs,
    ifExists,
    wait: bool('wait', false),
    timeoutMs: duration('timeout', '5h50m', false),
    pollIntervalMs: duration('poll_interval', '30s', true),
    failOnJobFailure: bool('fail_on_job_failure', true),
    stopOnCancel: bool('stop_on_cancel', true),
    streamLogs: bool('stream_logs', true),
    requestTimeoutMs: 30_000
  }
  const requestTimeout = env.MODELARTS_HTTP_TIMEOUT?.trim()
  if (requestTimeout) {
    const parsed = parseDuration(requestTimeout, { allowMs: true })
    if (parsed.ms === undefined) problems.push(`Environment variable MODELARTS_HTTP_TIMEOUT: ${parsed.error}`)
    else settings.requestTimeoutMs = parsed.ms
  }

  if (!validateOnly) {
    readTarget(settings, env, problems)
    settings.credentials = readCredentials(env, problems)
  }
  if (problems.length > 0) throw new InputError(problems)
  return settings
}

function readTarget(settings: Settings, env: Env, problems: string[]): void {
  const region = input('region') || firstOf(env, 'HUAWEI_CLOUD_REGION', 'HUAWEICLOUD_SDK_REGION')
  const projectId =
    input('project_id') || firstOf(env, 'HUAWEI_CLOUD_PROJECT_ID', 'HUAWEICLOUD_SDK_PROJECT_ID')
  const endpointRaw = input('endpoint')
  const iamRaw = input('iam_endpoint') || firstOf(env, 'HUAWEICLOUD_SDK_IAM_ENDPOINT')

  if (region) {
    const error = checkRegion(region)
    if (error) problems.push(`Input \`region\`: ${error}`)
    settings.region = region
  }
  if (projectId) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(projectId)) {
      problems.push(
        'Input `project_id` is not a project id (letters and digits, as in the console under My Credentials).'
      )
    }
    settings.projectId = projectId
  }
  if (endpointRaw) {
    const parsed = parseEndpoint(endpointRaw, 'endpoint')
    if (parsed.error) problems.push(parsed.error)
    settings.endpoint = parsed.url
  }
  if (iamRaw) {
    const parsed = parseEndpoint(iamRaw, 'iam_endpoint')
    if (parsed.error) problems.push(parsed.error)
    settings.iamEndpoint = parsed.url
  }
  if (!region && !endpointRaw) {
    problems.push(
      'No region: set input `region` (e.g. cn-north-4), or env HUAWEI_CLOUD_REGION (huaweicloud/auth-action sets it), or input `endpoint`.'
    )
  }
  if (!projectId && !region) {
    problems.push('No project: set input `project_id` (it can only be looked up from a `region`).')
  }
}

function readCredentials(env: Env, problems: string[]): Credentials | undefined {
  const secret = (value: string | undefined): string | undefined => {
    if (value) core.setSecret(value)
    return value
  }
  const accessKey = input('access_key')
  const secretKey = input('secret_key')
  const securityToken = input('security_token') || secret(firstOf(env, 'HUAWEICLOUD_SDK_SECURITY_TOKEN'))
  const authToken = input('auth_token')
  const idpId = input('idp_id')
  const audience = input('oidc_audience')

  const given = [
    accessKey || secretKey ? 'access_key/secret_key' : '',
    authToken ? 'auth_token' : '',
    idpId ? 'idp_id' : ''
  ]
  const kinds = given.filter(kind => kind !== '')
  if (kinds.length > 1) {
    problems.push(`Credentials: ${kinds.join(' and ')} are both set; keep exactly one kind.`)
    return undefined
  }
  if (authToken) return { kind: 'token', token: authToken }
  if (idpId) return { kind: 'oidc', idpId, ...(audience ? { audience } : {}) }
  if (accessKey || secretKey) {
    if (!accessKey || !secretKey) {
      problems.push(
        `Input \`${accessKey ? 'secret_key' : 'access_key'}\` is empty: AK/SK credentials need both keys.`
      )
      return undefined
    }
    return { kind: 'aksk', accessKey, secretKey, ...(securityToken ? { securityToken } : {}) }
  }
  const envAk = secret(firstOf(env, 'HUAWEI_CLOUD_ACCESS_KEY_ID'))
  const envSk = secret(firstOf(env, 'HUAWEI_CLOUD_SECRET_ACCESS_KEY'))
  if (envAk && envSk)
    return { kind: 'aksk', accessKey: envAk, secretKey: envSk, ...(securityToken ? { securityToken } : {}) }
  const sdkAk = secret(firstOf(env, 'HUAWEICLOUD_SDK_AK'))
  const sdkSk = secret(firstOf(env, 'HUAWEICLOUD_SDK_SK'))
  if (sdkAk && sdkSk)
    return { kind: 'aksk', accessKey: sdkAk, secretKey: sdkSk, ...(securityToken ? { securityToken } : {}) }
  problems.push(
    'No credentials: set `access_key` and `secret_key` (or run huaweicloud/auth-action first), `auth_token`, or `idp_id` for keyless GitHub OIDC.'
  )
  return undefined
}

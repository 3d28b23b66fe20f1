/**
 * The action's inputs and their environment fallbacks: gathered once as raw strings, then parsed by a pure
 * function into one typed settings value. Every problem is collected, so a user fixes all input mistakes in
 * one round. "Create without credentials" cannot be represented.
 */
import * as core from '@actions/core'
import { DEFINITION_INPUT_NAMES, type DefinitionInputs } from './job/input-names.js'
import type { ApiVersion, BuildOptions } from './job/index.js'
import { parseDuration } from './util/duration.js'
import { checkRegion, parseEndpoint } from './huaweicloud/endpoints.js'
import type { RunIdentity } from './modelarts/v2-submit.js'

/** Every input action.yml declares. */
export const INPUT_NAMES = [
  'region',
  'project_id',
  'endpoint',
  'iam_endpoint',
  'access_key',
  'secret_key',
  'security_token',
  'auth_token',
  'idp_id',
  'oidc_audience',
  'job_file',
  'api_version',
  ...DEFINITION_INPUT_NAMES,
  'overrides',
  'validate_only',
  'preflight',
  'if_exists',
  'wait',
  'timeout',
  'poll_interval',
  'fail_on_job_failure',
  'stop_on_cancel',
  'stream_logs',
  'describe_origin',
  'github_token'
] as const

export type InputName = (typeof INPUT_NAMES)[number]
/** Inputs as the runner passed them, untrimmed; a missing one reads as ''. */
export type RawInputs = Readonly<Partial<Record<InputName, string>>>
export type Env = Readonly<Record<string, string | undefined>>

/** Structured inputs are YAML: their indentation, the first line's included, is kept. */
const STRUCTURED = new Set<string>(['parameter', 'data_source', 'volumes'])
const API_VERSIONS: ReadonlySet<string> = new Set<ApiVersion>(['auto', 'v1', 'v2'])
const isApiVersion = (value: string): value is ApiVersion => API_VERSIONS.has(value)

export type Credentials =
  | { kind: 'aksk'; accessKey: string; secretKey: string; securityToken: string | undefined }
  | { kind: 'token'; token: string }
  | { kind: 'oidc'; idpId: string; audience: string | undefined }

/** Where to run; a region, an endpoint or both (checked). */
export interface Target {
  region: string | undefined
  projectId: string | undefined
  endpoint: string | undefined
  iamEndpoint: string | undefined
}

interface CommonSettings {
  /** Job file paths or globs, one per line; empty when the definition comes from inputs alone. */
  jobFiles: string[]
  definitionInputs: DefinitionInputs
  /**
   * Per-request timeout; env MODELARTS_HTTP_TIMEOUT (e.g. `10s`), for slow networks and tests. Bounds the calls
   * to Huawei Cloud, and with validate_only those of the check run to GitHub.
   */
  requestTimeoutMs: number
  /** `api_version` (default auto) and `overrides` (raw YAML, '' when not given), as the definition reads them. */
  definitionOptions: Required<BuildOptions>
  /** Check the definition against the service's lists before the create (and under validate_only with a service). */
  preflight: boolean
}

/** Where and as whom to call ModelArts. */
export interface ServiceSettings {
  target: Target
  credentials: Credentials
}

/**
 * validate_only: nothing is created. Without credentials nothing is sent to Huawei Cloud (only a check run to
 * GitHub, with a token); with credentials and a target the pre-flight reads the service's lists.
 */
export interface ValidateOnlySettings extends CommonSettings {
  validateOnly: true
  /** Posts the problems the runner would not draw through a check run; undefined when the input is empty. */
  githubToken: string | undefined
  /**
   * Credentials and a target (`region` or `endpoint`, and a project) for the read-only pre-flight; undefined
   * without them (or with `preflight: false`): then nothing is sent to Huawei Cloud.
   */
  service: ServiceSettings | undefined
  /** Credentials were given but the pre-flight cannot run: why, for one line in the log. */
  preflightSkipped: string | undefined
}

export interface CreateSettings extends CommonSettings, ServiceSettings {
  validateOnly: false
  /** The one job file, if any. */
  jobFile: string | undefined
  ifExists: 'fail' | 'new_version'
  wait: boolean
  timeoutMs: number
  pollIntervalMs: number
  failOnJobFailure: boolean
  stopOnCancel: boolean
  streamLogs: boolean
  /** A definition without a description gets one naming the repository, workflow run and commit. */
  describeOrigin: boolean
  /**
   * The workflow run attempt (GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT), written into a v2 job's
   * run marker; outside a runner `local`, `0`, `1` (the marker's nonce still tells two runs apart).
   */
  run: RunIdentity
}

export type Settings = ValidateOnlySettings | CreateSettings

/** The parse's answer: settings, or every problem; `secrets` in both cases, to mask before anything prints. */
export type ParsedSettings =
  | { settings: Settings; problems: []; secrets: string[] }
  | { settings: undefined; problems: string[]; secrets: string[] }

/** Input problems, each one line naming the input and how to fix it. */
export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1 ? (problems[0] ?? '') : `${problems.length} input problems: ${problems.join(' ')}`
    )
    this.name = 'InputError'
  }
}

/** Reads every declared input once, untrimmed (the parse decides what to trim). */
export function gatherInputs(read: (name: InputName) => string): RawInputs {
  return Object.fromEntries(INPUT_NAMES.map(name => [name, read(name)]))
}

/** The runner's inputs and environment to settings; masks secrets first. Throws InputError. */
export function readSettings(env: Env = process.env): Settings {
  const parsed = parseSettings(
    gatherInputs(name => core.getInput(name, { trimWhitespace: false })),
    env
  )
  parsed.secrets.forEach(secret => core.setSecret(secret))
  if (parsed.settings === undefined) throw new InputError(parsed.problems)
  return parsed.settings
}

function firstOf(env: Env, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim()
    if (value) return value
  }
  return undefined
}

const TRUE = new Set(['true', 'True', 'TRUE'])
const FALSE = new Set(['false', 'False', 'FALSE'])

/** Pure: raw inputs and environment to settings or problems. */
export function parseSettings(raw: RawInputs, env: Env = {}): ParsedSettings {
  const problems: string[] = []
  const input = (name: InputName): string => (raw[name] ?? '').trim()
  const bool = (name: InputName, fallback: boolean): boolean => {
    const value = input(name)
    if (value === '') return fallback
    if (TRUE.has(value)) return true
    if (FALSE.has(value)) return false
    problems.push(`Input \`${name}\` is "${value}": write true or false.`)
    return fallback
  }
  const duration = (name: InputName, fallback: string, allowMs: boolean): number => {
    const parsed = parseDuration(input(name) || fallback, { allowMs })
    if (parsed.error !== undefined || parsed.ms === undefined) {
      problems.push(`Input \`${name}\`: ${parsed.error ?? 'not a duration'}`)
      return parseDuration(fallback, { allowMs }).ms ?? 0
    }
    return parsed.ms
  }

  // Masked on every path, validate_only included: nothing may print them, but a typo could. The access key
  // is not secret on its own, but it names the account: a service message that echoes it is masked too.
  const secrets = [
    input('access_key'),
    input('secret_key'),
    input('security_token'),
    input('auth_token'),
    input('github_token'),
    firstOf(env, 'HUAWEICLOUD_SDK_SECURITY_TOKEN'),
    firstOf(env, 'HUAWEI_CLOUD_ACCESS_KEY_ID'),
    firstOf(env, 'HUAWEI_CLOUD_SECRET_ACCESS_KEY'),
    firstOf(env, 'HUAWEICLOUD_SDK_AK'),
    firstOf(env, 'HUAWEICLOUD_SDK_SK')
  ].filter((value): value is string => value !== undefined && value !== '')

  const validateOnly = bool('validate_only', false)
  const preflight = bool('preflight', true)
  const jobFiles = (raw.job_file ?? '')
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
    const value = STRUCTURED.has(name) ? (raw[name] ?? '') : input(name)
    if (value.trim() !== '') definitionInputs[name] = value
  }
  const apiVersionRaw = input('api_version') || 'auto'
  let apiVersion: ApiVersion = 'auto'
  if (isApiVersion(apiVersionRaw)) apiVersion = apiVersionRaw
  else {
    problems.push(
      `Input \`api_version\` is "${apiVersionRaw}": write auto (the job file's keys decide), v1 or v2.`
    )
  }
  const overrides = raw.overrides ?? ''
  const definitionOptions: Required<BuildOptions> = {
    apiVersion,
    overrides: overrides.trim() === '' ? '' : overrides
  }

  const ifExistsRaw = input('if_exists') || 'fail'
  let ifExists: CreateSettings['ifExists'] = 'fail'
  if (ifExistsRaw === 'fail' || ifExistsRaw === 'new_version') ifExists = ifExistsRaw
  else problems.push(`Input \`if_exists\` is "${ifExistsRaw}": write fail or new_version.`)

  // Read on both paths, so a typo is reported even where the value is not used.
  const behaviour = {
    ifExists,
    wait: bool('wait', false),
    timeoutMs: duration('timeout', '5h50m', false),
    pollIntervalMs: duration('poll_interval', '30s', true),
    failOnJobFailure: bool('fail_on_job_failure', true),
    stopOnCancel: bool('stop_on_cancel', true),
    streamLogs: bool('stream_logs', true),
    describeOrigin: bool('describe_origin', true)
  }
  let requestTimeoutMs = 30_000
  const requestTimeout = env.MODELARTS_HTTP_TIMEOUT?.trim()
  if (requestTimeout) {
    const parsed = parseDuration(requestTimeout, { allowMs: true })
    if (parsed.ms === undefined) problems.push(`Environment variable MODELARTS_HTTP_TIMEOUT: ${parsed.error}`)
    else requestTimeoutMs = parsed.ms
  }

  if (validateOnly) {
    const { service, skipped } = preflight
      ? optionalService(input, env, problems)
      : { service: undefined, skipped: undefined }
    if (problems.length > 0) return { settings: undefined, problems, secrets }
    return {
      settings: {
        validateOnly: true,
        jobFiles,
        definitionInputs,
        definitionOptions,
        preflight,
        requestTimeoutMs,
        githubToken: input('github_token') || undefined,
        service,
        preflightSkipped: skipped
      },
      problems: [],
      secrets
    }
  }

  const target = parseTarget(input, env, problems)
  const credentials = parseCredentials(input, env, problems)
  if (credentials === 'none') problems.push(NO_CREDENTIALS)
  if (problems.length > 0 || credentials === undefined || credentials === 'none') {
    return { settings: undefined, problems, secrets }
  }
  return {
    settings: {
      validateOnly: false,
      jobFiles,
      jobFile: jobFiles[0],
      definitionInputs,
      definitionOptions,
      preflight,
      ...behaviour,
      target,
      credentials,
      requestTimeoutMs,
      run: {
        repository: firstOf(env, 'GITHUB_REPOSITORY') ?? 'local',
        runId: firstOf(env, 'GITHUB_RUN_ID') ?? '0',
        attempt: firstOf(env, 'GITHUB_RUN_ATTEMPT') ?? '1'
      }
    },
    problems: [],
    secrets
  }
}

/**
 * validate_only: the service only when credentials and a whole target are given. No credentials is no
 * problem (nothing is sent, as always); half-given credentials or a malformed region or endpoint still are.
 */
function optionalService(
  input: (name: InputName) => string,
  env: Env,
  problems: string[]
): { service: ServiceSettings | undefined; skipped: string | undefined } {
  const credentials = parseCredentials(input, env, problems)
  if (credentials === undefined || credentials === 'none') return { service: undefined, skipped: undefined }
  const targetProblems: string[] = []
  const target = parseTarget(input, env, targetProblems)
  if (!target.region && !target.endpoint) {
    return { service: undefined, skipped: 'no `region` or `endpoint`' }
  }
  if (!target.projectId) {
    // validate_only looks nothing up: the project is part of the target it is given.
    return { service: undefined, skipped: 'no `project_id`' }
  }
  problems.push(...targetProblems)
  return { service: { target, credentials }, skipped: undefined }
}

function parseTarget(input: (name: InputName) => string, env: Env, problems: string[]): Target {
  const region = input('region') || firstOf(env, 'HUAWEI_CLOUD_REGION', 'HUAWEICLOUD_SDK_REGION')
  const projectId =
    input('project_id') || firstOf(env, 'HUAWEI_CLOUD_PROJECT_ID', 'HUAWEICLOUD_SDK_PROJECT_ID')
  const endpointRaw = input('endpoint')
  const iamRaw = input('iam_endpoint') || firstOf(env, 'HUAWEICLOUD_SDK_IAM_ENDPOINT')
  const target: Target = { region, projectId, endpoint: undefined, iamEndpoint: undefined }

  if (region) {
    const error = checkRegion(region)
    if (error) problems.push(`Input \`region\`: ${error}`)
  }
  if (projectId && !/^[A-Za-z0-9_-]{1,64}$/.test(projectId)) {
    problems.push(
      'Input `project_id` is not a project id (letters and digits, as in the console under My Credentials).'
    )
  }
  if (endpointRaw) {
    const parsed = parseEndpoint(endpointRaw, 'endpoint')
    if (parsed.error) problems.push(parsed.error)
    target.endpoint = parsed.url
  }
  if (iamRaw) {
    const parsed = parseEndpoint(iamRaw, 'iam_endpoint')
    if (parsed.error) problems.push(parsed.error)
    target.iamEndpoint = parsed.url
  }
  if (!region && !endpointRaw) {
    problems.push(
      'No region: set input `region` (e.g. cn-north-4), or env HUAWEI_CLOUD_REGION (huaweicloud/auth-action sets it), or input `endpoint`.'
    )
  }
  if (!projectId && !region) {
    problems.push('No project: set input `project_id` (it can only be looked up from a `region`).')
  }
  return target
}

const NO_CREDENTIALS =
  'No credentials: set `idp_id` for keyless GitHub OIDC (recommended), `access_key` and `secret_key` (or run huaweicloud/auth-action first), or `auth_token`.'

/** The credentials; undefined when they are wrong (a problem says why); 'none' when none were given. */
function parseCredentials(
  input: (name: InputName) => string,
  env: Env,
  problems: string[]
): Credentials | 'none' | undefined {
  const accessKey = input('access_key')
  const secretKey = input('secret_key')
  const securityToken = input('security_token') || firstOf(env, 'HUAWEICLOUD_SDK_SECURITY_TOKEN')
  const authToken = input('auth_token')
  const idpId = input('idp_id')
  const audience = input('oidc_audience') || undefined

  const kinds = [
    accessKey || secretKey ? 'access_key/secret_key' : '',
    authToken ? 'auth_token' : '',
    idpId ? 'idp_id' : ''
  ].filter(kind => kind !== '')
  if (kinds.length > 1) {
    problems.push(`Credentials: ${kinds.join(' and ')} are both set; keep exactly one kind.`)
    return undefined
  }
  if (authToken) return { kind: 'token', token: authToken }
  if (idpId) return { kind: 'oidc', idpId, audience }
  if (accessKey || secretKey) {
    if (!accessKey || !secretKey) {
      problems.push(
        `Input \`${accessKey ? 'secret_key' : 'access_key'}\` is empty: AK/SK credentials need both keys.`
      )
      return undefined
    }
    return { kind: 'aksk', accessKey, secretKey, securityToken }
  }
  for (const [ak, sk] of [
    ['HUAWEI_CLOUD_ACCESS_KEY_ID', 'HUAWEI_CLOUD_SECRET_ACCESS_KEY'],
    ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK']
  ] as const) {
    const envAk = firstOf(env, ak)
    const envSk = firstOf(env, sk)
    if (envAk && envSk) return { kind: 'aksk', accessKey: envAk, secretKey: envSk, securityToken }
  }
  return 'none'
}

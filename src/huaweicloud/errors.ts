/**
 * The one place that turns a failed call into a one-line message: what failed, where, and how to fix it.
 * Messages name the method and path only: never the query, headers or request body.
 */
import { errorMessage, isRecord } from '../util/values.js'
import type { CredentialKind } from './types.js'

/** `credentials`: no credentials could be had for the request (e.g. the OIDC exchange failed); it was never sent. */
export type FailureKind = 'service' | 'network' | 'timeout' | 'protocol' | 'credentials'

export interface HuaweiCloudErrorFields {
  kind: FailureKind
  requestSent: boolean
  code?: string
  status?: number
  retryAfterMs?: number
  /** System error code of a network failure, e.g. ECONNREFUSED. */
  systemCode?: string
  /** Overrides the default (network, timeout, 429, 5xx). */
  retryable?: boolean
}

export class HuaweiCloudError extends Error {
  readonly code?: string
  readonly status?: number
  readonly kind: FailureKind
  readonly requestSent: boolean
  readonly retryable: boolean
  readonly retryAfterMs?: number
  readonly systemCode?: string

  constructor(message: string, fields: HuaweiCloudErrorFields) {
    super(message)
    this.name = 'HuaweiCloudError'
    this.kind = fields.kind
    this.requestSent = fields.requestSent
    this.code = fields.code
    this.status = fields.status
    this.retryAfterMs = fields.retryAfterMs
    this.systemCode = fields.systemCode
    this.retryable = fields.retryable ?? retryableByDefault(fields.kind, fields.status)
  }

  /** The same failure, its message prefixed with what was being done (e.g. the OIDC exchange). */
  withContext(context: string): HuaweiCloudError {
    return new HuaweiCloudError(`${context}: ${this.message}`, this)
  }
}

function retryableByDefault(kind: FailureKind, status: number | undefined): boolean {
  if (kind === 'network' || kind === 'timeout') return true
  return status !== undefined && (status === 429 || status >= 500)
}

/** Fields of a failure as the classifiers read them: a HuaweiCloudError or a fake shaped like one. */
const fieldsOf = (error: unknown): Partial<HuaweiCloudErrorFields> => (isRecord(error) ? error : {})

/** The service's error code (`ModelArts.2751`, `APIGW.0301`), when the error carries one. */
export function errorCodeOf(error: unknown): string | undefined {
  const code = fieldsOf(error).code
  return typeof code === 'string' ? code : undefined
}

/** A read that failed this way may succeed if sent again. */
export function isRetryable(error: unknown): boolean {
  return fieldsOf(error).retryable === true
}

/** The request may have reached the service, and its answer does not tell whether it took effect. */
export function mayHaveLanded(error: unknown): boolean {
  const e = fieldsOf(error)
  if (e.requestSent !== true) return false
  return e.kind === 'network' || e.kind === 'timeout' || (e.status !== undefined && e.status >= 500)
}

/** Throttled (HTTP 429): the service refused the call without acting on it, so it may be sent again later. */
export function wasThrottled(error: unknown): boolean {
  return fieldsOf(error).status === 429
}

/** The wait the service asked for with its failure (Retry-After), if it said. */
export function retryAfterOf(error: unknown): number | undefined {
  return fieldsOf(error).retryAfterMs
}

/**
 * The service refused who is calling (HTTP 401, the gateway's signature or token refusal, ModelArts' token and
 * AK/SK codes 0201-0212 and 2784): every other call with the same credentials fails the same way.
 */
export function isCredentialRejection(error: unknown): boolean {
  const { status, code } = fieldsOf(error)
  if (status === 401) return true
  if (code === undefined) return false
  return REFUSAL_CODES.has(code) || /^ModelArts\.02(0\d|1[0-2])$/.test(code) || code === 'ModelArts.2784'
}

/** A transient failure before the request left (connection refused): safe to send again as it is. */
export function neverSent(error: unknown): boolean {
  const e = fieldsOf(error)
  return e.requestSent === false && e.retryable === true
}

const CREDENTIALS_HINT =
  'check access_key and secret_key, that the runner clock is right, and the region or endpoint'

/** What to check when the gateway refuses the credentials, by the kind that was sent. */
const REFUSED: Record<CredentialKind, string> = {
  aksk: `the gateway rejected the AK/SK signature: ${CREDENTIALS_HINT}`,
  token:
    'the gateway rejected the IAM token: pass a project-scoped token for this region as auth_token (the X-Subject-Token ' +
    'header of IAM POST /v3/auth/tokens, valid 24 h; a token scoped to another project or expired is refused)',
  oidc:
    'the gateway rejected the IAM token from the OIDC exchange: check that the identity provider maps to a user group ' +
    'with ModelArts permissions in this project, and project_id and region'
}
/** Codes whose hint depends on the credentials sent: a refused signature or token. */
const REFUSAL_CODES = new Set(['APIGW.0301', 'APIG.0301', 'APIGW.0307', 'APIG.0307'])

const HINTS: Record<string, string> = {
  'ModelArts.0103': 'the job name is taken: choose another job_name or set `if_exists: new_version`',
  'APIGW.0301': `the gateway rejected the AK/SK signature: ${CREDENTIALS_HINT}`,
  'APIG.0301': `the gateway rejected the credentials: ${CREDENTIALS_HINT}`,
  'APIGW.0101': `the gateway does not serve this API here: check region and endpoint (ModelArts v1 training was retired on Huawei Cloud's public regions in 2023)`,
  'APIG.0101': `the gateway does not serve this API here: check region and endpoint (ModelArts v1 training was retired on Huawei Cloud's public regions in 2023)`,
  'ModelArts.0201': 'no IAM token was accepted: set auth_token, or use access_key/secret_key or idp_id',
  'ModelArts.0202': 'the IAM token has expired (tokens last 24 h): pass a fresh auth_token',
  'ModelArts.0203': 'the IAM token is invalid: pass a project-scoped token for this region as auth_token',
  'ModelArts.0206':
    'the AK/SK is invalid: check access_key and secret_key (and security_token for temporary keys)',
  'ModelArts.0207': 'the IAM token is not scoped to a project: request a project-scoped token',
  'ModelArts.0212': 'the IAM token is not scoped to a project: request a project-scoped token',
  'ModelArts.0210':
    'project_id does not belong to these credentials or this region: check project_id and region',
  'ModelArts.0104': 'a parameter was rejected, often workspace_id: check workspace_id and the job fields',
  'ModelArts.0108':
    'not authorized: give the IAM user ModelArts permissions, and grant ModelArts access (console: Settings > Access Authorization)',
  'ModelArts.2785':
    'ModelArts has no agency authorization in this region: grant it in the ModelArts console (Settings > Access Authorization)',
  'ModelArts.2763':
    'this flavor is not available to the account: pick a spec.resource.flavor_id from GET /v2/{project_id}/training-job-flavors',
  'ModelArts.2781':
    'no such flavor in this region: pick a spec.resource.flavor_id from GET /v2/{project_id}/training-job-flavors',
  'ModelArts.2784':
    'the IAM token was refused: pass a fresh auth_token scoped to this project, or check project_id and the identity provider for keyless OIDC',
  'ModelArts.2775':
    'the training job does not exist (deleted, or in another project or region): check job ids and project_id',
  'ModelArts.2815': 'a ModelArts quota is exhausted: delete old jobs or ask for a higher quota',
  'ModelArts.0106': 'a ModelArts quota is exhausted: delete old jobs or ask for a higher quota',
  'ModelArts.4310': 'ModelArts may not use the OBS path: check the bucket policy and the ModelArts agency'
}

/**
 * How to fix a failure, by service error code first, then by HTTP status. A refusal of the credentials is
 * about the kind that was sent (`credentials`): a rejected auth_token never gets a hint about access keys.
 */
export function hintFor(
  code: string | undefined,
  status?: number,
  credentials?: CredentialKind
): string | undefined {
  const refused =
    (code !== undefined && REFUSAL_CODES.has(code)) ||
    (status === 401 && (code === undefined || HINTS[code] === undefined))
  if (refused && credentials !== undefined && credentials !== 'aksk') return REFUSED[credentials]
  if (code !== undefined && HINTS[code] !== undefined) return HINTS[code]
  if (status === 429) return 'requests are being throttled: wait, or poll less often (poll_interval)'
  if (status === 401) return `the credentials were not accepted: ${CREDENTIALS_HINT}`
  if (status === 403)
    return 'the credentials lack permission for this call: check the IAM policies of the user'
  if (status !== undefined && status >= 500) return 'the service had an internal error: try again later'
  return undefined
}

/** The request a message refers to, without its query string. */
export interface RequestLabel {
  method: string
  url: string
}

function describe(request: RequestLabel): string {
  try {
    const url = new URL(request.url)
    return `${request.method} ${url.pathname}`
  } catch {
    return request.method
  }
}

function hostOf(request: RequestLabel): string {
  try {
    return new URL(request.url).host
  } catch {
    return 'the service'
  }
}

function collapse(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max)}…` : line
}

function withHint(message: string, hint: string | undefined): string {
  return hint ? `${message}. Hint: ${hint}` : message
}

/** The error fields a Huawei Cloud JSON body may carry, under any of its spellings. */
export interface ServiceErrorBody {
  code?: string
  message?: string
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value
  if (typeof value === 'number') return String(value)
  return undefined
}

/** Reads `{error_code, error_msg}`, the v1 `{error_code, error_message}` and IAM's `{error: {code, message}}`. */
export function readServiceError(body: unknown): ServiceErrorBody {
  if (!isRecord(body)) return {}
  const nested = isRecord(body.error) ? body.error : {}
  return {
    code: text(body.error_code) ?? text(nested.code),
    message: text(body.error_message) ?? text(body.error_msg) ?? text(nested.message)
  }
}

export function serviceError(
  request: RequestLabel,
  status: number,
  body: unknown,
  extra: {
    requestId?: string
    retryAfterMs?: number
    credentials?: CredentialKind
    /**
     * Masks secrets in service text. Applied to the decoded code and message too, before the message is cut:
     * a secret echoed JSON-escaped (`\u0053…`, `\/`) only shows once decoded, and a cut one escapes the mask.
     */
    redact?: (text: string) => string
  } = {}
): HuaweiCloudError {
  const redact = extra.redact ?? ((value: string): string => value)
  const read = readServiceError(body)
  const code = read.code === undefined ? undefined : redact(read.code)
  const message = read.message === undefined ? undefined : redact(read.message)
  const what =
    [code, message ? collapse(message, 500) : undefined].filter(Boolean).join(': ') || 'no error details'
  const requestId = extra.requestId ? ` (request id ${extra.requestId})` : ''
  return new HuaweiCloudError(
    withHint(
      `${describe(request)} failed with HTTP ${status}: ${what}${requestId}`,
      hintFor(code, status, extra.credentials)
    ),
    { kind: 'service', requestSent: true, code, status, retryAfterMs: extra.retryAfterMs }
  )
}

export function nonJsonError(
  request: RequestLabel,
  status: number,
  body: string,
  retryAfterMs?: number,
  redact: (text: string) => string = value => value
): HuaweiCloudError {
  // Masked before it is cut, so no piece of a secret is left for the runner's mask to miss.
  const shown = body.trim() === '' ? 'an empty body' : `"${collapse(redact(body), 200)}"`
  return new HuaweiCloudError(
    withHint(
      `${describe(request)} returned HTTP ${status} with a body that is not JSON: ${shown}`,
      status >= 200 && status < 300
        ? 'check that endpoint points at the ModelArts API'
        : hintFor(undefined, status)
    ),
    { kind: 'protocol', requestSent: true, status, retryAfterMs }
  )
}

/** System error codes that prove nothing reached the server. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_INVALID_URL'
])

function systemCode(error: unknown): string | undefined {
  if (isRecord(error) && typeof error.code === 'string') return error.code
  return undefined
}

export function networkError(request: RequestLabel, error: unknown): HuaweiCloudError {
  const code = systemCode(error)
  const host = hostOf(request)
  const reason = code ?? (error instanceof Error ? collapse(error.message, 200) : 'unknown error')
  const hint =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? 'the host name does not resolve: check region and endpoint'
      : code === 'ECONNREFUSED'
        ? 'nothing listens there: check endpoint'
        : code?.startsWith('CERT_') || code?.includes('CERT')
          ? 'TLS certificate problem: check endpoint (and NODE_EXTRA_CA_CERTS for a private CA)'
          : undefined
  return new HuaweiCloudError(withHint(`${describe(request)}: cannot reach ${host} (${reason})`, hint), {
    kind: 'network',
    requestSent: code === undefined || !NOT_SENT_CODES.has(code),
    systemCode: code
  })
}

/** The response grew past `maxBytes`; what was read is dropped. */
export function tooLargeError(request: RequestLabel, maxBytes: number): HuaweiCloudError {
  return new HuaweiCloudError(
    `${describe(request)}: the answer from ${hostOf(request)} is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB; it was not read to its end. Hint: check that endpoint points at the ModelArts API`,
    { kind: 'protocol', requestSent: true, retryable: false }
  )
}

/** Getting credentials failed before the request was sent: a credential failure, never an ambiguous call. */
export function credentialsError(cause: unknown): HuaweiCloudError {
  const message = errorMessage(cause)
  return new HuaweiCloudError(message, { kind: 'credentials', requestSent: false, retryable: false })
}

export function timeoutError(request: RequestLabel, timeoutMs: number): HuaweiCloudError {
  return new HuaweiCloudError(
    `${describe(request)}: no answer from ${hostOf(request)} within ${Math.round(timeoutMs / 100) / 10} s`,
    { kind: 'timeout', requestSent: true }
  )
}

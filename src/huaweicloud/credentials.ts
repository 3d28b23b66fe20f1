/**
 * The three ways to authenticate (AK/SK, IAM token, GitHub OIDC) behind one Authorizer interface,
 * plus the two IAM calls they need. No @actions/core: the caller masks what `secretsOf` lists and
 * what `onToken` receives.
 */
import { isRecord } from '../util/values.js'
import { HuaweiCloudError } from './errors.js'
import { describeIdTokenClaims } from './id-token-claims.js'
import type { Requester } from './http.js'
import { signRequest } from './signer.js'
import type { Authorizer } from './types.js'

/** Renew an OIDC-exchanged token this long before it expires. */
export const TOKEN_RENEWAL_MARGIN_MS = 5 * 60_000
/** Assumed lifetime when IAM's answer has no readable expiry. */
const FALLBACK_TOKEN_LIFETIME_MS = 60 * 60_000

/**
 * The values that must be masked in logs; empty and undefined ones are left out. The access key is not
 * secret on its own, but it names the account: a server message that echoes it is masked too.
 */
export function secretsOf(credentials: {
  accessKey?: string
  secretKey?: string
  securityToken?: string
  authToken?: string
}): string[] {
  return [
    credentials.accessKey,
    credentials.secretKey,
    credentials.securityToken,
    credentials.authToken
  ].filter((value): value is string => typeof value === 'string' && value !== '')
}

/** `text` with every secret replaced by `***`, as the runner masks them (and before it does). Pure. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  // Longest first: a secret that contains another is masked whole.
  return [...secrets]
    .filter(secret => secret !== '')
    .sort((a, b) => b.length - a.length)
    .reduce((shown, secret) => shown.split(secret).join('***'), text)
}

export interface AccessKeyOptions {
  accessKey: string
  secretKey: string
  /** For temporary AK/SK; sent as X-Security-Token and signed. */
  securityToken?: string
  /** Sent as X-Project-Id and signed, as the official SDKs do for regional services. */
  projectId?: string
  now?: () => Date
}

export function accessKeyAuthorizer(options: AccessKeyOptions): Authorizer {
  const now = options.now ?? ((): Date => new Date())
  const keys = { accessKey: options.accessKey, secretKey: options.secretKey }
  return {
    description: 'AK/SK (signed requests)',
    kind: 'aksk',
    async authorize(request) {
      const extra: Record<string, string> = {}
      if (options.projectId) extra['X-Project-Id'] = options.projectId
      if (options.securityToken) extra['X-Security-Token'] = options.securityToken
      const signed = signRequest({ ...request, headers: { ...request.headers, ...extra } }, keys, now())
      return { ...extra, ...signed }
    }
  }
}

export function tokenAuthorizer(token: string): Authorizer {
  return {
    description: 'IAM token',
    kind: 'token',
    async authorize() {
      return { 'X-Auth-Token': token }
    }
  }
}

export interface IamToken {
  token: string
  expiresAt: Date
}

export interface OidcOptions {
  idpId: string
  iamEndpoint: string
  projectId: string
  /** The workflow's GitHub OIDC token (core.getIDToken with the audience). */
  getIdToken: () => Promise<string>
  /** Trades the ID token for an IAM token: normally `exchangeIdToken` bound to an http client. */
  exchange: (idToken: string) => Promise<IamToken>
  /** Receives every new IAM token (and ID token) before use, so that the caller can mask it. */
  onToken?: (secret: string) => void
  now?: () => Date
}

export function oidcAuthorizer(options: OidcOptions): Authorizer {
  const now = options.now ?? ((): Date => new Date())
  let current: (IamToken & { renewAt: number }) | undefined
  let pending: Promise<IamToken & { renewAt: number }> | undefined

  async function renew(): Promise<IamToken & { renewAt: number }> {
    const idToken = await options.getIdToken()
    options.onToken?.(idToken)
    const obtainedAt = now().getTime()
    const fresh = await options.exchange(idToken)
    options.onToken?.(fresh.token)
    // Renew ahead of expiry; a short-lived token keeps three quarters of its life.
    const lifetime = fresh.expiresAt.getTime() - obtainedAt
    return { ...fresh, renewAt: fresh.expiresAt.getTime() - Math.min(TOKEN_RENEWAL_MARGIN_MS, lifetime / 4) }
  }

  function isFresh(token: typeof current): token is IamToken & { renewAt: number } {
    return token !== undefined && now().getTime() < token.renewAt
  }

  return {
    description: `GitHub OIDC via identity provider ${options.idpId}`,
    kind: 'oidc',
    async authorize() {
      if (!isFresh(current)) {
        // Concurrent requests share one exchange; a failed one is not cached.
        pending ??= renew().finally(() => {
          pending = undefined
        })
        current = await pending
      }
      return { 'X-Auth-Token': current.token }
    },
    invalidate() {
      current = undefined
    }
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}

/** Reads IAM's `expires_at` (`2024-01-01T00:00:00.000000Z`, microseconds allowed). */
export function parseIamExpiry(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined
  const time = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'))
  return Number.isNaN(time) ? undefined : new Date(time)
}

/** Trades a GitHub OIDC ID token for a project-scoped IAM token through identity provider `idpId`. */
export async function exchangeIdToken(
  http: Requester,
  iamEndpoint: string,
  idpId: string,
  projectId: string,
  idToken: string,
  now: () => Date = () => new Date()
): Promise<IamToken> {
  const context = `Exchanging the GitHub OIDC token at IAM (identity provider ${idpId}) failed`
  const fix =
    'check idp_id, oidc_audience and the identity provider (issuer https://token.actions.githubusercontent.com, client id = audience, mapping rules)'
  try {
    const response = await http.request<unknown>({
      method: 'POST',
      url: `${trimSlash(iamEndpoint)}/v3.0/OS-AUTH/id-token/tokens`,
      headers: { 'X-Idp-Id': idpId },
      body: { auth: { id_token: { id: idToken }, scope: { project: { id: projectId } } } },
      // Nothing is created: a repeated exchange only mints another token.
      idempotent: true,
      anonymous: true
    })
    const token = response.headers['x-subject-token']
    if (!token) {
      throw new HuaweiCloudError(`${context}: IAM answered without an X-Subject-Token header`, {
        kind: 'protocol',
        requestSent: true,
        status: response.status
      })
    }
    const body = isRecord(response.body) ? response.body : {}
    const expiresAt =
      parseIamExpiry(isRecord(body.token) ? body.token.expires_at : undefined) ??
      new Date(now().getTime() + FALLBACK_TOKEN_LIFETIME_MS)
    return { token, expiresAt }
  } catch (error) {
    if (error instanceof HuaweiCloudError && !error.message.startsWith(context)) {
      const status = error.status
      // A refusal is fixed in the provider's settings: show what GitHub sent to compare them with.
      const hinted =
        status === 400 || status === 401 || status === 403
          ? `${error.message}. Also ${fix}; ${describeIdTokenClaims(idToken)} (pull requests from forks get no OIDC token at all)`
          : error.message
      throw new HuaweiCloudError(`${context}: ${hinted}`, error)
    }
    throw error
  }
}

/** The id of the project named after `region`, e.g. cn-north-4: exactly one must exist. */
export async function lookupProjectId(http: Requester, iamEndpoint: string, region: string): Promise<string> {
  const response = await http.request<unknown>({
    method: 'GET',
    url: `${trimSlash(iamEndpoint)}/v3/projects`,
    query: { name: region },
    idempotent: true
  })
  const body = isRecord(response.body) ? response.body : {}
  const projects = Array.isArray(body.projects) ? body.projects.filter(isRecord) : []
  const ids = projects
    .map(project => project.id)
    .filter((id): id is string => typeof id === 'string' && id !== '')
  if (ids.length === 1 && ids[0] !== undefined) return ids[0]
  const problem =
    ids.length === 0
      ? `IAM lists no project named "${region}" for these credentials`
      : `IAM lists ${ids.length} projects named "${region}"`
  throw new HuaweiCloudError(
    `${problem}: set project_id (console: My Credentials > Projects), or check region`,
    {
      kind: 'service',
      requestSent: true,
      status: response.status,
      retryable: false
    }
  )
}

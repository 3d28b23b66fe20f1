/**
 * The claims of a GitHub OIDC ID token that an identity provider's settings must match: `iss` (the provider URL),
 * `aud` (its client id) and `sub` (what the mapping rules admit). Shown when IAM refuses the exchange so the
 * mapping can be fixed; the token itself is never shown. Pure; the signature is not checked (IAM does that).
 */
import { isRecord } from '../util/values.js'

export interface IdTokenClaims {
  iss: string | undefined
  aud: string | undefined
  sub: string | undefined
}

/** A claim as one short line: the token is GitHub's, but a log line must not be broken or flooded by it. */
function shown(value: unknown): string | undefined {
  const text = Array.isArray(value)
    ? value.filter(item => typeof item === 'string').join(', ')
    : typeof value === 'string'
      ? value
      : undefined
  if (text === undefined) return undefined
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f]/g, ' ')
  return line.length > 200 ? `${line.slice(0, 200)}…` : line
}

/** iss, aud and sub of a JWT's payload; undefined when `token` is not a JWT with a JSON object payload. */
export function idTokenClaims(token: string): IdTokenClaims | undefined {
  const payload = token.split('.')[1]
  if (token.split('.').length !== 3 || !payload) return undefined
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
  if (!isRecord(claims)) return undefined
  return { iss: shown(claims.iss), aud: shown(claims.aud), sub: shown(claims.sub) }
}

/** `the token GitHub issued has iss "…", aud "…", sub "…"`: one clause for a failure line. */
export function describeIdTokenClaims(token: string): string {
  const claims = idTokenClaims(token)
  if (claims === undefined) return 'the token GitHub issued could not be read as a JWT'
  const parts = (['iss', 'aud', 'sub'] as const).map(name =>
    claims[name] === undefined ? `no ${name}` : `${name} "${claims[name]}"`
  )
  return `the token GitHub issued has ${parts.join(', ')}`
}

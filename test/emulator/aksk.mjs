// Server-side check of SDK-HMAC-SHA256 signatures, built from Huawei's own Node signer so that the
// emulator agrees with the SDK by construction rather than by a second implementation.
import signerModule from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js'

const { AKSKSigner } = signerModule

const AUTHORIZATION =
  /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)\s*$/
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/

/**
 * @typedef {{ method: string, path: string, query: Record<string, string[]>,
 *   headers: Record<string, string | string[] | undefined>, body: Buffer }} ReceivedRequest
 * @typedef {{ ok: true, accessKey: string } | { ok: false, reason: string }} Verdict
 */

/** @param {string | undefined} header */
function parseAuthorization(header) {
  const match = header === undefined ? null : AUTHORIZATION.exec(header)
  if (!match) return undefined
  return { accessKey: match[1], signedHeaders: match[2], signature: match[3].toLowerCase() }
}

/** `20191115T033655Z` → epoch ms, or NaN. @param {string} value */
function parseSdkDate(value) {
  const m = SDK_DATE.exec(value)
  if (!m) return NaN
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])
}

/** @param {string | string[] | undefined} value */
function headerText(value) {
  return Array.isArray(value) ? value.join(',') : (value ?? '')
}

/**
 * The signature the client should have sent, recomputed with the SDK's canonicalisation steps.
 * @param {ReceivedRequest} request
 * @param {string} signedHeaders exactly as listed in the Authorization header
 * @param {string} secretKey
 */
function expectedSignature(request, signedHeaders, secretKey) {
  // The SDK signs the decoded path and encodes each segment itself; the wire path is percent-encoded.
  const decodedPath = request.path
    .split('/')
    .map(segment => decodeURIComponent(segment))
    .join('/')
  const canonicalUri = AKSKSigner.CanonicalURI(decodedPath)
  /** @type {Record<string, string | string[]>} */
  const queryParams = {}
  for (const [key, values] of Object.entries(request.query)) {
    queryParams[key] = values.length === 1 ? values[0] : [...values]
  }
  const canonicalQuery = AKSKSigner.CanonicalQueryString({ queryParams })
  /** @type {Record<string, string>} */
  const signed = {}
  for (const name of signedHeaders.split(';')) signed[name] = headerText(request.headers[name])
  const canonicalHeaders = AKSKSigner.buildCanonicalHeaders(signed)
  const contentSha = request.headers['x-sdk-content-sha256']
  // Hex hashes whatever crypto accepts: the raw bytes, not a re-encoded string.
  const payloadHash = contentSha
    ? headerText(contentSha)
    : AKSKSigner.Hex(/** @type {string} */ (/** @type {unknown} */ (request.body)))
  const canonicalRequest = AKSKSigner.buildCanonicalRequest(
    request.method.toUpperCase(),
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    payloadHash
  )
  const date = headerText(request.headers['x-sdk-date'])
  const stringToSign = AKSKSigner.getStringToSign('SDK-HMAC-SHA256', date, AKSKSigner.Hex(canonicalRequest))
  return AKSKSigner.hmacSHA256(secretKey, stringToSign)
}

/**
 * @param {ReceivedRequest} request
 * @param {{ accessKey: string, secretKey: string, nowMs: number, clockSkewMs: number }} expected
 * @returns {Verdict}
 */
export function verifySignature(request, { accessKey, secretKey, nowMs, clockSkewMs }) {
  const auth = parseAuthorization(headerText(request.headers['authorization']))
  if (!auth) return { ok: false, reason: 'malformed Authorization header' }
  const names = auth.signedHeaders.split(';')
  if (!names.includes('x-sdk-date')) return { ok: false, reason: 'x-sdk-date is not signed' }
  const missing = names.find(name => request.headers[name] === undefined)
  if (missing) return { ok: false, reason: `signed header ${missing} is missing` }
  const date = parseSdkDate(headerText(request.headers['x-sdk-date']))
  if (Number.isNaN(date)) return { ok: false, reason: 'x-sdk-date is not YYYYMMDDTHHMMSSZ' }
  if (Math.abs(nowMs - date) > clockSkewMs) return { ok: false, reason: 'signature expired' }
  if (auth.accessKey !== accessKey) return { ok: false, reason: 'unknown access key' }
  if (expectedSignature(request, auth.signedHeaders, secretKey) !== auth.signature) {
    return { ok: false, reason: 'signature mismatch' }
  }
  return { ok: true, accessKey: auth.accessKey }
}

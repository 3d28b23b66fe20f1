/**
 * SDK-HMAC-SHA256 request signing, as Huawei Cloud's API gateway checks it.
 * Pure: no I/O, no clock (the caller passes `now`).
 */
import { createHash, createHmac } from 'node:crypto'
import type { OutgoingRequest } from './types.js'

export interface AccessKeyPair {
  accessKey: string
  secretKey: string
}

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256'

/** Headers signed when present, besides `host` and `x-sdk-date` (which are always signed). */
const OPTIONAL_SIGNED_HEADERS = ['content-type', 'x-project-id', 'x-security-token']

/** `20191115T033655Z`: UTC, basic ISO 8601, no fraction. */
export function formatSdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '')
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x2e || // .
    byte === 0x5f || // _
    byte === 0x7e // ~
  )
}

function percentEncodeBytes(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) {
    out += isUnreserved(byte)
      ? String.fromCharCode(byte)
      : '%' + byte.toString(16).toUpperCase().padStart(2, '0')
  }
  return out
}

/** Percent-encodes the UTF-8 bytes of `text`, keeping only `A-Z a-z 0-9 - _ . ~`. */
export function signerEncode(text: string): string {
  return percentEncodeBytes(Buffer.from(text, 'utf8'))
}

/** Decodes `%XX` escapes to bytes; anything else (including a malformed `%`) stays as its UTF-8 bytes. */
function percentDecodeToBytes(text: string): Uint8Array {
  const bytes: number[] = []
  for (let i = 0; i < text.length;) {
    if (text[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16))
      i += 3
      continue
    }
    const codePoint = text.codePointAt(i) ?? 0
    const char = String.fromCodePoint(codePoint)
    bytes.push(...Buffer.from(char, 'utf8'))
    i += char.length
  }
  return Uint8Array.from(bytes)
}

/**
 * The URL path as the gateway canonicalises it: decode, split on `/`, encode each segment,
 * and end with `/`. `pathname` is the path as it appears in the URL (percent-encoded or not).
 */
export function canonicalUri(pathname: string): string {
  const bytes = percentDecodeToBytes(pathname)
  const segments: string[] = []
  let start = 0
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x2f) {
      segments.push(percentEncodeBytes(bytes.subarray(start, i)))
      start = i + 1
    }
  }
  const uri = segments.join('/')
  return uri.endsWith('/') ? uri : uri + '/'
}

// Plain UTF-16 order, the order of JavaScript's default sort used by the official Node.js signer.
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Keys sorted, repeated keys' values sorted, key and value encoded, joined with `&`. */
export function canonicalQueryString(search: URLSearchParams): string {
  const valuesByKey = new Map<string, string[]>()
  for (const [key, value] of search) {
    const values = valuesByKey.get(key)
    if (values) values.push(value)
    else valuesByKey.set(key, [value])
  }
  const pairs: string[] = []
  for (const key of [...valuesByKey.keys()].sort(compareStrings)) {
    for (const value of (valuesByKey.get(key) ?? []).sort(compareStrings)) {
      pairs.push(`${signerEncode(key)}=${signerEncode(value)}`)
    }
  }
  return pairs.join('&')
}

function headerValue(headers: Record<string, string>, lowerName: string): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === lowerName) return value
  }
  return undefined
}

/**
 * The six canonical parts joined with `\n`. `signedHeaders` are lower-case names; their values come
 * from `req.headers` (any case), except `host`, which defaults to the URL's host (with a non-default port).
 */
export function canonicalRequest(req: OutgoingRequest, signedHeaders: string[]): string {
  const url = new URL(req.url)
  const names = signedHeaders.map(name => name.toLowerCase()).sort(compareStrings)
  const canonicalHeaders = names
    .map(name => {
      const value = headerValue(req.headers, name) ?? (name === 'host' ? url.host : '')
      return `${name}:${value.trim()}\n`
    })
    .join('')
  return [
    req.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQueryString(url.searchParams),
    canonicalHeaders,
    names.join(';'),
    sha256Hex(req.body)
  ].join('\n')
}

export function stringToSign(sdkDate: string, canonical: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`
}

export function signature(secretKey: string, toSign: string): string {
  return createHmac('sha256', Buffer.from(secretKey, 'utf8')).update(toSign, 'utf8').digest('hex')
}

/** The names `signRequest` signs for this request: host, x-sdk-date and the optional headers present. */
export function headersToSign(req: OutgoingRequest): string[] {
  const present = new Set(Object.keys(req.headers).map(name => name.toLowerCase()))
  return ['host', 'x-sdk-date', ...OPTIONAL_SIGNED_HEADERS.filter(name => present.has(name))].sort(
    compareStrings
  )
}

/** Returns the headers to add to `req`: `X-Sdk-Date` and `Authorization`. */
export function signRequest(req: OutgoingRequest, keys: AccessKeyPair, now: Date): Record<string, string> {
  const sdkDate = formatSdkDate(now)
  const withoutDate = Object.fromEntries(
    Object.entries(req.headers).filter(([name]) => name.toLowerCase() !== 'x-sdk-date')
  )
  const dated: OutgoingRequest = { ...req, headers: { ...withoutDate, 'X-Sdk-Date': sdkDate } }
  const signed = headersToSign(dated)
  const toSign = stringToSign(sdkDate, canonicalRequest(dated, signed))
  return {
    'X-Sdk-Date': sdkDate,
    Authorization: `${SIGNING_ALGORITHM} Access=${keys.accessKey}, SignedHeaders=${signed.join(';')}, Signature=${signature(keys.secretKey, toSign)}`
  }
}

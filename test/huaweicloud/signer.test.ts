import { createRequire } from 'node:module'
import {
  canonicalQueryString,
  canonicalRequest,
  canonicalUri,
  formatSdkDate,
  sha256Hex,
  signRequest,
  signature,
  stringToSign
} from '../../src/huaweicloud/signer.js'
import type { HttpMethod, OutgoingRequest } from '../../src/huaweicloud/types.js'

/** The official Node.js SDK signer (CommonJS), used as the oracle. */
interface OracleRequest {
  method: string
  endpoint: string
  headers: Record<string, string>
  queryParams: Record<string, string | string[]>
  data?: unknown
}
interface OracleSigner {
  sign(request: OracleRequest, credential: { getAk(): string; getSk(): string }): Record<string, string>
  CanonicalURI(path: string): string
}
const require = createRequire(import.meta.url)
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js') as {
  AKSKSigner: OracleSigner
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

describe('vectors from the Go SDK tests (AK=AccessKey, SK=SecretKey, only x-sdk-date signed)', () => {
  const headers = { 'X-Sdk-Date': '20060102T150405Z' }
  const sign = (req: OutgoingRequest): string =>
    signature('SecretKey', stringToSign('20060102T150405Z', canonicalRequest(req, ['x-sdk-date'])))

  it('GET with a query and no body', () => {
    const req: OutgoingRequest = { method: 'GET', url: 'http://example.com/path?limit=1', headers, body: '' }
    const canonical = canonicalRequest(req, ['x-sdk-date'])
    expect(canonical).toBe(`GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\n${EMPTY_SHA256}`)
    expect(sha256Hex(canonical)).toBe('85c3b7730f308aee452b16138a42a914397e43a8f0d732dfa521c0ef2afa98a4')
    expect(sign(req)).toBe('5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624')
  })

  it('POST with a JSON body (ending in a newline, as Go encodes it)', () => {
    const req: OutgoingRequest = {
      method: 'POST',
      url: 'http://example.com/path?key=value',
      headers,
      body: '{"Name":"test","Id":1}\n'
    }
    expect(sign(req)).toBe('cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59')
  })

  it('canonical query: sorted keys, sorted repeated values, strict encoding', () => {
    const search = new URLSearchParams()
    search.append('limit', '1')
    search.append('enable', 'true')
    search.append('test', '一 (&=?!#%.*)')
    search.append('path', '/tmp/123')
    for (const value of ['3', '1', '2']) search.append('multi', value)
    expect(canonicalQueryString(search)).toBe(
      'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29'
    )
  })
})

describe('Huawei documentation example', () => {
  it('turns the documented StringToSign into the documented signature', () => {
    const toSign =
      'SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a'
    expect(signature('MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc', toSign)).toBe(
      '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe'
    )
  })
})

describe('pieces', () => {
  it('formats X-Sdk-Date in UTC without fractions', () => {
    expect(formatSdkDate(new Date('2019-11-15T03:36:55.987Z'))).toBe('20191115T033655Z')
  })

  it.each([
    ['/', '/'],
    ['/v1/abc/training-jobs', '/v1/abc/training-jobs/'],
    ['/v1/abc/training-jobs/', '/v1/abc/training-jobs/'],
    ['/a%20b/c', '/a%20b/c/'],
    ['/a b', '/a%20b/'],
    ['/%E6%97%A5', '/%E6%97%A5/'],
    ['/x%2Fy', '/x/y/'],
    ['/%7e%2d', '/~-/'],
    ['/50%zz', '/50%25zz/']
  ])('canonicalUri(%j) = %j', (path, expected) => {
    expect(canonicalUri(path)).toBe(expected)
  })

  it('trims header values and lower-cases and sorts header names', () => {
    const req: OutgoingRequest = {
      method: 'GET',
      url: 'https://h.example:8443/p',
      headers: { 'X-Sdk-Date': ' 20200101T000000Z ', 'X-Project-Id': 'abc' },
      body: ''
    }
    const lines = canonicalRequest(req, ['X-Sdk-Date', 'host', 'x-project-id']).split('\n')
    expect(lines.slice(3, 7)).toEqual([
      'host:h.example:8443',
      'x-project-id:abc',
      'x-sdk-date:20200101T000000Z',
      ''
    ])
    expect(lines[7]).toBe('host;x-project-id;x-sdk-date')
  })

  it('signs host, x-sdk-date and only the listed optional headers, and replaces a stale X-Sdk-Date', () => {
    const req: OutgoingRequest = {
      method: 'POST',
      url: 'https://modelarts.cn-north-4.myhuaweicloud.com/v1/p/training-jobs',
      headers: {
        'content-type': 'application/json;charset=UTF-8',
        'X-Security-Token': 'tok',
        'User-Agent': 'ua',
        Accept: 'application/json',
        'X-Sdk-Date': '19990101T000000Z'
      },
      body: '{}'
    }
    const added = signRequest(req, { accessKey: 'AK', secretKey: 'SK' }, new Date('2024-05-06T07:08:09Z'))
    expect(Object.keys(added).sort()).toEqual(['Authorization', 'X-Sdk-Date'])
    expect(added['X-Sdk-Date']).toBe('20240506T070809Z')
    expect(added.Authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-sdk-date;x-security-token, Signature=[0-9a-f]{64}$/
    )
  })
})

/** mulberry32: small seeded generator, so that every run checks the same requests. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Characters the oracle's url.parse leaves untouched in a path (it escapes spaces, quotes, `{}|^\` itself).
const PATH_CHARS = [
  ...'abcxyzABCXYZ0189-_.~;,=@:!$&()*+',
  'é',
  'ü',
  'ß',
  'Ω',
  '日',
  '本',
  '語',
  '€',
  '😀',
  '𝄞'
]
// Anything may appear in query keys and values: they are percent-encoded on the wire.
const QUERY_CHARS = [
  ...PATH_CHARS,
  ' ',
  '&',
  '=',
  '+',
  '?',
  '#',
  '/',
  '%',
  '"',
  "'",
  '<',
  '>',
  '{',
  '}',
  '|',
  '^'
]
const SEGMENT_CHARS = [
  ...PATH_CHARS,
  ' ',
  '%',
  '"',
  "'",
  '<',
  '>',
  '{',
  '}',
  '|',
  '^',
  '`',
  '[',
  ']',
  '?',
  '#'
]
const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE']

describe('agreement with the official Node.js SDK signer', () => {
  const random = seeded(20240506)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const word = (chars: readonly string[], min: number, max: number): string =>
    Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, () => pick(chars)).join('')
  const segment = (chars: readonly string[]): string => {
    const text = word(chars, 1, 6)
    return /^\.+$/.test(text) ? `${text}x` : text // dot segments would be normalised away by URL parsers
  }
  const path = (chars: readonly string[]): string => {
    const segments = Array.from({ length: Math.floor(random() * 4) }, () => segment(chars))
    return '/' + segments.join('/') + (segments.length > 0 && random() < 0.3 ? '/' : '')
  }

  function jsonValue(depth: number): unknown {
    const r = random()
    if (depth > 2 || r < 0.3) return word(QUERY_CHARS, 0, 8)
    if (r < 0.45) return Math.floor(random() * 1e6) - 5e5
    if (r < 0.55) return random() < 0.5
    if (r < 0.6) return null
    if (r < 0.8) return Array.from({ length: Math.floor(random() * 3) }, () => jsonValue(depth + 1))
    return Object.fromEntries(
      Array.from({ length: Math.floor(random() * 4) }, () => [word(QUERY_CHARS, 1, 5), jsonValue(depth + 1)])
    )
  }

  interface Case {
    request: OutgoingRequest
    oracle: OracleRequest
    now: Date
  }

  function generate(): Case {
    const method = pick(METHODS)
    const origin = new URL(
      `${pick(['https', 'http'])}://${pick(['modelarts.cn-north-4.myhuaweicloud.com', '127.0.0.1', 'h.example'])}${pick(['', ':443', ':80', ':8443', ':1'])}`
    ).origin
    const rawPath = path(PATH_CHARS)
    const keyPool = Array.from({ length: 3 }, () => word(QUERY_CHARS, 1, 4))
    const pairs = Array.from({ length: Math.floor(random() * 6) }, () => [
      pick(keyPool),
      word(QUERY_CHARS, 0, 5)
    ])
    const queryParams: Record<string, string | string[]> = {}
    for (const [key, value] of pairs as [string, string][]) {
      const existing = queryParams[key]
      queryParams[key] =
        existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value]
    }
    const query = pairs
      .map(([k, v]) => `${encodeURIComponent(k ?? '')}=${encodeURIComponent(v ?? '')}`)
      .join('&')
    // Request bodies are JSON objects (the oracle skips falsy bodies such as `null` or `""`).
    const data =
      random() < 0.4 ? undefined : { ...(random() < 0.2 ? {} : { [word(QUERY_CHARS, 1, 5)]: jsonValue(0) }) }
    const body = data === undefined ? '' : JSON.stringify(data)
    const headers: Record<string, string> = {}
    if (body !== '') headers['Content-Type'] = 'application/json;charset=UTF-8'
    if (random() < 0.5) headers['X-Project-Id'] = word([...'0123456789abcdef'], 32, 32)
    if (random() < 0.4)
      headers['X-Security-Token'] = word([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789+/='], 20, 80)
    const now = new Date(Date.UTC(2000, 0, 1) + Math.floor(random() * 40 * 365 * 86_400) * 1000)
    const url = `${origin}${rawPath}${query ? `?${query}` : ''}`
    return {
      request: { method, url, headers, body },
      oracle: {
        method,
        endpoint: origin + rawPath,
        headers: { ...headers, 'X-Sdk-Date': formatSdkDate(now) },
        queryParams,
        data
      },
      now
    }
  }

  it('gives the same Authorization header on 500 generated requests', () => {
    const keys = { accessKey: 'QTWAOYTTINDUT2QVKYUC', secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' }
    const credential = { getAk: () => keys.accessKey, getSk: () => keys.secretKey }
    const cases = Array.from({ length: 500 }, generate)
    const mismatches = cases.filter(({ request, oracle, now }) => {
      const ours = signRequest(request, keys, now)
      const theirs = AKSKSigner.sign(oracle, credential)
      return ours.Authorization !== theirs.Authorization || ours['X-Sdk-Date'] !== theirs['X-Sdk-Date']
    })
    expect(mismatches.map(({ request }) => request)).toEqual([])
    // The generator did reach the interesting shapes.
    expect(cases.some(({ oracle }) => Object.values(oracle.queryParams).some(Array.isArray))).toBe(true)
    expect(cases.some(({ request }) => /[^\x20-\x7e]/.test(decodeURI(request.url)))).toBe(true)
    expect(cases.some(({ request }) => new URL(request.url).port !== '')).toBe(true)
    expect(cases.some(({ request }) => request.body === '{}')).toBe(true)
  })

  it('canonicalises 500 encoded paths (spaces, quotes, percent signs) as the SDK does the decoded path', () => {
    const mismatches: string[] = []
    for (let i = 0; i < 500; i++) {
      const segments = Array.from({ length: 1 + Math.floor(random() * 3) }, () => segment(SEGMENT_CHARS))
      const wire = new URL('https://h.example/' + segments.map(encodeURIComponent).join('/')).pathname
      const decoded = '/' + segments.join('/')
      if (canonicalUri(wire) !== AKSKSigner.CanonicalURI(decoded)) mismatches.push(decoded)
    }
    expect(mismatches).toEqual([])
  })
})

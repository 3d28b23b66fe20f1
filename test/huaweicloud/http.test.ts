import { createRequire } from 'node:module'
import { accessKeyAuthorizer } from '../../src/huaweicloud/credentials.js'
import { HuaweiCloudError } from '../../src/huaweicloud/errors.js'
import { createHttpClient, type HttpOptions, type HuaweiCloudHttp } from '../../src/huaweicloud/http.js'
import type { Authorizer, OutgoingRequest } from '../../src/huaweicloud/types.js'
import { closedPort, json, startServer, text, type LocalServer } from './local-server.js'

const require = createRequire(import.meta.url)
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js') as {
  AKSKSigner: {
    sign(
      request: {
        method: string
        endpoint: string
        headers: Record<string, string>
        queryParams: Record<string, string | string[]>
        data?: unknown
      },
      credential: { getAk(): string; getSk(): string }
    ): Record<string, string>
  }
}

const KEYS = { accessKey: 'AKTESTTESTTESTTEST01', secretKey: 'SkTestSecretKeyThatMustNeverBeLogged0123' }
const noAuth: Authorizer = { description: 'none', authorize: async () => ({}) }

let server: LocalServer
let http: HuaweiCloudHttp | undefined
let sleeps: number[]
let debugLines: string[]

beforeEach(async () => {
  server = await startServer()
  sleeps = []
  debugLines = []
})

afterEach(async () => {
  http?.dispose()
  http = undefined
  await server.close()
})

function client(overrides: Partial<HttpOptions> = {}): HuaweiCloudHttp {
  http = createHttpClient({
    authorizer: noAuth,
    userAgent: 'test-agent/1',
    retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 },
    sleep: async ms => {
      sleeps.push(ms)
    },
    random: () => 0.5,
    debug: line => debugLines.push(line),
    ...overrides
  })
  return http
}

async function failure(promise: Promise<unknown>): Promise<HuaweiCloudError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof HuaweiCloudError) return error
    throw error
  }
  throw new Error('expected the request to fail')
}

describe('successful requests', () => {
  it('parses JSON, sends the User-Agent, and no Content-Type without a body', async () => {
    server.answer(json(200, { is_success: true, jobs: [] }))
    const response = await client().request<{ jobs: unknown[] }>({
      method: 'GET',
      url: `${server.origin}/v1/p/training-jobs`,
      query: { per_page: 10, search_content: undefined, page: 1 },
      idempotent: true
    })
    expect(response.status).toBe(200)
    expect(response.body.jobs).toEqual([])
    const [received] = server.received
    expect(received?.url).toBe('/v1/p/training-jobs?per_page=10&page=1')
    expect(received?.headers['user-agent']).toContain('test-agent/1')
    expect(received?.headers['content-type']).toBeUndefined()
  })

  it('sends exactly the bytes it signed, and the official signer agrees with the signature', async () => {
    server.answer(json(200, { is_success: true }))
    const signed: OutgoingRequest[] = []
    const authorizer = accessKeyAuthorizer({ ...KEYS, projectId: 'p1', securityToken: 'temporary-token' })
    const recording: Authorizer = {
      description: authorizer.description,
      authorize: request => {
        signed.push(request)
        return authorizer.authorize(request)
      }
    }
    const body = { job_name: 'naïve job 日本', config: { parameter: [{ label: 'lr', value: '0.1' }] } }
    await client({ authorizer: recording }).request({
      method: 'POST',
      url: `${server.origin}/v1/p1/training-jobs`,
      query: { note: 'a b&c=d', n: 3 },
      body,
      idempotent: false
    })
    const [received] = server.received
    expect(received?.body).toBe(signed[0]?.body)
    expect(received?.body).toBe(JSON.stringify(body))
    expect(received?.headers['content-type']).toBe('application/json;charset=UTF-8')

    const authorization = String(received?.headers.authorization)
    const signedNames = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? []
    expect(signedNames).toEqual(['content-type', 'host', 'x-project-id', 'x-sdk-date', 'x-security-token'])
    // Rebuild the request from what arrived, as a server would, and let the SDK sign it.
    const url = new URL(received?.url ?? '', server.origin)
    const headers: Record<string, string> = {}
    for (const name of signedNames.filter(name => name !== 'host')) {
      headers[name === 'x-sdk-date' ? 'X-Sdk-Date' : name] = String(received?.headers[name])
    }
    const oracle = AKSKSigner.sign(
      {
        method: received?.method ?? '',
        endpoint: `http://${received?.headers.host}${decodeURIComponent(url.pathname)}`,
        headers,
        queryParams: Object.fromEntries(url.searchParams),
        data: JSON.parse(received?.body ?? '')
      },
      { getAk: () => KEYS.accessKey, getSk: () => KEYS.secretKey }
    )
    expect(authorization).toBe(oracle.Authorization)
  })

  it('reaches an IPv6 loopback endpoint and signs its bracketed host', async () => {
    const v6 = await startServer('::1')
    try {
      v6.answer(json(200, { is_success: true }))
      await client({ authorizer: accessKeyAuthorizer(KEYS) }).request({
        method: 'GET',
        url: `${v6.origin}/v1/p/training-jobs`,
        idempotent: true
      })
      expect(v6.received[0]?.headers.host).toBe(new URL(v6.origin).host)
    } finally {
      await v6.close()
    }
  })

  it('returns 204 and ModelArts.2776 (logs not ready) as normal responses', async () => {
    server.answer(
      (_req, res) => {
        res.writeHead(204)
        res.end()
      },
      json(200, { is_success: false, error_code: 'ModelArts.2776', error_message: 'not ready' })
    )
    const c = client()
    const empty = await c.request({ method: 'GET', url: `${server.origin}/log`, idempotent: true })
    expect(empty.status).toBe(204)
    expect(empty.body).toBeUndefined()
    const notReady = await c.request<{ error_code: string }>({
      method: 'GET',
      url: `${server.origin}/log`,
      idempotent: true
    })
    expect(notReady.body.error_code).toBe('ModelArts.2776')
  })
})

describe('retries of reads', () => {
  it('honours Retry-After (seconds) on 429', async () => {
    server.answer(
      json(429, { error_code: 'APIGW.0308', error_msg: 'throttled' }, { 'Retry-After': '3' }),
      json(200, {})
    )
    const response = await client().request({ method: 'GET', url: `${server.origin}/x`, idempotent: true })
    expect(response.status).toBe(200)
    expect(server.received).toHaveLength(2)
    expect(sleeps).toEqual([3000])
  })

  it('honours Retry-After given as an HTTP date', async () => {
    const now = Date.parse('2024-05-06T07:08:09Z')
    server.answer(json(429, {}, { 'Retry-After': new Date(now + 7000).toUTCString() }), json(200, {}))
    await client({ now: () => now }).request({ method: 'GET', url: `${server.origin}/x`, idempotent: true })
    expect(sleeps).toEqual([7000])
  })

  it('rides out a burst of 503 with growing jittered backoff, then succeeds', async () => {
    server.answer(json(503, {}), json(503, {}), json(503, {}), json(200, { ok: true }))
    const response = await client().request<{ ok: boolean }>({
      method: 'GET',
      url: `${server.origin}/x`,
      idempotent: true
    })
    expect(response.body.ok).toBe(true)
    expect(server.received).toHaveLength(4)
    // Full jitter with random() = 0.5: half of base * 2^(n-1).
    expect(sleeps).toEqual([0.5 * 100, 0.5 * 200, 0.5 * 400])
  })

  it('gives up after maxAttempts with the last error', async () => {
    server.answer(json(503, { error_code: 'ModelArts.0010', error_msg: 'internal' }))
    const error = await failure(
      client().request({ method: 'GET', url: `${server.origin}/x`, idempotent: true })
    )
    expect(server.received).toHaveLength(4)
    expect(error.status).toBe(503)
    expect(error.retryable).toBe(true)
  })

  it('does not retry a client error', async () => {
    server.answer(json(400, { error_code: 'ModelArts.2775', error_msg: 'job not found' }))
    const error = await failure(
      client().request({ method: 'GET', url: `${server.origin}/x`, idempotent: true })
    )
    expect(server.received).toHaveLength(1)
    expect(error.code).toBe('ModelArts.2775')
    expect(sleeps).toEqual([])
  })
})

describe('failures become one-line HuaweiCloudErrors', () => {
  it('says a non-JSON body is not JSON, with the status and its first 200 characters', async () => {
    const page = `<html>\n  <body>\n${'Bad   gateway '.repeat(40)}</body></html>`
    server.answer(text(502, page))
    const error = await failure(
      client({ retry: { maxAttempts: 1 } }).request({
        method: 'GET',
        url: `${server.origin}/v1/x`,
        idempotent: true
      })
    )
    expect(error.kind).toBe('protocol')
    expect(error.status).toBe(502)
    expect(error.message).toContain('not JSON')
    expect(error.message).toContain('HTTP 502')
    expect(error.message).toContain('<html> <body> Bad gateway Bad')
    expect(error.message).not.toContain('\n')
    const quoted = /"([^"]*)"/.exec(error.message)?.[1] ?? ''
    expect(quoted.replace(/…$/, '').length).toBe(200)
  })

  it('treats is_success: false under HTTP 200 as a failure, with code, message and hint', async () => {
    server.answer(
      json(200, {
        is_success: false,
        error_code: 'ModelArts.0103',
        error_message: 'Job name:train is existed'
      })
    )
    const error = await failure(
      client().request({
        method: 'POST',
        url: `${server.origin}/v1/p/training-jobs`,
        body: {},
        idempotent: false
      })
    )
    expect(error.code).toBe('ModelArts.0103')
    expect(error.status).toBe(200)
    expect(error.retryable).toBe(false)
    expect(error.message).toContain('POST /v1/p/training-jobs')
    expect(error.message).toContain('Job name:train is existed')
    expect(error.message).toContain('if_exists: new_version')
  })

  it('reads the gateway error body and hints at the credentials', async () => {
    server.answer(
      json(401, {
        error_code: 'APIGW.0301',
        error_msg: 'Incorrect IAM authentication information: verify aksk signature fail'
      })
    )
    const error = await failure(
      client({ authorizer: accessKeyAuthorizer(KEYS) }).request({
        method: 'GET',
        url: `${server.origin}/v1/p/training-jobs`,
        query: { search_content: 'secret-looking-query' },
        idempotent: true
      })
    )
    expect(server.received).toHaveLength(1)
    expect(error.status).toBe(401)
    expect(error.code).toBe('APIGW.0301')
    expect(error.message).toContain('verify aksk signature fail')
    expect(error.message).toContain('access_key')
    expect(error.message).not.toContain('secret-looking-query')
  })

  it('names the host and the system error when the port is closed, and retries reads', async () => {
    const port = await closedPort()
    const error = await failure(
      client().request({ method: 'GET', url: `http://127.0.0.1:${port}/v1/x`, idempotent: true })
    )
    expect(error.kind).toBe('network')
    expect(error.systemCode).toBe('ECONNREFUSED')
    expect(error.requestSent).toBe(false)
    expect(error.message).toContain(`127.0.0.1:${port}`)
    expect(error.message).toContain('ECONNREFUSED')
    expect(sleeps).toHaveLength(3)
  })

  it('times out on a server that never answers', async () => {
    server.answer(() => undefined)
    const error = await failure(
      client().request({ method: 'GET', url: `${server.origin}/hang`, idempotent: false, timeoutMs: 150 })
    )
    expect(error.kind).toBe('timeout')
    expect(error.requestSent).toBe(true)
    expect(error.retryable).toBe(true)
    expect(server.received).toHaveLength(1)
  })
})

describe('non-idempotent requests are sent exactly once', () => {
  it('on a 500 the error says the request reached the server', async () => {
    server.answer(json(500, { error_code: 'ModelArts.0010', error_msg: 'internal error' }))
    const error = await failure(
      client().request({
        method: 'POST',
        url: `${server.origin}/v1/p/training-jobs`,
        body: { a: 1 },
        idempotent: false
      })
    )
    expect(server.received).toHaveLength(1)
    expect(error.requestSent).toBe(true)
    expect(error.status).toBe(500)
    expect(sleeps).toEqual([])
  })

  it('on a connection reset the error says the request may have been sent', async () => {
    server.answer((_req, res) => res.socket?.destroy())
    const error = await failure(
      client().request({
        method: 'POST',
        url: `${server.origin}/v1/p/training-jobs`,
        body: { a: 1 },
        idempotent: false
      })
    )
    expect(server.received).toHaveLength(1)
    expect(error.kind).toBe('network')
    expect(error.requestSent).toBe(true)
  })
})

describe('credentials', () => {
  it('renews a rejected token once on 401 and succeeds', async () => {
    let generation = 1
    let invalidations = 0
    const renewable: Authorizer = {
      description: 'renewable token',
      authorize: async () => ({ 'X-Auth-Token': `token-${generation}` }),
      invalidate: () => {
        invalidations++
        generation++
      }
    }
    server.answer(
      json(401, { error_code: 'ModelArts.0202', error_msg: 'token expired' }),
      json(200, { ok: 1 })
    )
    const response = await client({ authorizer: renewable }).request({
      method: 'POST',
      url: `${server.origin}/v1/p/training-jobs/1/versions/2/stop`,
      idempotent: false
    })
    expect(response.status).toBe(200)
    expect(invalidations).toBe(1)
    expect(server.received.map(r => r.headers['x-auth-token'])).toEqual(['token-1', 'token-2'])
  })

  it('renews only once when the fresh token is rejected too', async () => {
    let invalidations = 0
    const renewable: Authorizer = {
      description: 'renewable token',
      authorize: async () => ({ 'X-Auth-Token': 't' }),
      invalidate: () => {
        invalidations++
      }
    }
    server.answer(json(401, { error_code: 'ModelArts.0203', error_msg: 'invalid token' }))
    const error = await failure(
      client({ authorizer: renewable }).request({
        method: 'GET',
        url: `${server.origin}/x`,
        idempotent: true
      })
    )
    expect(error.status).toBe(401)
    expect(invalidations).toBe(1)
    expect(server.received).toHaveLength(2)
  })

  it('signs every attempt afresh and never logs secrets, headers or bodies', async () => {
    const times = [Date.parse('2024-01-01T00:00:00Z'), Date.parse('2024-01-01T00:00:05Z')]
    let call = 0
    const authorizer = accessKeyAuthorizer({
      ...KEYS,
      securityToken: 'SecurityTokenValue',
      now: () => new Date(times[Math.min(call++, times.length - 1)] ?? 0)
    })
    server.answer(json(503, { error_msg: 'busy' }), json(200, { is_success: true }))
    await client({ authorizer }).request({
      method: 'PUT',
      url: `${server.origin}/v1/p/training-jobs/1`,
      body: { job_desc: 'body-marker' },
      idempotent: true
    })
    const dates = server.received.map(r => r.headers['x-sdk-date'])
    expect(dates).toEqual(['20240101T000000Z', '20240101T000005Z'])
    const signatures = server.received.map(r => /Signature=(\w+)/.exec(String(r.headers.authorization))?.[1])
    expect(debugLines.length).toBeGreaterThan(0)
    for (const line of debugLines) {
      for (const secret of [KEYS.secretKey, 'SecurityTokenValue', 'body-marker', ...signatures]) {
        expect(line).not.toContain(secret)
      }
    }
  })
})

describe('untrusted answers (issue 11)', () => {
  it('stops reading a body that never ends at the cap: one protocol error, not retried', async () => {
    server.answer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 'x')
      const more = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', more)
      }
      more()
    })
    const error = await failure(
      client({ maxResponseBytes: 256 * 1024 }).request({
        method: 'GET',
        url: `${server.origin}/v1/p/training-jobs`,
        idempotent: true
      })
    )
    expect(error.kind).toBe('protocol')
    expect(error.message).toMatch(/larger than/)
    expect(server.received).toHaveLength(1)
  })

  it('masks secrets in a server message before cutting it, so no piece of a secret is left', async () => {
    const secret = KEYS.secretKey
    server.answer(
      json(400, { error_code: 'ModelArts.0104', error_msg: `${'x'.repeat(480)} ${secret} and more` })
    )
    const error = await failure(
      client({ redact: text => text.split(secret).join('***') }).request({
        method: 'GET',
        url: `${server.origin}/v1/p/training-jobs`,
        idempotent: true
      })
    )
    expect(error.message).not.toContain(secret.slice(0, 8))
    expect(error.message).toContain('***')
  })

  /** Every character as a JSON \\u escape, or only its `/` escaped: both decode to the secret. */
  const unicodeEscaped = (value: string): string =>
    [...value].map(ch => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
  it.each([
    ['as \\u escapes', unicodeEscaped('SkTest/SecretKey')],
    ['with an escaped slash', 'SkTest\\/SecretKey']
  ])(
    'masks a secret the server echoes JSON-escaped (%s), in the message and the code',
    async (_how, escaped) => {
      const secret = 'SkTest/SecretKey'
      const body = `{"error_code":"X.${escaped}","error_msg":"${'x'.repeat(470)} ${escaped} and more"}`
      server.answer(text(400, body, { 'content-type': 'application/json' }))
      const error = await failure(
        client({ redact: value => value.split(secret).join('***') }).request({
          method: 'GET',
          url: `${server.origin}/v1/p/training-jobs`,
          idempotent: true
        })
      )
      expect(error.message).not.toContain('SkTest')
      expect(error.message).toContain('***')
    }
  )

  it('a failure to get credentials is a credential failure: nothing sent, not retried, its own message', async () => {
    const authorizer: Authorizer = {
      description: 'failing',
      authorize: async () => {
        throw new Error('Exchanging the GitHub OIDC token at IAM failed: HTTP 503')
      }
    }
    const error = await failure(
      client({ authorizer }).request({
        method: 'POST',
        url: `${server.origin}/v1/p/training-jobs`,
        body: {},
        idempotent: false
      })
    )
    expect(error).toMatchObject({ kind: 'credentials', requestSent: false, retryable: false })
    expect(error.message).toBe('Exchanging the GitHub OIDC token at IAM failed: HTTP 503')
    expect(server.received).toHaveLength(0)
  })
})

import {
  accessKeyAuthorizer,
  exchangeIdToken,
  lookupProjectId,
  oidcAuthorizer,
  secretsOf,
  tokenAuthorizer,
  TOKEN_RENEWAL_MARGIN_MS,
  type IamToken
} from '../../src/huaweicloud/credentials.js'
import { HuaweiCloudError } from '../../src/huaweicloud/errors.js'
import { createHttpClient, type HuaweiCloudHttp } from '../../src/huaweicloud/http.js'
import { signRequest } from '../../src/huaweicloud/signer.js'
import type { OutgoingRequest } from '../../src/huaweicloud/types.js'
import { json, startServer, type LocalServer } from './local-server.js'

const request: OutgoingRequest = {
  method: 'GET',
  url: 'https://modelarts.cn-north-4.myhuaweicloud.com/v1/p/training-jobs',
  headers: {},
  body: ''
}

describe('accessKeyAuthorizer', () => {
  it('adds X-Project-Id and X-Security-Token and signs them', async () => {
    const now = new Date('2024-02-03T04:05:06Z')
    const keys = { accessKey: 'AK', secretKey: 'SK' }
    const headers = await accessKeyAuthorizer({
      ...keys,
      projectId: 'p1',
      securityToken: 'st',
      now: () => now
    }).authorize(request)
    expect(headers['X-Project-Id']).toBe('p1')
    expect(headers['X-Security-Token']).toBe('st')
    expect(headers.Authorization).toContain('SignedHeaders=host;x-project-id;x-sdk-date;x-security-token,')
    const expected = signRequest(
      { ...request, headers: { 'X-Project-Id': 'p1', 'X-Security-Token': 'st' } },
      keys,
      now
    )
    expect(headers.Authorization).toBe(expected.Authorization)
  })

  it('adds neither header when not given', async () => {
    const headers = await accessKeyAuthorizer({ accessKey: 'AK', secretKey: 'SK' }).authorize(request)
    expect(Object.keys(headers).sort()).toEqual(['Authorization', 'X-Sdk-Date'])
  })
})

describe('tokenAuthorizer', () => {
  it('sends the token as X-Auth-Token', async () => {
    const authorizer = tokenAuthorizer('tok')
    expect(await authorizer.authorize(request)).toEqual({ 'X-Auth-Token': 'tok' })
    expect(authorizer.description).toBe('IAM token')
  })
})

describe('oidcAuthorizer', () => {
  const HOUR = 3600_000
  let clock: number
  let exchanges: string[]
  let masked: string[]

  function authorizer(exchange?: (idToken: string) => Promise<IamToken>) {
    let idTokens = 0
    return oidcAuthorizer({
      idpId: 'github',
      iamEndpoint: 'https://iam.example',
      projectId: 'p1',
      getIdToken: async () => `id-${++idTokens}`,
      exchange:
        exchange ??
        (async idToken => {
          exchanges.push(idToken)
          return { token: `iam-${exchanges.length}`, expiresAt: new Date(clock + HOUR) }
        }),
      onToken: secret => masked.push(secret),
      now: () => new Date(clock)
    })
  }

  beforeEach(() => {
    clock = Date.parse('2024-01-01T00:00:00Z')
    exchanges = []
    masked = []
  })

  it('exchanges once and reuses the token until 5 minutes before expiry', async () => {
    const oidc = authorizer()
    expect(oidc.description).toBe('GitHub OIDC via identity provider github')
    expect(await oidc.authorize(request)).toEqual({ 'X-Auth-Token': 'iam-1' })
    clock += HOUR - TOKEN_RENEWAL_MARGIN_MS - 1000
    expect(await oidc.authorize(request)).toEqual({ 'X-Auth-Token': 'iam-1' })
    expect(exchanges).toEqual(['id-1'])
    clock += 1000
    expect(await oidc.authorize(request)).toEqual({ 'X-Auth-Token': 'iam-2' })
    expect(exchanges).toEqual(['id-1', 'id-2'])
    expect(masked).toEqual(['id-1', 'iam-1', 'id-2', 'iam-2'])
  })

  it('renews a token shorter-lived than the margin after three quarters of its life, not on every request', async () => {
    const lifetime = 4 * 60_000
    const oidc = authorizer(async idToken => {
      exchanges.push(idToken)
      return { token: `short-${exchanges.length}`, expiresAt: new Date(clock + lifetime) }
    })
    expect(await oidc.authorize(request)).toEqual({ 'X-Auth-Token': 'short-1' })
    clock += (lifetime * 3) / 4 - 1
    expect(await oidc.authorize(request)).toEqual({ 'X-Auth-Token': 'short-1' })
    clock += 1
    expect(await oidc.authorize(request)).toEqual({ 'X-Auth-Token': 'short-2' })
    expect(exchanges).toEqual(['id-1', 'id-2'])
  })

  it('renews after invalidate() even when the token is not near expiry', async () => {
    const oidc = authorizer()
    await oidc.authorize(request)
    oidc.invalidate?.()
    expect(await oidc.authorize(request)).toEqual({ 'X-Auth-Token': 'iam-2' })
    expect(exchanges).toHaveLength(2)
  })

  it('shares one exchange between concurrent requests', async () => {
    const oidc = authorizer()
    const results = await Promise.all([
      oidc.authorize(request),
      oidc.authorize(request),
      oidc.authorize(request)
    ])
    expect(results.map(h => h['X-Auth-Token'])).toEqual(['iam-1', 'iam-1', 'iam-1'])
    expect(exchanges).toHaveLength(1)
  })

  it('does not cache a failed exchange', async () => {
    let calls = 0
    const oidc = authorizer(async () => {
      calls++
      if (calls === 1) throw new Error('IAM unavailable')
      return { token: 'second', expiresAt: new Date(clock + HOUR) }
    })
    await expect(oidc.authorize(request)).rejects.toThrow('IAM unavailable')
    expect(await oidc.authorize(request)).toEqual({ 'X-Auth-Token': 'second' })
  })
})

describe('secretsOf', () => {
  it('lists the secret values that are set', () => {
    expect(secretsOf({ secretKey: 'sk', securityToken: '', authToken: 'tok' })).toEqual(['sk', 'tok'])
  })
})

describe('IAM calls', () => {
  let server: LocalServer
  let http: HuaweiCloudHttp

  beforeEach(async () => {
    server = await startServer()
    http = createHttpClient({
      authorizer: tokenAuthorizer('caller-token'),
      userAgent: 'test',
      sleep: async () => undefined,
      retry: { maxAttempts: 2 }
    })
  })

  afterEach(async () => {
    http.dispose()
    await server.close()
  })

  it('exchanges an ID token: unauthenticated POST with X-Idp-Id, token from X-Subject-Token', async () => {
    server.answer(
      json(201, { token: { expires_at: '2030-01-02T03:04:05.123456Z' } }, { 'X-Subject-Token': 'iam-token' })
    )
    const result = await exchangeIdToken(http, `${server.origin}/`, 'github-idp', 'proj', 'jwt.value')
    expect(result).toEqual({ token: 'iam-token', expiresAt: new Date('2030-01-02T03:04:05.123Z') })
    const [received] = server.received
    expect(received?.method).toBe('POST')
    expect(received?.url).toBe('/v3.0/OS-AUTH/id-token/tokens')
    expect(received?.headers['x-idp-id']).toBe('github-idp')
    expect(received?.headers['x-auth-token']).toBeUndefined()
    expect(received?.headers.authorization).toBeUndefined()
    expect(JSON.parse(received?.body ?? '')).toEqual({
      auth: { id_token: { id: 'jwt.value' }, scope: { project: { id: 'proj' } } }
    })
  })

  it('says which step failed when IAM refuses the ID token', async () => {
    server.answer(json(400, { error: { code: 400, message: 'The id_token is invalid.' } }))
    await expect(exchangeIdToken(http, server.origin, 'github-idp', 'proj', 'jwt')).rejects.toThrow(
      /GitHub OIDC token.*github-idp.*The id_token is invalid.*idp_id/
    )
  })

  it('a refused exchange names the token claims to compare with the provider, and fork PRs; never the token', async () => {
    const payload = Buffer.from(
      JSON.stringify({
        iss: 'https://token.actions.githubusercontent.com',
        aud: 'acme',
        sub: 'repo:o/r:ref:refs/heads/main'
      })
    ).toString('base64url')
    const token = `eyJhbGciOiJSUzI1NiJ9.${payload}.c2ln`
    server.answer(json(401, { error: { code: 401, message: 'The id_token is not trusted.' } }))
    const error = await exchangeIdToken(http, server.origin, 'github-idp', 'proj', token).catch(
      (e: unknown) => e
    )
    const message = (error as Error).message
    expect(message).toContain(
      'the token GitHub issued has iss "https://token.actions.githubusercontent.com", aud "acme", sub "repo:o/r:ref:refs/heads/main"'
    )
    expect(message).toMatch(/pull requests from forks get no OIDC token/)
    expect(message).not.toContain(payload)
  })

  it('fails clearly when IAM omits X-Subject-Token', async () => {
    server.answer(json(201, { token: {} }))
    const error = await exchangeIdToken(http, server.origin, 'idp', 'proj', 'jwt').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HuaweiCloudError)
    expect((error as HuaweiCloudError).kind).toBe('protocol')
    expect((error as Error).message).toContain('X-Subject-Token')
  })

  it('looks up the project id by region name', async () => {
    server.answer(json(200, { projects: [{ id: 'abc123', name: 'cn-north-4' }] }))
    expect(await lookupProjectId(http, server.origin, 'cn-north-4')).toBe('abc123')
    expect(server.received[0]?.url).toBe('/v3/projects?name=cn-north-4')
    expect(server.received[0]?.headers['x-auth-token']).toBe('caller-token')
  })

  it.each([
    [[], 'no project'],
    [
      [
        { id: 'a', name: 'cn-north-4' },
        { id: 'b', name: 'cn-north-4' }
      ],
      '2 projects'
    ]
  ])('refuses %j projects with a message that says to set project_id', async (projects, words) => {
    server.answer(json(200, { projects }))
    await expect(lookupProjectId(http, server.origin, 'cn-north-4')).rejects.toThrow(
      new RegExp(`${words}.*set project_id`)
    )
  })
})

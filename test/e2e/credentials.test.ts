/**
 * The three kinds of credentials end to end: AK/SK (inputs or the environment), an IAM token, and keyless
 * GitHub OIDC with its token renewed during a wait; and the project looked up from the region.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startEmulator, type Emulator } from '../emulator/server.mjs'
import { runAction } from '../emulator/run-action.mjs'
import { failure, uniqueName } from './helpers.js'

let emulator: Emulator
/** Stands in for the runner's ID token service that core.getIDToken() calls. */
let idTokenService: Server
let idTokenUrl: string
const idTokenRequests: string[] = []

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')
const githubIdToken = (audience: string): string =>
  [
    base64url({ alg: 'RS256', typ: 'JWT' }),
    base64url({
      iss: 'https://token.actions.githubusercontent.com',
      aud: audience,
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main'
    }),
    'c2lnbmF0dXJl'
  ].join('.')

beforeAll(async () => {
  emulator = await startEmulator({ tokenTtlMs: 1500 })
  idTokenService = createServer((req, res) => {
    idTokenRequests.push(req.url ?? '')
    const audience = new URL(req.url ?? '/', 'http://x').searchParams.get('audience') ?? 'none'
    if (req.headers.authorization !== 'Bearer runner-request-token') {
      res.writeHead(401).end()
      return
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ value: githubIdToken(audience) }))
  })
  await new Promise<void>(resolve => idTokenService.listen(0, '127.0.0.1', resolve))
  idTokenUrl = `http://127.0.0.1:${(idTokenService.address() as AddressInfo).port}/token?api-version=2.0`
})
afterAll(async () => {
  await emulator.close()
  await new Promise(resolve => idTokenService.close(resolve))
})

const job = (name: string) => ({
  endpoint: emulator.url,
  job_file: '__fixtures__/jobs/valid/own-code.yaml',
  job_name: name
})

describe('credentials', () => {
  test('AK/SK from the environment that huaweicloud/auth-action sets', async () => {
    const name = uniqueName('env-keys')
    const run = await runAction({
      inputs: { ...job(name), project_id: emulator.projectId },
      env: {
        HUAWEI_CLOUD_ACCESS_KEY_ID: emulator.accessKey,
        HUAWEI_CLOUD_SECRET_ACCESS_KEY: emulator.secretKey
      }
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Credentials: AK/SK (signed requests).')
    expect(run.commands.filter(c => c.command === 'add-mask').map(c => c.message)).toContain(
      emulator.secretKey
    )
    expect(emulator.jobs.filter(j => j.job_name === name)).toHaveLength(1)
  })

  test('an IAM token is sent as X-Auth-Token and masked', async () => {
    const name = uniqueName('iam-token')
    const token = emulator.issueToken({ ttlMs: 60_000 })
    const before = emulator.requests.length
    const run = await runAction({
      inputs: { ...job(name), project_id: emulator.projectId, auth_token: token }
    })
    expect(run.code).toBe(0)
    const seen = emulator.requests.slice(before)
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.every(r => r.auth === 'token')).toBe(true)
    expect(run.commands.filter(c => c.command === 'add-mask').map(c => c.message)).toContain(token)
    expect(run.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain(token)
  })

  test('a rejected auth_token gets a hint about the token, not about access keys', async () => {
    const run = await runAction({
      inputs: {
        ...job(uniqueName('bad-token')),
        project_id: emulator.projectId,
        auth_token: 'MIInot-a-token'
      }
    })
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(/APIGW\.0301/)
    expect(failure(run)).toMatch(/Hint: .*auth_token/)
    expect(failure(run)).not.toMatch(/access_key|secret_key/)
  })

  describe.each([
    ['v1', '__fixtures__/jobs/valid/own-code.yaml'],
    ['v2', '__fixtures__/jobs/v2/own-code.yaml']
  ])('a wrong secret key with a %s job file', (_api, jobFile) => {
    const wrongKey = () => ({
      endpoint: emulator.url,
      project_id: emulator.projectId,
      access_key: emulator.accessKey,
      secret_key: 'WrongSecretKey0000000000000000000000000001',
      job_file: jobFile
    })
    const warnings = (run: Awaited<ReturnType<typeof runAction>>) =>
      run.commands.filter(c => c.command === 'warning').map(c => c.message)

    test('fails the create once, with the refusal, and no pre-flight warning', async () => {
      const run = await runAction({ inputs: { ...wrongKey(), job_name: uniqueName('wrong-key') } })
      expect(run.code).toBe(1)
      expect(failure(run).split('\n')).toEqual([expect.stringMatching(/APIGW\.0301.*secret_key/)])
      expect(warnings(run)).toEqual([])
      expect(run.stdout.match(/APIGW\.0301/g)).toHaveLength(1)
    })

    test('under validate_only it is the one "Pre-flight skipped" warning', async () => {
      const run = await runAction({ inputs: { ...wrongKey(), validate_only: true } })
      expect(run.code).toBe(0)
      expect(warnings(run)).toEqual([expect.stringMatching(/^Pre-flight skipped: .*APIGW\.0301/)])
      expect(run.stdout.match(/APIGW\.0301/g)).toHaveLength(1)
    })
  })

  test('the project is looked up at IAM from the region when project_id is empty', async () => {
    const name = uniqueName('lookup')
    const run = await runAction({
      inputs: {
        ...job(name),
        region: 'cn-north-4',
        iam_endpoint: emulator.url,
        access_key: emulator.accessKey,
        secret_key: emulator.secretKey
      }
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`Project ${emulator.projectId} (looked up for region cn-north-4).`)
    const lookups = emulator.requests.filter(r => r.path === '/v3/projects')
    expect(lookups.at(-1)!.query.name).toEqual(['cn-north-4'])
    expect(lookups.at(-1)!.signatureValid).toBe(true)
    expect(emulator.jobs.filter(j => j.job_name === name)).toHaveLength(1)
  })

  test('keyless OIDC: the workflow token is exchanged at IAM and renewed during a long wait', async () => {
    const name = uniqueName('oidc')
    emulator.setScript(name, { statuses: [{ status: 8, forMs: 3500 }, { status: 10 }] })
    const exchangesBefore = emulator.requests.filter(r => r.path === '/v3.0/OS-AUTH/id-token/tokens').length
    const run = await runAction({
      inputs: {
        ...job(name),
        project_id: emulator.projectId,
        iam_endpoint: emulator.url,
        idp_id: emulator.idpId,
        oidc_audience: 'modelarts-ci',
        wait: 'true',
        poll_interval: '200ms'
      },
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: idTokenUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token'
      }
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('completed')
    expect(run.stdout).toContain('Credentials: GitHub OIDC via identity provider github-actions.')
    expect(idTokenRequests.some(url => url.includes('audience=modelarts-ci'))).toBe(true)

    const exchanges = emulator.requests
      .filter(r => r.path === '/v3.0/OS-AUTH/id-token/tokens')
      .slice(exchangesBefore)
    // Tokens live 1.5 s here and the job runs 3.5 s: renewed ahead of expiry, never rejected.
    expect(exchanges.length).toBeGreaterThanOrEqual(2)
    expect(exchanges.every(r => r.status === 201)).toBe(true)
    const jobRequests = emulator.requests.filter(r =>
      r.path.includes(`/training-jobs/${run.outputs.job_id}/`)
    )
    expect(jobRequests.length).toBeGreaterThan(3)
    expect(jobRequests.every(r => r.auth === 'token' && r.status === 200)).toBe(true)

    // Every IAM token handed out was masked before use.
    const masked = new Set(run.commands.filter(c => c.command === 'add-mask').map(c => c.message))
    const tokens = new Set(jobRequests.map(r => String(r.headers['x-auth-token'])))
    for (const token of tokens) expect(masked.has(token)).toBe(true)
  })

  test('a refused OIDC exchange shows the claims to fix the mapping with, never the token', async () => {
    const run = await runAction({
      inputs: {
        ...job(uniqueName('oidc-refused')),
        project_id: emulator.projectId,
        iam_endpoint: emulator.url,
        idp_id: 'not-the-provider',
        oidc_audience: 'modelarts-ci'
      },
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: idTokenUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token'
      }
    })
    expect(run.code).toBe(1)
    expect(failure(run)).toContain(
      'iss "https://token.actions.githubusercontent.com", aud "modelarts-ci", sub "repo:octo-org/octo-repo:ref:refs/heads/main"'
    )
    expect(failure(run)).toMatch(/forks/)
    const payload = githubIdToken('modelarts-ci').split('.')[1]!
    // Only the mask request carries it.
    expect(run.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain(payload)
  })

  test('OIDC without the id-token permission says how to fix it', async () => {
    const run = await runAction({
      inputs: {
        ...job(uniqueName('no-permission')),
        project_id: emulator.projectId,
        iam_endpoint: emulator.url,
        idp_id: emulator.idpId
      }
    })
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(/id-token: write/)
  })

  test('no credentials, or two kinds at once, are one clear error each and send nothing', async () => {
    const before = emulator.requests.length
    const none = await runAction({ inputs: { ...job(uniqueName('none')), project_id: emulator.projectId } })
    expect(none.code).toBe(1)
    expect(failure(none)).toMatch(
      /No credentials: set `idp_id` for keyless GitHub OIDC \(recommended\), `access_key` and `secret_key`/
    )

    const both = await runAction({
      inputs: {
        ...job(uniqueName('both')),
        project_id: emulator.projectId,
        auth_token: 'a-token',
        access_key: emulator.accessKey,
        secret_key: emulator.secretKey
      }
    })
    expect(both.code).toBe(1)
    expect(failure(both)).toMatch(/keep exactly one kind/)
    expect(emulator.requests.length).toBe(before)
  })
})

import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import signerModule from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js'
import basicCredentialsModule from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js'
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/server.mjs'
import { call, queryString, send, signCall, type Reply } from './sdk-client.js'

const { AKSKSigner } = signerModule
const { BasicCredentials } = basicCredentialsModule

type JobBody = { job_name: string; job_desc?: string; workspace_id?: string; config: Record<string, unknown> }
const jobBody = JSON.parse(
  readFileSync(new URL('./__fixtures__/create-job.json', import.meta.url), 'utf8')
) as JobBody

/** The fixture with some fields replaced (undefined removes a field). */
function bodyWith(top: Partial<Record<string, unknown>>, config: Record<string, unknown> = {}): JobBody {
  const merged = { ...jobBody, config: { ...jobBody.config, ...config }, ...top } as Record<string, unknown>
  const drop = (o: Record<string, unknown>) => Object.keys(o).forEach(k => o[k] === undefined && delete o[k])
  drop(merged)
  if (merged.config) drop(merged.config as Record<string, unknown>)
  return merged as JobBody
}

const JOBS = '/v1/{project_id}/training-jobs'
const BAD_SIGNATURE = 'Incorrect IAM authentication information: verify aksk signature fail'

let emulator: Emulator
async function restart(options: EmulatorOptions = {}): Promise<void> {
  await emulator?.close()
  emulator = await startEmulator(options)
}
beforeEach(() => restart())
afterEach(() => emulator.close())

const createJob = (body: object = jobBody) => call(emulator, 'POST', JOBS, { data: body })
const versionPath = (jobId: unknown, versionId: unknown, rest = '') =>
  `${JOBS}/${String(jobId)}/versions/${String(versionId)}${rest}`

async function created(body: object = jobBody): Promise<{ jobId: string; versionId: string }> {
  const reply = await createJob(body)
  expect(reply.status).toBe(200)
  return { jobId: String(reply.json?.job_id), versionId: String(reply.json?.version_id) }
}

/** Polls until `check` returns a value other than undefined. */
async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  attempts = 300
): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await check()
    if (value !== undefined) return value
    await sleep(10)
  }
  throw new Error('condition never became true')
}

function expectGatewayError(reply: Reply, status: number, code: string) {
  expect(reply.status).toBe(status)
  expect(reply.json?.error_code).toBe(code)
}

function expectV1Error(reply: Reply, status: number, code: string, messagePart?: string) {
  expect(reply.status).toBe(status)
  expect(reply.json).toMatchObject({ is_success: false, error_code: code })
  if (messagePart) expect(String(reply.json?.error_message)).toContain(messagePart)
}

describe('AK/SK signatures, checked with the SDK signer', () => {
  it('accepts a request signed by the SDK credentials, query and body included', async () => {
    const reply = await createJob()
    expect(reply.status).toBe(200)
    const listed = await call(emulator, 'GET', JOBS, {
      query: { search_content: 'mnist tr/ä', per_page: '5', sortBy: ['job_name'] }
    })
    expect(listed.status).toBe(200)
    expect(emulator.requests.map(r => [r.auth, r.signatureValid])).toEqual([
      ['aksk', true],
      ['aksk', true]
    ])
  })

  it('hashes the raw body bytes, so non-ASCII text is signed like the SDK signs it', async () => {
    const reply = await createJob(bodyWith({ job_desc: 'Trainings-Lauf für MNIST ✓ 训练' }))
    expect(reply.status).toBe(200)
    expect(emulator.jobs[0]?.job_desc).toBe('Trainings-Lauf für MNIST ✓ 训练')
  })

  it('accepts AKSKSigner.sign used directly, with repeated query keys', async () => {
    const credentials = new BasicCredentials().withAk(emulator.accessKey).withSk(emulator.secretKey)
    const query = { status: ['8', '1'], workspace_id: '0' }
    const path = `/v1/${emulator.projectId}/training-jobs`
    const headers = AKSKSigner.sign(
      { endpoint: `${emulator.url}${path}`, method: 'GET', headers: {}, queryParams: { ...query } },
      credentials
    ) as Record<string, string>
    const reply = await send({
      url: `${emulator.url}${path}${queryString(query)}`,
      method: 'GET',
      headers,
      body: undefined
    })
    expect(reply.status).toBe(200)
  })

  it('accepts an unsigned payload when the client says so', async () => {
    const signed = await signCall(emulator, 'POST', JOBS, {
      data: jobBody,
      headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' }
    })
    const reply = await send({ ...signed, body: JSON.stringify(bodyWith({ job_name: 'other-name' })) })
    expect(reply.status).toBe(200)
    expect(reply.json?.job_name).toBe('other-name')
  })

  const tampered: [string, (call: Awaited<ReturnType<typeof signCall>>) => void][] = [
    ['the body changed', c => (c.body = JSON.stringify(bodyWith({ job_desc: 'changed' })))],
    ['a signed header changed', c => (c.headers['Content-Type'] = 'application/json;charset=UTF-8')],
    ['the path changed', c => (c.url = c.url.replace('training-jobs', 'training-jobs/10/versions'))],
    ['the query changed', c => (c.url = `${c.url}?page=2`)],
    [
      'x-sdk-date left out of SignedHeaders',
      c => (c.headers.Authorization = c.headers.Authorization!.replace('x-sdk-date', 'x-project-id'))
    ]
  ]
  it.each(tampered)('rejects a request when %s after signing', async (_what, tamper) => {
    const signed = await signCall(emulator, 'POST', JOBS, { data: jobBody })
    tamper(signed)
    const reply = await send(signed)
    expectGatewayError(reply, 401, 'APIGW.0301')
    expect(emulator.jobs).toHaveLength(0)
    expect(emulator.requests[0]?.signatureValid).toBe(false)
  })

  it('rejects a wrong secret key with the gateway message', async () => {
    const reply = await call(emulator, 'GET', JOBS, { secretKey: 'NotTheSecretKey0000000000000000000000000' })
    expectGatewayError(reply, 401, 'APIGW.0301')
    expect(reply.json?.error_msg).toBe(BAD_SIGNATURE)
    expect(typeof reply.json?.request_id).toBe('string')
  })

  it('rejects an unknown access key', async () => {
    const reply = await call(emulator, 'GET', JOBS, { accessKey: 'SOMEONEELSEACCESSKEY' })
    expectGatewayError(reply, 401, 'APIGW.0301')
  })

  it('rejects a date outside the allowed clock skew', async () => {
    await restart({ now: () => Date.now() + 16 * 60 * 1000 })
    const reply = await call(emulator, 'GET', JOBS)
    expectGatewayError(reply, 401, 'APIGW.0301')
    expect(emulator.requests[0]?.authProblem).toBe('signature expired')
  })

  it('accepts a date inside the allowed clock skew', async () => {
    await restart({ now: () => Date.now() + 14 * 60 * 1000 })
    const reply = await call(emulator, 'GET', JOBS)
    expect(reply.status).toBe(200)
  })

  it('refuses an X-Project-Id other than the project in the path', async () => {
    const signed = await signCall(emulator, 'GET', `/v1/${emulator.projectId}/training-jobs`, {
      projectId: 'ffffffffffffffffffffffffffffffff'
    })
    expectV1Error(await send(signed), 403, 'ModelArts.0210')
  })

  it('refuses a project the credentials do not belong to', async () => {
    const reply = await call(emulator, 'GET', JOBS, { projectId: 'ffffffffffffffffffffffffffffffff' })
    expectV1Error(reply, 403, 'ModelArts.0210')
  })

  it('accepts only security tokens it issued, with temporary AK/SK', async () => {
    const securityToken = emulator.issueToken({ kind: 'security' })
    expect((await call(emulator, 'GET', JOBS, { securityToken })).status).toBe(200)
    const authToken = emulator.issueToken()
    expectGatewayError(await call(emulator, 'GET', JOBS, { securityToken: authToken }), 401, 'APIGW.0301')
  })

  it('answers 401 without any credentials', async () => {
    const reply = await send({
      url: `${emulator.url}/v1/${emulator.projectId}/training-jobs`,
      method: 'GET',
      headers: {},
      body: undefined
    })
    expectGatewayError(reply, 401, 'APIGW.0301')
    expect(emulator.requests[0]?.auth).toBe('none')
  })
})

describe('IAM tokens', () => {
  const jobsUrl = () => `${emulator.url}/v1/${emulator.projectId}/training-jobs`
  const withToken = (token: string) =>
    send({ url: jobsUrl(), method: 'GET', headers: { 'X-Auth-Token': token }, body: undefined })

  it('accepts an issued token and refuses an expired or unknown one', async () => {
    expect((await withToken(emulator.issueToken())).status).toBe(200)
    const expired = await withToken(emulator.issueToken({ ttlMs: -1 }))
    expect(expired.status).toBe(401)
    expect(expired.json).toEqual({ error_msg: 'The token expires.', error_code: 'APIGW.0307' })
    expectGatewayError(await withToken('MIInotissued'), 401, 'APIGW.0301')
    expect(emulator.requests.map(r => r.auth)).toEqual(['token', 'token', 'token'])
  })

  it('refuses a token scoped to another project', async () => {
    expectV1Error(
      await withToken(emulator.issueToken({ projectId: 'aaaabbbbccccdddd' })),
      403,
      'ModelArts.0210'
    )
  })

  it('finds the project of a region, and none for an unknown region', async () => {
    const found = await call(emulator, 'GET', '/v3/projects', { query: { name: emulator.region } })
    expect(found.status).toBe(200)
    expect(found.json?.projects).toEqual([
      expect.objectContaining({ id: emulator.projectId, name: emulator.region })
    ])
    const none = await call(emulator, 'GET', '/v3/projects', { query: { name: 'xx-nowhere-1' } })
    expect(none.json?.projects).toEqual([])
  })

  describe('GitHub OIDC exchange', () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const jwt = (claims: object) => `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`
    const githubClaims = {
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'huaweicloud',
      sub: 'repo:o/r:ref:refs/heads/main'
    }
    const exchange = (idToken: string, idpId = emulator.idpId) =>
      fetch(`${emulator.url}/v3.0/OS-AUTH/id-token/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json;charset=utf8', 'X-Idp-Id': idpId },
        body: JSON.stringify({
          auth: { id_token: { id: idToken }, scope: { project: { id: emulator.projectId } } }
        })
      })

    it('trades a GitHub ID token for a project token that ModelArts accepts', async () => {
      await restart({ tokenTtlMs: 2 * 60 * 60 * 1000 })
      const before = Date.now()
      const response = await exchange(jwt(githubClaims))
      expect(response.status).toBe(201)
      const token = response.headers.get('x-subject-token')
      const body = (await response.json()) as { token: { expires_at: string } }
      expect(body.token.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
      expect(Date.parse(body.token.expires_at)).toBeGreaterThanOrEqual(before + 2 * 60 * 60 * 1000)
      expect((await withToken(String(token))).status).toBe(200)
    })

    it('refuses another identity provider, another issuer, a missing audience and a non-JWT', async () => {
      expect((await exchange(jwt(githubClaims), 'someone-else')).status).toBe(400)
      expect((await exchange(jwt({ ...githubClaims, iss: 'https://example.com' }))).status).toBe(401)
      expect((await exchange(jwt({ ...githubClaims, aud: undefined }))).status).toBe(401)
      const notJwt = await exchange('not-a-jwt')
      expect(notJwt.status).toBe(400)
      expect(((await notJwt.json()) as { error_code: string }).error_code).toBe('IAM.0001')
    })
  })
})

describe('creating jobs', () => {
  it('answers like the vendor sample, numbers as strings, ids from one counter starting at 10', async () => {
    const reply = await createJob()
    expect(reply.json).toEqual({
      is_success: true,
      job_id: '10',
      job_name: jobBody.job_name,
      status: '1',
      create_time: expect.stringMatching(/^\d+$/),
      version_id: '11',
      version_name: 'V0001',
      resource_id: expect.any(String)
    })
    const second = await createJob(bodyWith({ job_name: 'second' }))
    expect([second.json?.job_id, second.json?.version_id]).toEqual(['12', '13'])
  })

  it('refuses a job name already used in the same workspace, not in another one', async () => {
    await created()
    const duplicate = await createJob()
    expect(duplicate.status).toBe(400)
    expect(duplicate.json).toEqual({
      is_success: false,
      error_message: `Job name:${jobBody.job_name} is existed`,
      error_code: 'ModelArts.0103'
    })
    expect((await createJob(bodyWith({ workspace_id: 'ws-1' }))).status).toBe(200)
    expect(emulator.jobs).toHaveLength(2)
  })

  it('refuses malformed JSON', async () => {
    const signed = await signCall(emulator, 'POST', JOBS, {
      data: jobBody,
      headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' }
    })
    expectV1Error(await send({ ...signed, body: '{"job_name": ' }), 400, 'ModelArts.0101')
  })

  const invalidBodies: [string, JobBody, string][] = [
    ['a name with spaces', bodyWith({ job_name: 'my job' }), 'job_name'],
    ['a name of 65 characters', bodyWith({ job_name: 'a'.repeat(65) }), 'job_name'],
    ['no config', bodyWith({ config: undefined }), 'config'],
    ['an unknown top-level key', bodyWith({ jobname: 'x' }), 'jobname'],
    ['an unknown config key', bodyWith({}, { boot_file: '/x.py' }), 'config.boot_file'],
    ['no workers', bodyWith({}, { worker_server_num: 0 }), 'worker_server_num'],
    ['workers as a string', bodyWith({}, { worker_server_num: '2' }), 'worker_server_num'],
    ['spec_id and pool_id', bodyWith({}, { pool_id: 'pool-1' }), 'pool_id'],
    ['neither spec_id nor pool_id', bodyWith({}, { spec_id: undefined }), 'spec_id'],
    ['two kinds of data', bodyWith({}, { dataset_id: 'd', dataset_version_id: 'v' }), 'data_url'],
    ['no data', bodyWith({}, { data_url: undefined }), 'data_url'],
    ['half a dataset pair', bodyWith({}, { data_url: undefined, dataset_id: 'd' }), 'dataset_version_id'],
    ['a boot file outside the code', bodyWith({}, { boot_file_url: '/elsewhere/train.py' }), 'boot_file_url'],
    [
      'a parameter value that is a number',
      bodyWith({}, { parameter: [{ label: 'lr', value: 0.1 }] }),
      'parameter[0].value'
    ],
    ['a volume of two kinds', bodyWith({}, { volumes: [{ nfs: {}, host_path: {} }] }), 'volumes[0]']
  ]
  it.each(invalidBodies)('refuses %s, naming the field', async (_what, body, field) => {
    const reply = await createJob(body)
    expectV1Error(reply, 400, 'ModelArts.0101', field)
    expect(emulator.jobs).toHaveLength(0)
  })

  it('accepts data_source, a dedicated pool, a custom image and volumes', async () => {
    const body = bodyWith(
      { job_name: 'custom-image' },
      {
        data_url: undefined,
        data_source: [{ type: 'obs', data_url: '/bucket/data/' }],
        spec_id: undefined,
        pool_id: 'pool-1',
        app_url: undefined,
        boot_file_url: undefined,
        user_image_url: 'swr.example.com/team/train:1.0',
        user_command: 'python /home/work/train.py',
        volumes: [{ host_path: { src_path: '/root/work', dest_path: '/home/mind', read_only: false } }]
      }
    )
    expect((await createJob(body)).status).toBe(200)
  })
})

describe('listing jobs', () => {
  const names = ['beta-run', 'alpha-run', 'gamma-test', 'delta-run']
  beforeEach(async () => {
    for (const name of names) await created(bodyWith({ job_name: name }))
  })
  const list = (query: Record<string, string>) => call(emulator, 'GET', JOBS, { query })
  const namesOf = (reply: Reply) => (reply.json?.jobs as { job_name: string }[]).map(job => job.job_name)

  it('sorts by name by default and pages', async () => {
    const first = await list({ per_page: '2' })
    expect(first.json?.job_total_count).toBe(4)
    expect(namesOf(first)).toEqual(['alpha-run', 'beta-run'])
    expect(namesOf(await list({ per_page: '2', page: '2' }))).toEqual(['delta-run', 'gamma-test'])
    expect(namesOf(await list({ per_page: '2', page: '3' }))).toEqual([])
  })

  it('finds by a fragment of the name, in the given workspace only', async () => {
    const found = await list({ search_content: '-run', order: 'desc' })
    expect(namesOf(found)).toEqual(['delta-run', 'beta-run', 'alpha-run'])
    expect(found.json?.job_total_count).toBe(3)
    expect(namesOf(await list({ search_content: '-run', workspace_id: 'elsewhere' }))).toEqual([])
  })

  it('describes each job with numbers and its latest version', async () => {
    const reply = await list({ search_content: 'alpha' })
    expect(reply.json?.jobs).toEqual([
      {
        job_id: emulator.jobs[1]?.job_id,
        job_name: 'alpha-run',
        version_id: emulator.jobs[1]?.versions[0]?.version_id,
        status: expect.any(Number),
        create_time: expect.any(Number),
        duration: expect.any(Number),
        job_desc: jobBody.job_desc,
        version_count: 1
      }
    ])
  })

  it('refuses per_page outside 1 to 1000 and an unknown sort key', async () => {
    expectV1Error(await list({ per_page: '0' }), 400, 'ModelArts.0101', 'per_page')
    expectV1Error(await list({ per_page: '1001' }), 400, 'ModelArts.0101', 'per_page')
    expectV1Error(await list({ sortBy: 'size' }), 400, 'ModelArts.0101', 'sortBy')
  })
})

describe('versions', () => {
  const newVersion = (jobId: string, preVersionId: unknown, path = `${JOBS}/${jobId}/versions/`) =>
    call(emulator, 'POST', path, {
      data: { job_desc: 'again', config: { ...jobBody.config, pre_version_id: preVersionId } }
    })

  it('adds versions V0002 and V0003 to a job, with or without a trailing slash', async () => {
    const { jobId, versionId } = await created()
    const second = await newVersion(jobId, Number(versionId))
    expect(second.status).toBe(200)
    expect(second.json).toMatchObject({ is_success: true, job_id: jobId, version_name: 'V0002', status: '1' })
    const third = await newVersion(jobId, Number(second.json?.version_id), `${JOBS}/${jobId}/versions`)
    expect(third.json?.version_name).toBe('V0003')
    expect(emulator.jobs[0]?.versions.map(v => v.pre_version_id)).toEqual([
      null,
      Number(versionId),
      Number(second.json?.version_id)
    ])
  })

  it('refuses an unknown job and a previous version of another job', async () => {
    const { jobId } = await created()
    const other = await created(bodyWith({ job_name: 'other' }))
    expectV1Error(await newVersion('999', 11), 400, 'ModelArts.2775')
    expectV1Error(await newVersion(jobId, Number(other.versionId)), 400, 'ModelArts.0101', 'pre_version_id')
    expectV1Error(
      await call(emulator, 'POST', `${JOBS}/${jobId}/versions`, { data: { config: jobBody.config } }),
      400,
      'ModelArts.0101',
      'pre_version_id'
    )
  })

  it('lists versions newest first, all of them with page 0, paged otherwise', async () => {
    const { jobId, versionId } = await created()
    let previous = Number(versionId)
    for (let i = 0; i < 3; i++) previous = Number((await newVersion(jobId, previous)).json?.version_id)
    const all = await call(emulator, 'GET', `${JOBS}/${jobId}/versions`, { query: { page: '0' } })
    const namesOf = (reply: Reply) =>
      (reply.json?.versions as { version_name: string }[]).map(v => v.version_name)
    expect(all.json).toMatchObject({
      is_success: true,
      job_id: Number(jobId),
      job_name: jobBody.job_name,
      version_count: 4
    })
    expect(namesOf(all)).toEqual(['V0004', 'V0003', 'V0002', 'V0001'])
    const page2 = await call(emulator, 'GET', `${JOBS}/${jobId}/versions`, {
      query: { page: '2', per_page: '3' }
    })
    expect(namesOf(page2)).toEqual(['V0001'])
    expect(typeof (all.json?.versions as { system_metric_list: unknown }[])[0]?.system_metric_list).toBe(
      'string'
    )
  })

  it('describes a version with the fields of the detail call', async () => {
    const { jobId, versionId } = await created()
    const reply = await call(emulator, 'GET', versionPath(jobId, versionId))
    expect(reply.json).toMatchObject({
      is_success: true,
      job_id: Number(jobId),
      version_id: Number(versionId),
      version_name: 'V0001',
      status: 1,
      engine_id: 1,
      engine_name: 'TensorFlow',
      spec_id: 1,
      spec_code: expect.any(String),
      worker_server_num: 2,
      app_url: jobBody.config.app_url,
      data_url: jobBody.config.data_url,
      parameter: jobBody.config.parameter,
      duration: 0
    })
    expectV1Error(await call(emulator, 'GET', versionPath(jobId, 999)), 400, 'ModelArts.2775')
  })
})

describe('scripted statuses, stop and logs', () => {
  const statusOf = async (jobId: string, versionId: string) =>
    Number((await call(emulator, 'GET', versionPath(jobId, versionId))).json?.status)

  it('walks through the scripted statuses to the final one', async () => {
    emulator.setScript('flaky', {
      statuses: [{ status: 1, forMs: 30 }, { status: 8, forMs: 60 }, { status: 11 }]
    })
    const { jobId, versionId } = await created(bodyWith({ job_name: 'flaky' }))
    const seen: number[] = []
    await eventually(async () => {
      const status = await statusOf(jobId, versionId)
      if (seen.at(-1) !== status) seen.push(status)
      return status === 11 ? status : undefined
    })
    expect(seen.filter(s => ![1, 8, 11].includes(s))).toEqual([])
    expect(seen.at(-1)).toBe(11)
    expect(seen).toEqual([1, 8, 11].filter(status => seen.includes(status)))
    const detail = await call(emulator, 'GET', versionPath(jobId, versionId))
    expect(detail.json?.duration).toBe(60)
    expect(Number(detail.json?.start_time)).toBeGreaterThan(0)
  })

  it('stops a running version: killing, then killed; stopping it again changes nothing', async () => {
    await restart({ stopDelayMs: 200 })
    emulator.setScript('*', { statuses: [{ status: 8 }] })
    const { jobId, versionId } = await created()
    const stop = () => call(emulator, 'POST', versionPath(jobId, versionId, '/stop'))
    expect((await stop()).json).toEqual({ is_success: true })
    expect(await statusOf(jobId, versionId)).toBe(9)
    await eventually(async () => ((await statusOf(jobId, versionId)) === 12 ? true : undefined))
    expect((await stop()).json).toEqual({ is_success: true })
    expect(await statusOf(jobId, versionId)).toBe(12)
    expect(emulator.stops.map(s => [s.job_id, s.version_id, s.changed])).toEqual([
      [Number(jobId), Number(versionId), true],
      [Number(jobId), Number(versionId), false]
    ])
  })

  it('leaves a completed version completed when asked to stop it', async () => {
    emulator.setScript('*', { statuses: [{ status: 10 }] })
    const { jobId, versionId } = await created()
    expect((await call(emulator, 'POST', versionPath(jobId, versionId, '/stop'))).json?.is_success).toBe(true)
    expect(await statusOf(jobId, versionId)).toBe(10)
    expect(emulator.stops[0]?.changed).toBe(false)
  })

  it('has no log before the version runs: no file names, HTTP 204', async () => {
    emulator.setScript('*', { statuses: [{ status: 1 }] })
    const { jobId, versionId } = await created()
    const names = await call(emulator, 'GET', versionPath(jobId, versionId, '/log/file-names'))
    expect(names.json).toEqual({ is_success: true, log_file_list: [] })
    const log = await call(emulator, 'GET', versionPath(jobId, versionId, '/aom-log'), {
      query: { log_file: `${jobBody.job_name}-V0001-worker-0.log` }
    })
    expect(log.status).toBe(204)
    expect(log.text).toBe('')
  })

  it('serves every log line exactly once, in order, when a reader follows end_line', async () => {
    emulator.setScript('*', {
      statuses: [{ status: 1, forMs: 20 }, { status: 8, forMs: 200 }, { status: 10 }],
      logLinesPerTick: 3,
      tickMs: 10
    })
    const { jobId, versionId } = await created()
    const files = await eventually(async () => {
      const reply = await call(emulator, 'GET', versionPath(jobId, versionId, '/log/file-names'))
      const list = reply.json?.log_file_list as string[]
      return list.length > 0 ? list : undefined
    })
    expect(files).toEqual([
      `${jobBody.job_name}-V0001-worker-0.log`,
      `${jobBody.job_name}-V0001-worker-1.log`
    ])
    const file = files[1]!
    const read: string[] = []
    let cursor = ''
    const readMore = async () => {
      const query: Record<string, string> = { log_file: file, lines: '7' }
      if (cursor !== '') Object.assign(query, { base_line: cursor, order: 'desc' })
      const reply = await call(emulator, 'GET', versionPath(jobId, versionId, '/aom-log'), { query })
      expect(reply.status).toBe(200)
      const count = Number(reply.json?.lines)
      if (count > 0) read.push(...String(reply.json?.content).split('\n'))
      expect(count).toBeLessThanOrEqual(7)
      if (count === 0) expect(reply.json?.end_line).toBe(cursor)
      cursor = String(reply.json?.end_line)
      return count
    }
    // From the start: base_line 0 is before every position.
    cursor = '0'
    await eventually(async () => {
      const count = await readMore()
      return count === 0 && (await statusOf(jobId, versionId)) === 10 ? true : undefined
    })
    await readMore()
    const all = emulator.logOf(jobId, versionId, file)
    expect(all.length).toBeGreaterThan(0)
    expect(read).toEqual(all)
    expect(all[0]).toMatch(/^\[worker-1\] step 1 loss=/)
  })

  it('gives the newest lines without base_line, the earlier ones with order=asc, positions beyond JS numbers', async () => {
    emulator.setScript('*', {
      statuses: [{ status: 8, forMs: 100 }, { status: 10 }],
      logLinesPerTick: 5,
      tickMs: 10
    })
    const { jobId, versionId } = await created()
    await eventually(async () => ((await statusOf(jobId, versionId)) === 10 ? true : undefined))
    const file = `${jobBody.job_name}-V0001-worker-0.log`
    const all = emulator.logOf(jobId, versionId, file)
    const path = versionPath(jobId, versionId, '/aom-log')
    const newest = await call(emulator, 'GET', path, { query: { log_file: file, lines: '4' } })
    expect(String(newest.json?.content).split('\n')).toEqual(all.slice(-4))
    expect(newest.json?.lines).toBe('4')
    // start_line is a bare JSON number too big for a double; end_line is the exact string.
    const start = /"start_line":(\d+)/.exec(newest.text)?.[1]
    expect(BigInt(String(newest.json?.end_line)) - BigInt(String(start))).toBe(3n)
    const earlier = await call(emulator, 'GET', path, {
      query: { log_file: file, lines: '2', base_line: String(start), order: 'asc' }
    })
    expect(String(earlier.json?.content).split('\n')).toEqual(all.slice(-6, -4))
    const nothing = await call(emulator, 'GET', path, {
      query: { log_file: file, base_line: String(newest.json?.end_line), order: 'desc' }
    })
    expect(nothing.json).toMatchObject({
      is_success: true,
      content: '',
      lines: '0',
      end_line: newest.json?.end_line
    })
  })

  it('checks the aom-log parameters', async () => {
    emulator.setScript('*', { statuses: [{ status: 8 }] })
    const { jobId, versionId } = await created()
    const path = versionPath(jobId, versionId, '/aom-log')
    const file = `${jobBody.job_name}-V0001-worker-0.log`
    expectV1Error(await call(emulator, 'GET', path), 400, 'ModelArts.0101', 'log_file')
    expectV1Error(
      await call(emulator, 'GET', path, { query: { log_file: file, lines: '501' } }),
      400,
      'ModelArts.0101',
      'lines'
    )
    expectV1Error(
      await call(emulator, 'GET', path, { query: { log_file: 'nope.log' } }),
      400,
      'ModelArts.0101',
      'nope.log'
    )
  })
})

describe('faults', () => {
  const jobsPath = () => `/v1/${emulator.projectId}/training-jobs`

  it('answers an injected 503 without creating the job, then recovers', async () => {
    const fault = emulator.inject({ method: 'POST', path: /\/training-jobs$/, kind: 'status', status: 503 })
    const failed = await createJob()
    expect(failed.status).toBe(503)
    expect(emulator.jobs).toHaveLength(0)
    expect(fault.remaining).toBe(0)
    expect((await createJob()).status).toBe(200)
    expect(emulator.requests.map(r => [r.status, r.fault])).toEqual([
      [503, 'status'],
      [200, undefined]
    ])
  })

  it('creates the job first and then answers 500 when the fault commits', async () => {
    emulator.inject({ method: 'POST', path: jobsPath(), kind: 'status', status: 500, commit: true })
    const failed = await createJob()
    expectV1Error(failed, 500, 'ModelArts.0010')
    expect(emulator.jobs.map(job => job.job_name)).toEqual([jobBody.job_name])
    expect((await createJob()).json?.error_code).toBe('ModelArts.0103')
  })

  it('answers 429 with Retry-After, as many times as asked, only for matching requests', async () => {
    emulator.inject({
      method: 'GET',
      path: /\/training-jobs$/,
      kind: 'status',
      status: 429,
      retryAfter: 2,
      times: 2
    })
    expect((await createJob()).status).toBe(200)
    const first = await call(emulator, 'GET', JOBS)
    expect(first.status).toBe(429)
    expect(first.headers.get('retry-after')).toBe('2')
    expect((await call(emulator, 'GET', JOBS)).status).toBe(429)
    expect((await call(emulator, 'GET', JOBS)).status).toBe(200)
  })

  it('applies faults in the order they were injected', async () => {
    emulator.inject({ path: /training-jobs/, kind: 'status', status: 502 })
    emulator.inject({ path: /training-jobs/, kind: 'status', status: 504 })
    expect((await call(emulator, 'GET', JOBS)).status).toBe(502)
    expect((await call(emulator, 'GET', JOBS)).status).toBe(504)
  })

  it('resets the connection after creating the job when the fault commits', async () => {
    emulator.inject({ method: 'POST', path: /\/training-jobs$/, kind: 'reset', commit: true })
    await expect(createJob()).rejects.toThrow()
    expect(emulator.jobs).toHaveLength(1)
    expect(emulator.requests[0]).toMatchObject({ fault: 'reset', status: 0 })
  })

  it('resets the connection without effect when the fault does not commit', async () => {
    emulator.inject({ method: 'POST', path: /\/training-jobs$/, kind: 'reset' })
    await expect(createJob()).rejects.toThrow()
    expect(emulator.jobs).toHaveLength(0)
  })

  it('never answers a hung request, and still closes', async () => {
    emulator.inject({ method: 'POST', kind: 'hang', commit: true })
    const signed = await signCall(emulator, 'POST', JOBS, { data: jobBody })
    await expect(send(signed, { signal: AbortSignal.timeout(150) })).rejects.toThrow()
    expect(emulator.jobs).toHaveLength(1)
    expect(emulator.requests[0]).toMatchObject({ fault: 'hang', status: 0 })
  })

  it('delays an answer without changing it', async () => {
    emulator.inject({ method: 'GET', kind: 'delay', delayMs: 30 })
    const reply = await call(emulator, 'GET', JOBS)
    expect(reply.status).toBe(200)
    expect(emulator.requests[0]?.fault).toBe('delay')
  })
})

describe('routes', () => {
  it('answers 404 with the gateway body for an unknown API', async () => {
    expectGatewayError(await call(emulator, 'GET', '/v1/{project_id}/notebooks'), 404, 'APIGW.0101')
  })
})

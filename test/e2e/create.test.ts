/**
 * The bundled action against the emulator, the way the runner runs it: creating jobs and new versions,
 * never twice, with every signature checked by Huawei's own signer.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../emulator/server.mjs'
import { runAction, REPO_ROOT } from '../emulator/run-action.mjs'
import { expectedDiagnostics } from '../job/fixtures.js'
import { failure, uniqueName } from './helpers.js'

let emulator: Emulator
const SHA = '0123456789abcdef0123456789abcdef01234567'

beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(async () => {
  await emulator.close()
})

const credentials = () => ({
  endpoint: emulator.url,
  project_id: emulator.projectId,
  access_key: emulator.accessKey,
  secret_key: emulator.secretKey
})

const creates = (name: string) =>
  emulator.requests.filter(
    r =>
      r.method === 'POST' && /\/training-jobs$/.test(r.path) && JSON.parse(r.body || '{}').job_name === name
  )
const jobsNamed = (name: string) => emulator.jobs.filter(j => j.job_name === name)

describe('creating a job from a job file and inputs', () => {
  test('creates the job, signs every request, sends exactly the body the rules require, sets the outputs', async () => {
    const name = uniqueName('own-code')
    const before = emulator.requests.length
    const run = await runAction({
      inputs: {
        ...credentials(),
        job_file: '__fixtures__/jobs/valid/own-code.yaml',
        job_name: name,
        spec_id: '3'
      },
      env: {
        GITHUB_RUN_ID: '4242',
        GITHUB_RUN_NUMBER: '17',
        GITHUB_SHA: SHA,
        GITHUB_WORKFLOW: 'train',
        GITHUB_ACTOR: 'octocat'
      }
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)

    const seen = emulator.requests.slice(before)
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.every(r => r.auth === 'aksk' && r.signatureValid === true)).toBe(true)

    const [create] = creates(name)
    expect(create).toBeDefined()
    const expected = JSON.parse(readFileSync(join(REPO_ROOT, '__fixtures__/requests/own-code.json'), 'utf8'))
    expected.job_name = name
    expected.config.spec_id = 3
    expect(JSON.parse(create!.body)).toEqual(expected)
    // Key order is part of "exactly": the body is deterministic.
    expect(Object.keys(JSON.parse(create!.body).config)).toEqual(Object.keys(expected.config))

    const [job] = jobsNamed(name)
    expect(run.outputs).toMatchObject({
      job_id: String(job!.job_id),
      version_id: String(job!.versions[0]!.version_id),
      version_name: 'V0001',
      status: 'init',
      status_code: '1',
      job_url: '',
      created: 'job'
    })
    expect(run.summary).toContain(name)
    expect(run.summary).toContain(String(job!.job_id))
    expect(run.summary).toContain(
      'Created by [run #17](https://github.com/octo-org/octo-repo/actions/runs/4242) of workflow `train` ' +
        `for commit [\`0123456\`](https://github.com/octo-org/octo-repo/commit/${SHA}) by @octocat.`
    )
  })

  test('region gives the console link; a custom endpoint still wins for the API', async () => {
    const name = uniqueName('with-region')
    const run = await runAction({
      inputs: {
        ...credentials(),
        region: 'cn-north-4',
        job_file: '__fixtures__/jobs/valid/own-code.yaml',
        job_name: name
      }
    })
    expect(run.code).toBe(0)
    // A custom endpoint is not the region's console.
    expect(run.outputs.job_url).toBe('')
    expect(jobsNamed(name)).toHaveLength(1)
  })

  test('the definition can come from inputs alone', async () => {
    const name = uniqueName('inputs-only')
    const run = await runAction({
      inputs: {
        ...credentials(),
        job_name: name,
        worker_server_num: '2',
        model_id: '7',
        data_url: '/bucket/data/',
        pool_id: 'pool-a',
        parameter: 'epochs: 3\nlr: 0.10'
      }
    })
    expect(run.code).toBe(0)
    expect(JSON.parse(creates(name)[0]!.body)).toEqual({
      job_name: name,
      config: {
        worker_server_num: 2,
        parameter: [
          { label: 'epochs', value: '3' },
          { label: 'lr', value: '0.10' }
        ],
        data_url: '/bucket/data/',
        pool_id: 'pool-a',
        model_id: 7
      }
    })
  })

  test('an invalid job file gives one annotation per problem and sends nothing', async () => {
    const before = emulator.requests.length
    const run = await runAction({
      inputs: { ...credentials(), job_file: '__fixtures__/jobs/invalid/boot-file.yaml' }
    })
    expect(run.code).toBe(1)
    expect(emulator.requests.length).toBe(before)
    const annotations = run.commands.filter(c => c.command === 'error' && c.properties.file)
    const expected = expectedDiagnostics()['boot-file.yaml']!.filter(d => d.severity === 'error')
    expect(
      annotations.map(a => [a.properties.file, Number(a.properties.line), Number(a.properties.col)])
    ).toEqual(expected.map(d => ['__fixtures__/jobs/invalid/boot-file.yaml', d.line, d.column]))
    expect(failure(run)).toMatch(/nothing was sent/)
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/) // no stack trace
  })

  test('a missing job file is one clear error naming the path', async () => {
    const run = await runAction({ inputs: { ...credentials(), job_file: 'jobs/does-not-exist.yaml' } })
    expect(run.code).toBe(1)
    expect(
      run.commands.some(
        c => c.command === 'error' && /jobs\/does-not-exist\.yaml does not exist/.test(c.message)
      )
    ).toBe(true)
  })

  test('a wrong secret key is refused by the gateway and reported with its code and a fix', async () => {
    const run = await runAction({
      inputs: {
        ...credentials(),
        secret_key: 'WrongSecretKey0000000000000000000000000001',
        job_file: '__fixtures__/jobs/valid/own-code.yaml',
        job_name: uniqueName('bad-key')
      }
    })
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(/APIGW\.0301/)
    expect(failure(run)).toMatch(/secret_key/)
    expect(failure(run).split('\n')).toHaveLength(1)
  })

  test('an endpoint where nothing listens is one line naming the host and the system error', async () => {
    const run = await runAction({
      inputs: {
        ...credentials(),
        endpoint: 'http://127.0.0.1:9',
        job_file: '__fixtures__/jobs/valid/own-code.yaml'
      }
    })
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(/127\.0\.0\.1:9/)
    expect(failure(run)).toMatch(/ECONNREFUSED/)
    expect(failure(run).split('\n')).toHaveLength(1)
    expect(run.stderr).toBe('')
  })

  test('input mistakes are all reported at once, naming each input', async () => {
    const run = await runAction({
      inputs: { ...credentials(), wait: 'yes', timeout: 'forever', if_exists: 'replace', job_name: 'x' }
    })
    expect(run.code).toBe(1)
    const messages = run.commands.filter(c => c.command === 'error').map(c => c.message)
    expect(messages.some(m => m.includes('`wait`'))).toBe(true)
    expect(messages.some(m => m.includes('`timeout`'))).toBe(true)
    expect(messages.some(m => m.includes('`if_exists`'))).toBe(true)
    expect(emulator.requests.filter(r => r.body.includes('"x"'))).toHaveLength(0)
  })

  test('the secret key and tokens never reach the log, the outputs or the summary', async () => {
    const securityToken = emulator.issueToken({ kind: 'security' })
    const run = await runAction({
      inputs: {
        ...credentials(),
        security_token: securityToken,
        job_file: '__fixtures__/jobs/valid/own-code.yaml',
        job_name: uniqueName('secrets'),
        wait: 'true',
        poll_interval: '100ms'
      },
      env: { RUNNER_DEBUG: '1' }
    })
    expect(run.code).toBe(0)
    const everything = [run.stdout, run.stderr, JSON.stringify(run.outputs), run.summary].join('\n')
    // Masked: the runner is told to hide them, and they appear nowhere else.
    const masks = run.commands.filter(c => c.command === 'add-mask').map(c => c.message)
    expect(masks).toEqual(expect.arrayContaining([emulator.secretKey, securityToken]))
    const unmasked = everything
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n')
    expect(unmasked).not.toContain(emulator.secretKey)
    expect(unmasked).not.toContain(securityToken)
  })
})

describe('train on merge: the same name again', () => {
  test('if_exists: fail fails with the code, the message and both ways out', async () => {
    const name = uniqueName('taken')
    const inputs = { ...credentials(), job_file: '__fixtures__/jobs/valid/own-code.yaml', job_name: name }
    expect((await runAction({ inputs })).code).toBe(0)
    const second = await runAction({ inputs })
    expect(second.code).toBe(1)
    expect(failure(second)).toMatch(/ModelArts\.0103/)
    expect(failure(second)).toMatch(/is existed/)
    expect(failure(second)).toMatch(/job_name/)
    expect(failure(second)).toMatch(/if_exists: new_version/)
    expect(jobsNamed(name)).toHaveLength(1)
    expect(second.summary).toContain(`Training job **${name}** was not created`)
    expect(second.summary).toContain('ModelArts.0103')
  })

  test('if_exists: new_version creates V0002 of the same job, from the latest version', async () => {
    const name = uniqueName('merge')
    const inputs = {
      ...credentials(),
      job_file: '__fixtures__/jobs/valid/own-code.yaml',
      job_name: name,
      if_exists: 'new_version'
    }
    const first = await runAction({ inputs })
    const second = await runAction({ inputs: { ...inputs, job_desc: 'second run' } })
    expect(first.code).toBe(0)
    expect(second.code).toBe(0)
    expect(second.outputs.job_id).toBe(first.outputs.job_id)
    expect(second.outputs.version_name).toBe('V0002')
    expect(second.outputs.created).toBe('version')
    const [job] = jobsNamed(name)
    expect(job!.versions.map(v => v.version_name)).toEqual(['V0001', 'V0002'])
    expect(String(job!.versions[1]!.pre_version_id)).toBe(first.outputs.version_id)
    expect(second.outputs.version_id).toBe(String(job!.versions[1]!.version_id))
    expect(second.summary).toMatch(/version \*\*V0002\*\*/)
    expect(second.stdout).toMatch(new RegExp(`Created version V0002 .* of job "${name}"`))
  })

  test('an exact name match only: a job whose name contains the name is not reused', async () => {
    const name = uniqueName('exact')
    const base = {
      ...credentials(),
      job_file: '__fixtures__/jobs/valid/own-code.yaml',
      if_exists: 'new_version'
    }
    expect((await runAction({ inputs: { ...base, job_name: `${name}-longer` } })).code).toBe(0)
    const run = await runAction({ inputs: { ...base, job_name: name } })
    expect(run.code).toBe(0)
    expect(run.outputs.created).toBe('job')
    expect(jobsNamed(name)).toHaveLength(1)
    expect(jobsNamed(`${name}-longer`)[0]!.versions).toHaveLength(1)
  })
})

describe('a create whose answer is lost is never duplicated', () => {
  const inputsFor = (name: string) => ({
    ...credentials(),
    job_file: '__fixtures__/jobs/valid/own-code.yaml',
    job_name: name,
    if_exists: 'new_version'
  })

  test('connection reset after the job was made: the job is adopted, not made again', async () => {
    const name = uniqueName('reset')
    emulator.inject({ method: 'POST', path: /\/training-jobs$/, kind: 'reset', commit: true })
    const run = await runAction({ inputs: inputsFor(name) })
    expect(run.code).toBe(0)
    expect(jobsNamed(name)).toHaveLength(1)
    expect(jobsNamed(name)[0]!.versions).toHaveLength(1)
    expect(run.outputs.job_id).toBe(String(jobsNamed(name)[0]!.job_id))
    expect(run.stdout).toMatch(/adopting it/)
  })

  test('500 after the job was made: exactly one job', async () => {
    const name = uniqueName('err500')
    emulator.inject({ method: 'POST', path: /\/training-jobs$/, kind: 'status', status: 500, commit: true })
    const run = await runAction({ inputs: inputsFor(name) })
    expect(run.code).toBe(0)
    expect(jobsNamed(name)).toHaveLength(1)
    expect(jobsNamed(name)[0]!.versions).toHaveLength(1)
  })

  test('500 before anything was made: created once by the retry', async () => {
    const name = uniqueName('err500-nocommit')
    emulator.inject({ method: 'POST', path: /\/training-jobs$/, kind: 'status', status: 500, commit: false })
    const run = await runAction({ inputs: inputsFor(name) })
    expect(run.code).toBe(0)
    expect(creates(name)).toHaveLength(2)
    expect(jobsNamed(name)).toHaveLength(1)
  })

  test('a reset on a new version: exactly one new version', async () => {
    const name = uniqueName('reset-version')
    expect((await runAction({ inputs: inputsFor(name) })).code).toBe(0)
    emulator.inject({ method: 'POST', path: /\/versions\/?$/, kind: 'reset', commit: true })
    const run = await runAction({ inputs: inputsFor(name) })
    expect(run.code).toBe(0)
    expect(jobsNamed(name)[0]!.versions.map(v => v.version_name)).toEqual(['V0001', 'V0002'])
    expect(run.outputs.version_name).toBe('V0002')
  })

  test('a service that hangs: the step fails after a bounded time, and a rerun makes no duplicate', async () => {
    const name = uniqueName('hang')
    const hang = emulator.inject({ path: /\/training-jobs/, kind: 'hang', commit: true, times: 1000 })
    const started = Date.now()
    const run = await runAction({ inputs: inputsFor(name), env: { MODELARTS_HTTP_TIMEOUT: '300ms' } })
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(/no answer from .* within/)
    expect(failure(run).split('\n')).toHaveLength(1)
    expect(Date.now() - started).toBeLessThan(60_000)
    expect(jobsNamed(name)).toHaveLength(1) // the hung create did take effect

    hang.remaining = 0
    const rerun = await runAction({ inputs: inputsFor(name) })
    expect(rerun.code).toBe(0)
    expect(jobsNamed(name)).toHaveLength(1)
    expect(rerun.outputs.created).toBe('version')
  })
})

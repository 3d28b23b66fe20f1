/**
 * v2 creates, end to end: the bundled action against the emulator's v2 service. The body sent, the series,
 * a taken name, and exactly once when the answer is lost or a concurrent run takes the next name first.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { startEmulator, type Emulator, type EmulatedV2Job } from '../emulator/server.mjs'
import { runAction, REPO_ROOT, type RunResult } from '../emulator/run-action.mjs'
import { accessKeyAuthorizer } from '../../src/huaweicloud/credentials.js'
import { createHttpClient } from '../../src/huaweicloud/http.js'
import { trainingJobsV2 } from '../../src/modelarts/v2.js'
import { failure, uniqueName, until } from './helpers.js'

let emulator: Emulator
const OWN_CODE = '__fixtures__/jobs/v2/own-code.yaml'
/** run-action.mjs runs as run 1 of octo-org/octo-repo; GITHUB_RUN_ATTEMPT unset reads as 1. */
const MARKER = /^gha:octo-org\/octo-repo:1:1:[0-9a-f]{8}$/

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
const createPath = () => `/v2/${emulator.projectId}/training-jobs`
const creates = (since = 0) =>
  emulator.requests.slice(since).filter(r => r.method === 'POST' && r.path === createPath())
const jobsNamed = (prefix: string): EmulatedV2Job[] =>
  emulator.jobsV2.filter(j => j.name === prefix || j.name.startsWith(`${prefix}-V`))
/** The marker the action wrote: the last word of the description. */
const markerOf = (job: EmulatedV2Job): string => job.description.split(' ').at(-1) ?? ''
/** Secrets appear only in the add-mask commands that hide them. */
const expectNoSecret = (run: RunResult): void => {
  const printed = run.stdout
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
  expect(printed).not.toContain(emulator.secretKey)
  expect(run.summary).not.toContain(emulator.secretKey)
}

describe('a v2 job from a file, the inputs and overrides', () => {
  test('the body sent is the file, the inputs and the overrides, field by field; outputs point at the job', async () => {
    const name = uniqueName('v2-own')
    const before = emulator.requests.length
    const run = await runAction({
      inputs: {
        ...credentials(),
        job_file: OWN_CODE,
        job_name: name,
        job_desc: 'nightly from the tests',
        parameter: 'epochs: 3\nseed: 07',
        overrides: [
          'spec:',
          '  resource:',
          '    node_count: 2',
          'algorithm:',
          '  inputs:',
          '    - name: data_url',
          '      remote: {obs: {obs_url: /other-bucket/data/}}',
          '  environments: {EXTRA: "1"}'
        ].join('\n')
      }
    })
    expect(run.stderr).toBe('')
    expect(failure(run)).toBe('')
    expect(run.code).toBe(0)
    expect(emulator.requests.slice(before).every(r => r.auth === 'aksk' && r.signatureValid === true)).toBe(
      true
    )

    const sent = creates(before)
    expect(sent).toHaveLength(1)
    const body = JSON.parse(sent[0]!.body)
    const file = parse(readFileSync(join(REPO_ROOT, OWN_CODE), 'utf8'))
    expect(body.kind).toBe('job')
    expect(body.metadata.name).toBe(name)
    const [description, marker] = [
      body.metadata.description.slice(0, 'nightly from the tests'.length),
      body.metadata.description.slice('nightly from the tests '.length)
    ]
    expect(description).toBe('nightly from the tests')
    expect(marker).toMatch(MARKER)
    expect(Object.keys(body.metadata).sort()).toEqual(['description', 'name'])
    expect(body.algorithm.code_dir).toBe(file.algorithm.code_dir)
    expect(body.algorithm.boot_file).toBe(file.algorithm.boot_file)
    expect(body.algorithm.engine).toEqual(file.algorithm.engine)
    // The input `parameter` sets the list as inputs set any field over the file; the map form keeps the source text.
    expect(body.algorithm.parameters).toEqual([
      { name: 'epochs', value: '3' },
      { name: 'seed', value: '07' }
    ])
    // Lists of named items merge item by item; the rest of the item stays.
    expect(body.algorithm.inputs).toEqual([
      { name: 'data_url', remote: { obs: { obs_url: '/other-bucket/data/' } } }
    ])
    expect(body.algorithm.outputs).toEqual(file.algorithm.outputs)
    expect(body.algorithm.environments).toEqual({ OMP_NUM_THREADS: '4', EXTRA: '1' })
    expect(body.spec).toEqual({
      resource: { flavor_id: 'modelarts.vm.cpu.8u', node_count: 2 },
      log_export_path: { obs_url: '/my-bucket/mnist/logs/' }
    })
    expect(Object.keys(body)).toEqual(['kind', 'metadata', 'algorithm', 'spec'])
    // The body is printed before it is sent, in a collapsed group: the same, but for the run marker.
    const lines = run.stdout.split('\n')
    const start = lines.findIndex(line => line.startsWith('::group::Request body sent to ModelArts v2'))
    expect(start).toBeGreaterThanOrEqual(0)
    const printed = JSON.parse(lines.slice(start + 1, lines.indexOf('::endgroup::', start)).join('\n'))
    expect(printed).toEqual({
      ...body,
      metadata: { ...body.metadata, description: 'nightly from the tests' }
    })

    const [job] = jobsNamed(name)
    expect(job).toBeDefined()
    expect(job!.tasks).toEqual(['worker-0', 'worker-1'])
    expect(run.outputs).toEqual({
      job_id: job!.id,
      job_name: name,
      version_id: '',
      version_name: '',
      status: 'creating',
      status_code: '',
      job_url: '',
      created: 'job'
    })
    expect(run.state).toMatchObject({ api: 'v2', job_id: job!.id, finished: 'created' })
    expect(run.summary).toContain(`| Job | \`${name}\` (id \`${job!.id}\`) |`)
    expect(run.summary).toContain('| Resources | 2 nodes, flavor `modelarts.vm.cpu.8u` |')
    expect(run.summary).toContain('| Inputs | `data_url` `/other-bucket/data/` |')
    expect(run.summary).toContain('| Outputs | `train_url` `/my-bucket/mnist/output/` |')
    expectNoSecret(run)
  })
})

describe('train on merge: a series of jobs', () => {
  test('-V0001, then -V0002 with version_name V0002; only exact members count', async () => {
    const base = uniqueName('v2-series')
    const first = await runAction({
      inputs: { ...credentials(), job_file: OWN_CODE, job_name: base, if_exists: 'new_version' }
    })
    expect(failure(first)).toBe('')
    expect(first.outputs).toMatchObject({ job_name: `${base}-V0001`, version_name: 'V0001', created: 'job' })

    // A job whose name only starts like the series is no member of it.
    const intruder = await runAction({
      inputs: { ...credentials(), job_file: OWN_CODE, job_name: `${base}-V0007x` }
    })
    expect(intruder.code).toBe(0)

    const second = await runAction({
      inputs: { ...credentials(), job_file: OWN_CODE, job_name: base, if_exists: 'new_version' }
    })
    expect(failure(second)).toBe('')
    const job = emulator.jobsV2.find(j => j.name === `${base}-V0002`)
    expect(job).toBeDefined()
    expect(second.outputs).toMatchObject({
      job_id: job!.id,
      job_name: `${base}-V0002`,
      version_name: 'V0002',
      version_id: '',
      created: 'job'
    })
    expect(second.stdout).toContain(`Created job "${base}-V0002": job id ${job!.id}, V0002 of the series`)
    expect(second.summary).toContain(`| Series | \`V0002\` of \`${base}\` |`)
  })

  test('if_exists fail on a name taken after the pre-flight: one line that says what to do, one create sent', async () => {
    const name = uniqueName('v2-taken')
    const first = await runAction({ inputs: { ...credentials(), job_file: OWN_CODE, job_name: name } })
    expect(first.code).toBe(0)
    const before = emulator.requests.length
    // Without the pre-flight (which finds the name taken before any create: e2e/insight.test.ts) the create
    // itself is refused, as when another run takes the name between the pre-flight and the create.
    const again = await runAction({
      inputs: { ...credentials(), job_file: OWN_CODE, job_name: name, preflight: 'false' }
    })
    expect(again.code).toBe(1)
    expect(failure(again)).toBe(
      `A training job named "${name}" already exists in workspace 0 (ModelArts.2751): set if_exists: new_version to name each run's job ${name}-V0001, ${name}-V0002, ..., choose another job_name, or delete the old job.`
    )
    expect(creates(before)).toHaveLength(1)
    expect(jobsNamed(name)).toHaveLength(1)
    expect(again.outputs.job_id).toBeUndefined()
    expect(again.stderr).toBe('')
  })
})

describe('exactly once', () => {
  test('the connection drops after the service made the job: found by its marker, adopted, never made twice', async () => {
    const base = uniqueName('v2-reset')
    emulator.inject({ method: 'POST', path: createPath(), kind: 'reset', commit: true })
    const before = emulator.requests.length
    const run = await runAction({
      inputs: { ...credentials(), job_file: OWN_CODE, job_name: base, if_exists: 'new_version' },
      env: { MODELARTS_HTTP_TIMEOUT: '5s' }
    })
    expect(failure(run)).toBe('')
    expect(run.code).toBe(0)
    const jobs = jobsNamed(base)
    expect(jobs).toHaveLength(1)
    expect(creates(before)).toHaveLength(1)
    expect(run.outputs).toMatchObject({
      job_id: jobs[0]!.id,
      job_name: `${base}-V0001`,
      version_name: 'V0001'
    })
    expect(run.stdout).toContain('adopting it instead of creating it again')
    expect(markerOf(jobs[0]!)).toMatch(MARKER)
  })

  test('a job_desc with no room for the run marker: sent as written, with one warning', async () => {
    const name = uniqueName('v2-long-desc')
    const description = 'd'.repeat(250)
    const run = await runAction({
      inputs: { ...credentials(), job_file: OWN_CODE, job_name: name, job_desc: description }
    })
    expect(failure(run)).toBe('')
    expect(run.code).toBe(0)
    expect(jobsNamed(name).map(job => job.description)).toEqual([description])
    const warnings = run.stdout.split('\n').filter(line => line.includes('no room is left for the'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('job_desc (metadata.description) is 250 characters')
  })

  test('no room for the marker and the answer lost: one job, and the step stops naming it, no second create', async () => {
    const name = uniqueName('v2-long-reset')
    emulator.inject({ method: 'POST', path: createPath(), kind: 'reset', commit: true })
    const before = emulator.requests.length
    const run = await runAction({
      inputs: { ...credentials(), job_file: OWN_CODE, job_name: name, job_desc: 'd'.repeat(250) },
      env: { MODELARTS_HTTP_TIMEOUT: '5s' }
    })
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(
      new RegExp(`^The create call for "${name}" ended without an answer, .* look for "${name}" among`)
    )
    expect(jobsNamed(name)).toHaveLength(1)
    expect(creates(before)).toHaveLength(1)
    expect(run.outputs.job_id).toBeUndefined()
  })

  test('a concurrent run takes the next name first: this run makes a new job under the next name', async () => {
    const base = uniqueName('v2-race')
    const first = await runAction({
      inputs: { ...credentials(), job_file: OWN_CODE, job_name: base, if_exists: 'new_version' }
    })
    expect(first.outputs.job_name).toBe(`${base}-V0001`)

    // Hold this run's create while another run (the test, with its own client) takes the name it chose.
    emulator.inject({ method: 'POST', path: createPath(), kind: 'delay', delayMs: 800 })
    const before = emulator.requests.length
    const running = runAction({
      inputs: { ...credentials(), job_file: OWN_CODE, job_name: base, if_exists: 'new_version' }
    })
    await until(() => creates(before).length === 1)
    const chosen = JSON.parse(creates(before)[0]!.body).metadata.name
    expect(chosen).toBe(`${base}-V0002`)
    const http = createHttpClient({
      authorizer: accessKeyAuthorizer({
        accessKey: emulator.accessKey,
        secretKey: emulator.secretKey,
        projectId: emulator.projectId
      }),
      userAgent: 'other-run'
    })
    try {
      await trainingJobsV2(http, emulator.url, emulator.projectId).create({
        kind: 'job',
        metadata: { name: chosen, description: 'the other run gha:octo-org/octo-repo:2:1:0badc0de' },
        algorithm: { id: 'a1' },
        spec: { resource: { flavor_id: 'modelarts.vm.cpu.8u', node_count: 1 } }
      })
    } finally {
      http.dispose()
    }

    const run = await running
    expect(failure(run)).toBe('')
    const other = emulator.jobsV2.find(j => j.name === `${base}-V0002`)!
    const ours = emulator.jobsV2.find(j => j.name === `${base}-V0003`)
    expect(ours).toBeDefined()
    expect(run.outputs).toMatchObject({ job_id: ours!.id, job_name: `${base}-V0003`, version_name: 'V0003' })
    expect(run.outputs.job_id).not.toBe(other.id)
    expect(markerOf(other)).toBe('gha:octo-org/octo-repo:2:1:0badc0de')
    // One job of this run's marker, and it is the new one.
    const marker = markerOf(ours!)
    expect(emulator.jobsV2.filter(j => markerOf(j) === marker)).toEqual([ours])
    expect(run.stdout).toContain(
      `"${base}-V0002" was taken by another run meanwhile; trying "${base}-V0003".`
    )
  })
})

describe('bad input: one line, no request', () => {
  test('a series base longer than 58 characters', async () => {
    const line =
      /^job_name "n{59}" is 59 characters; with if_exists: new_version the action appends -V0001 and ModelArts allows 64: shorten it to at most 58 characters\.$/
    const before = emulator.requests.length
    // No project_id: not even the IAM lookup of the project is made before the check.
    const run = await runAction({
      inputs: {
        ...credentials(),
        project_id: undefined,
        region: emulator.region,
        iam_endpoint: emulator.url,
        job_file: OWN_CODE,
        job_name: 'n'.repeat(59),
        if_exists: 'new_version'
      }
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
    expect(failure(run).split('\n')).toHaveLength(1)
    expect(failure(run)).toMatch(line)
    expect(run.stdout).not.toMatch(/\n\s+at /)
    expect(emulator.requests.length).toBe(before)
    expectNoSecret(run)
  })

  test('a v1-only input for a v2 file: the problem names the v2 field, then the one failing line', async () => {
    const before = emulator.requests.length
    const run = await runAction({
      inputs: { ...credentials(), job_file: OWN_CODE, job_name: uniqueName('v2-bad'), spec_id: '3' }
    })
    expect(run.code).toBe(1)
    expect(failure(run).split('\n')).toEqual([
      'input `spec_id`: The spec_id input sets a v1 field, but this is a v2 job definition; set spec.resource.flavor_id instead, in the job file or in the `overrides` input.',
      'The job definition inputs have 1 problem, listed above; nothing was sent to ModelArts.'
    ])
    expect(emulator.requests.length).toBe(before)
  })
})

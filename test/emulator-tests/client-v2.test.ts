/**
 * The action's own v2 client (signer, http, v2 calls, submit, wait, stop) against the emulator over loopback:
 * proof that the two agree, the way the bundled action will talk to it.
 */
import { startEmulator, type Emulator } from '../emulator/server.mjs'
import { accessKeyAuthorizer } from '../../src/huaweicloud/credentials.js'
import { createHttpClient, type HuaweiCloudHttp } from '../../src/huaweicloud/http.js'
import { trainingJobsV2, type TrainingJobsV2 } from '../../src/modelarts/v2.js'
import { submitTrainingJobV2, type V2SubmitOptions } from '../../src/modelarts/v2-submit.js'
import { waitForTrainingJobV2, stopTrainingJobV2 } from '../../src/modelarts/v2-wait.js'
import { v2Status } from '../../src/modelarts/v2-status.js'

let emulator: Emulator
let http: HuaweiCloudHttp
let api: TrainingJobsV2

beforeEach(async () => {
  emulator = await startEmulator()
  http = createHttpClient({
    authorizer: accessKeyAuthorizer({
      accessKey: emulator.accessKey,
      secretKey: emulator.secretKey,
      projectId: emulator.projectId
    }),
    userAgent: 'test',
    retry: { baseDelayMs: 1, maxDelayMs: 5 }
  })
  api = trainingJobsV2(http, emulator.url, emulator.projectId, { sleep: async () => undefined })
})
afterEach(async () => {
  http.dispose()
  await emulator.close()
})

const body = (name = 'nightly') => ({
  kind: 'job',
  metadata: { name, description: 'from the tests' },
  algorithm: { id: 'a1' },
  spec: { resource: { flavor_id: 'modelarts.vm.cpu.8u', node_count: 2 } }
})
const run = { repository: 'octo/repo', runId: '42', attempt: '1' }
const submitOptions = (over: Partial<V2SubmitOptions> = {}): V2SubmitOptions => ({
  ifExists: 'new_version',
  run,
  log: () => undefined,
  settleMs: 20,
  ...over
})

test('a series: -V0001 then -V0002, each with its marker', async () => {
  const first = await submitTrainingJobV2(api, body(), submitOptions())
  const second = await submitTrainingJobV2(api, body(), submitOptions())
  expect([first.name, second.name]).toEqual(['nightly-V0001', 'nightly-V0002'])
  expect(second.versionName).toBe('V0002')
  expect(emulator.jobsV2.map(j => j.description)).toEqual([
    `from the tests ${first.marker}`,
    `from the tests ${second.marker}`
  ])
  expect(emulator.requests.every(r => r.signatureValid === true)).toBe(true)
  const create = emulator.requests.find(r => r.method === 'POST' && r.path.endsWith('/training-jobs'))
  expect(create?.headers['content-type']).toBe('application/json;charset=UTF-8')
})

test('a reset after the service committed the create: exactly one job, and it is the one returned', async () => {
  emulator.inject({ method: 'POST', path: /\/training-jobs$/, kind: 'reset', commit: true })
  const result = await submitTrainingJobV2(api, body(), submitOptions({ ifExists: 'fail' }))
  expect(result.adopted).toBe(true)
  expect(emulator.jobsV2).toHaveLength(1)
  expect(result.job.id).toBe(emulator.jobsV2[0]?.id)
})

test('a 502 before commit: nothing made, then the re-send makes one job', async () => {
  emulator.inject({ method: 'POST', path: /\/training-jobs$/, kind: 'status', status: 502 })
  const result = await submitTrainingJobV2(api, body(), submitOptions({ ifExists: 'fail' }))
  expect(result.adopted).toBe(false)
  expect(emulator.jobsV2).toHaveLength(1)
})

test('if_exists fail on a taken name: one clear line, no second job', async () => {
  await submitTrainingJobV2(api, body(), submitOptions({ ifExists: 'fail' }))
  await expect(submitTrainingJobV2(api, body(), submitOptions({ ifExists: 'fail' }))).rejects.toThrow(
    /already exists in workspace 0 \(ModelArts.2751\)/
  )
  expect(emulator.jobsV2).toHaveLength(1)
})

test('wait: phases in order, two tasks of log each line once in order, then completed', async () => {
  emulator.setScriptV2('nightly', {
    phases: [{ phase: 'Creating', forMs: 30 }, { phase: 'Running', forMs: 300 }, { phase: 'Completed' }],
    tickMs: 20,
    logLinesPerTick: 3,
    partialTail: true
  })
  const { job } = await submitTrainingJobV2(api, body(), submitOptions())
  const lines: string[] = []
  const changes: string[] = []
  const result = await waitForTrainingJobV2({
    api,
    jobId: job.id,
    pollIntervalMs: 100,
    timeoutMs: 20_000,
    streamLogs: true,
    initialStatus: v2Status(job.phase),
    callbacks: {
      statusChanged: status => changes.push(status.name),
      logLine: (line, task) => lines.push(`${task}|${line}`),
      transientFailure: message => {
        throw new Error(`unexpected: ${message}`)
      }
    }
  })
  expect(result.outcome).toBe('terminal')
  expect(result.status?.name).toBe('completed')
  expect(changes.at(-1)).toBe('completed')
  for (const task of ['worker-0', 'worker-1']) {
    const printed = lines.filter(l => l.startsWith(`${task}|`)).map(l => l.slice(task.length + 1))
    expect(printed).toEqual(emulator.logOfV2(job.id, task))
    expect(printed.length).toBeGreaterThan(10)
  }
})

test('stop: terminates a running job; a final one is no error', async () => {
  emulator.setScriptV2('*', { phases: [{ phase: 'Running' }] })
  const { job } = await submitTrainingJobV2(api, body(), submitOptions())
  expect((await stopTrainingJobV2(api, job.id, { checkFirst: true })).outcome).toBe('terminating')
  expect(await stopTrainingJobV2(api, job.id)).toEqual({ outcome: 'ended' })
  expect(await stopTrainingJobV2(api, 'no-such-job', { checkFirst: true })).toEqual({ outcome: 'gone' })
})

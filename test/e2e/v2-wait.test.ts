/**
 * v2 jobs followed end to end: how a run ends, its log, a timeout, the runner's cancel and the post step,
 * through the same steps as v1 (the bundled action against the emulator's v2 service).
 */
import { startEmulator, type Emulator, type EmulatedV2Job } from '../emulator/server.mjs'
import { runAction, spawnAction } from '../emulator/run-action.mjs'
import { accessKeyAuthorizer } from '../../src/huaweicloud/credentials.js'
import { createHttpClient } from '../../src/huaweicloud/http.js'
import { failure, uniqueName, until } from './helpers.js'

let emulator: Emulator
const OWN_CODE = '__fixtures__/jobs/v2/own-code.yaml'

beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(async () => {
  await emulator.close()
})

const inputsFor = (name: string, extra: Record<string, string> = {}) => ({
  endpoint: emulator.url,
  project_id: emulator.projectId,
  access_key: emulator.accessKey,
  secret_key: emulator.secretKey,
  job_file: OWN_CODE,
  job_name: name,
  wait: 'true',
  poll_interval: '100ms',
  ...extra
})
const createPath = () => `/v2/${emulator.projectId}/training-jobs`
const jobNamed = (name: string): EmulatedV2Job | undefined => emulator.jobsV2.find(j => j.name === name)
const terminationsOf = (job: EmulatedV2Job) => emulator.terminations.filter(t => t.id === job.id)

describe('how a v2 run ends', () => {
  test.each([
    ['Completed', 0, 'completed', ''],
    // Then why, in the service's words (the emulator's task_statuses and running_records).
    [
      'Failed',
      1,
      'failed',
      'ended failed: the run failed. worker-0 exit code 1: Training failed; exit with 1.'
    ],
    ['Terminated', 1, 'terminated', 'ended terminated: stopped. worker-0 exit code 1: Training terminated.']
  ])('%s: status %s, the verdict, the duration', async (phase, code, status, verdict) => {
    const name = uniqueName(`v2-end-${phase.toLowerCase()}`)
    emulator.setScriptV2(name, {
      phases: [{ phase: 'Pending', forMs: 100 }, { phase: 'Running', forMs: 1200 }, { phase }]
    })
    const run = await runAction({ inputs: inputsFor(name) })
    const job = jobNamed(name)!
    expect(run.code).toBe(code)
    expect(run.outputs).toMatchObject({
      job_id: job.id,
      job_name: name,
      status,
      status_code: '',
      version_id: ''
    })
    // The service's run time, in whole seconds (the script ran 1.2 s).
    expect(run.outputs.duration).toBe('1')
    expect(run.state.finished).toBe('ended')
    if (verdict) expect(failure(run)).toBe(`Job "${name}" (id ${job.id}) ${verdict}`)
    else expect(failure(run)).toBe('')
    expect(run.summary).toMatch(new RegExp(`\\| \`${status}\` \\|$`, 'm'))
    expect(terminationsOf(job)).toEqual([])
  })

  test('Abnormal seen twice is final: status abnormal, a failure', async () => {
    const name = uniqueName('v2-abnormal')
    emulator.setScriptV2(name, { phases: [{ phase: 'Running', forMs: 200 }, { phase: 'Abnormal' }] })
    const run = await runAction({ inputs: inputsFor(name) })
    expect(run.code).toBe(1)
    expect(run.outputs.status).toBe('abnormal')
    expect(failure(run)).toMatch(/ended abnormal\. worker-0 exit code 1: Training abnormal; exit with 1\.$/)
  })

  test('Abnormal that fault tolerance turns back to Running is not the end', async () => {
    const name = uniqueName('v2-recovers')
    emulator.setScriptV2(name, {
      phases: [
        { phase: 'Running', forMs: 300 },
        // Shorter than a poll interval: seen by one poll at most, then Running again.
        { phase: 'Abnormal', forMs: 100 },
        { phase: 'Running', forMs: 300 },
        { phase: 'Completed' }
      ]
    })
    const run = await runAction({ inputs: inputsFor(name, { poll_interval: '300ms' }) })
    expect(failure(run)).toBe('')
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('completed')
  })

  test('fail_on_job_failure false: a failed run is a warning, the step passes', async () => {
    const name = uniqueName('v2-tolerated')
    emulator.setScriptV2(name, { phases: [{ phase: 'Running', forMs: 200 }, { phase: 'Failed' }] })
    const run = await runAction({ inputs: inputsFor(name, { fail_on_job_failure: 'false' }) })
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('failed')
    expect(
      run.commands.some(c => c.command === 'warning' && /fail_on_job_failure is false/.test(c.message))
    ).toBe(true)
  })
})

describe('the log of a v2 run', () => {
  test('two tasks: every line printed once, in order, prefixed with its task', async () => {
    const name = uniqueName('v2-logs')
    emulator.setScriptV2(name, {
      phases: [{ phase: 'Running', forMs: 1500 }, { phase: 'Completed' }],
      logLinesPerTick: 3,
      tickMs: 50,
      partialTail: true
    })
    const run = await runAction({
      inputs: inputsFor(name, { overrides: 'spec: {resource: {node_count: 2}}', poll_interval: '200ms' })
    })
    expect(run.code).toBe(0)
    const job = jobNamed(name)!
    const lines = run.stdout.split('\n')
    for (const task of ['worker-0', 'worker-1']) {
      const log = emulator.logOfV2(job.id, task)
      expect(log.length).toBeGreaterThan(20)
      const printed = lines
        .filter(line => line.startsWith(`[${task}] `))
        .map(line => line.slice(task.length + 3))
      expect(printed).toEqual(log)
    }
  })
})

describe('stopping a v2 run', () => {
  test('a timeout terminates the job and says so in one line', async () => {
    const name = uniqueName('v2-timeout')
    emulator.setScriptV2(name, { phases: [{ phase: 'Running', forMs: 600_000 }, { phase: 'Completed' }] })
    const run = await runAction({ inputs: inputsFor(name, { timeout: '2s', poll_interval: '500ms' }) })
    const job = jobNamed(name)!
    expect(run.code).toBe(1)
    expect(terminationsOf(job)).toHaveLength(1)
    expect(failure(run)).toMatch(/^Timed out after waiting 2s; last status running\. The job was stopped\./)
    expect(run.state.finished).toBe('stopped')
    expect(['terminating', 'terminated']).toContain(emulator.phaseOf(job.id)?.toLowerCase())
  })

  test('SIGINT from the runner: the job is terminated within 2 s, and the post step has nothing left', async () => {
    const name = uniqueName('v2-sigint')
    emulator.setScriptV2(name, { phases: [{ phase: 'Running', forMs: 600_000 }, { phase: 'Completed' }] })
    const inputs = inputsFor(name, { poll_interval: '30s' })
    const running = spawnAction({ inputs })
    await until(() => jobNamed(name) !== undefined)
    const job = jobNamed(name)!
    // The first status read comes after the outputs and the state were saved.
    await until(() =>
      emulator.requests.some(r => r.method === 'GET' && r.path.endsWith(`/training-jobs/${job.id}`))
    )
    const cancelledAt = Date.now()
    running.cancel()
    await until(() => terminationsOf(job).length > 0, 5000)
    expect(terminationsOf(job)[0]!.at - cancelledAt).toBeLessThan(2000)
    const main = await running.result
    expect(main.code).toBe(1)
    expect(failure(main)).toBe(`The workflow was cancelled; job "${name}" (id ${job.id}) was stopped.`)
    expect(main.state.finished).toBe('stopped')

    const post = await runAction({ step: 'post', inputs, state: main.state })
    expect(post.code).toBe(0)
    expect(post.stdout).toContain('already handled by the main step (stopped)')
    expect(terminationsOf(job)).toHaveLength(1)
  })

  test('the post step after a main step killed while following: terminates the job once', async () => {
    const name = uniqueName('v2-killed')
    emulator.setScriptV2(name, { phases: [{ phase: 'Running', forMs: 600_000 }, { phase: 'Completed' }] })
    const inputs = inputsFor(name, { poll_interval: '30s' })
    const running = spawnAction({ inputs })
    await until(() => jobNamed(name) !== undefined)
    const job = jobNamed(name)!
    await until(() =>
      emulator.requests.some(r => r.method === 'GET' && r.path.endsWith(`/training-jobs/${job.id}`))
    )
    running.child.kill('SIGKILL')
    const main = await running.result
    expect(main.state).toMatchObject({ api: 'v2', job_id: job.id })
    expect(main.state.finished).toBeUndefined()

    const post = await runAction({ step: 'post', inputs, state: main.state })
    expect(post.code).toBe(0)
    expect(post.stdout).toContain(`The workflow was cancelled: stopped job ${job.id} (it was running).`)
    expect(terminationsOf(job)).toHaveLength(1)
  })

  test('the post step after the job was deleted: nothing to stop, no error', async () => {
    const name = uniqueName('v2-deleted')
    emulator.setScriptV2(name, { phases: [{ phase: 'Running', forMs: 600_000 }, { phase: 'Completed' }] })
    const inputs = inputsFor(name, { poll_interval: '30s' })
    const running = spawnAction({ inputs })
    await until(() => jobNamed(name) !== undefined)
    const job = jobNamed(name)!
    await until(() =>
      emulator.requests.some(r => r.method === 'GET' && r.path.endsWith(`/training-jobs/${job.id}`))
    )
    running.child.kill('SIGKILL')
    const main = await running.result
    // Somebody deletes the job in the console before the post step runs.
    const http = createHttpClient({
      authorizer: accessKeyAuthorizer({
        accessKey: emulator.accessKey,
        secretKey: emulator.secretKey,
        projectId: emulator.projectId
      }),
      userAgent: 'console'
    })
    try {
      const deleted = await http.request({
        method: 'DELETE',
        url: `${emulator.url}${createPath()}/${job.id}`,
        idempotent: false
      })
      expect(deleted.status).toBe(202)
    } finally {
      http.dispose()
    }

    const post = await runAction({ step: 'post', inputs, state: main.state })
    expect(post.code).toBe(0)
    expect(post.stdout).toContain(`Job ${job.id} no longer exists (deleted): nothing to stop.`)
    expect(terminationsOf(job)).toEqual([])
  })

  test('the post step after a main step killed mid-create: finds the job by name and marker, terminates it', async () => {
    const name = uniqueName('v2-midcreate')
    emulator.setScriptV2(name, { phases: [{ phase: 'Running', forMs: 600_000 }, { phase: 'Completed' }] })
    // The create lands 1 s after it arrives; the main step is killed before it hears back.
    emulator.inject({ method: 'POST', path: createPath(), kind: 'delay', delayMs: 1000 })
    const inputs = inputsFor(name)
    const before = emulator.requests.length
    const running = spawnAction({ inputs })
    await until(() =>
      emulator.requests.slice(before).some(r => r.method === 'POST' && r.path === createPath())
    )
    running.child.kill('SIGKILL')
    const main = await running.result
    expect(main.state.job_id).toBeUndefined()
    expect(main.state.api).toBe('v2')
    const sent = JSON.parse(main.state.sent!)
    expect(sent.name).toBe(name)

    const post = await runAction({ step: 'post', inputs, state: main.state })
    const job = jobNamed(name)!
    expect(job.description.endsWith(sent.marker)).toBe(true)
    expect(post.code).toBe(0)
    expect(post.stdout).toContain(
      `The main step was killed while creating "${name}": found it as job ${job.id}.`
    )
    expect(terminationsOf(job)).toHaveLength(1)
  })

  test('the post step after a kill before any create: nothing to find, nothing stopped', async () => {
    const name = uniqueName('v2-nocreate')
    // The create never reaches the service: the name is searched and nobody holds it.
    const post = await runAction({
      step: 'post',
      inputs: inputsFor(name),
      state: {
        isPost: 'true',
        api: 'v2',
        sent: JSON.stringify({ name, marker: 'gha:octo-org/octo-repo:1:1:00000000' })
      }
    })
    expect(post.code).toBe(0)
    expect(post.stdout).toContain(`no such job of this run exists: nothing to stop.`)
    expect(emulator.terminations.filter(t => t.id === jobNamed(name)?.id)).toEqual([])
  })
})

/**
 * `wait: true` end to end: the bundled action follows scripted versions on the emulator, prints their logs,
 * stops them on timeout and cancel, and the post step stops a job whose main step was killed.
 */
import { startEmulator, type Emulator } from '../emulator/server.mjs'
import { runAction, spawnAction, type RunResult } from '../emulator/run-action.mjs'
import { failure, uniqueName, until } from './helpers.js'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator({ stopDelayMs: 50 })
})
afterAll(async () => {
  await emulator.close()
})

const inputsFor = (name: string, extra: Record<string, string> = {}) => ({
  endpoint: emulator.url,
  project_id: emulator.projectId,
  access_key: emulator.accessKey,
  secret_key: emulator.secretKey,
  job_file: '__fixtures__/jobs/valid/own-code.yaml',
  job_name: name,
  wait: 'true',
  poll_interval: '100ms',
  ...extra
})

const stopsOf = (run: RunResult) =>
  emulator.requests.filter(
    r =>
      r.method === 'POST' &&
      r.path.endsWith(`/training-jobs/${run.outputs.job_id}/versions/${run.outputs.version_id}/stop`)
  )

/** Lines of the action's log that are not workflow commands. */
const plainLines = (run: RunResult): string[] => run.stdout.split('\n').filter(line => !line.startsWith('::'))

describe('waiting for the end', () => {
  test('completed: the step succeeds, with status, duration, the timeline and every log line once, in order', async () => {
    const name = uniqueName('completes')
    emulator.setScript(name, {
      statuses: [{ status: 1, forMs: 150 }, { status: 8, forMs: 900 }, { status: 10 }],
      logLinesPerTick: 4,
      tickMs: 60
    })
    // Two workers: two log files, each line printed with its worker in front.
    const run = await runAction({ inputs: inputsFor(name, { worker_server_num: '2' }) })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ status: 'completed', status_code: '10' })
    expect(Number(run.outputs.duration)).toBeGreaterThanOrEqual(0)
    // duration (the service's clock) and the timeline (this step's) are told apart, in the log and the summary.
    expect(plainLines(run).join('\n')).toMatch(
      /Run time .+, as ModelArts counts it \(the `duration` output\); this step waited .+, queueing and polling included/
    )
    expect(run.summary).toMatch(/\| Run time \| .+, as ModelArts counts it/)

    // Each status change once, with the elapsed time.
    const changes = plainLines(run).filter(line => /^\[[^\]]+\] status: /.test(line))
    expect(changes.map(line => /status: (\w+)/.exec(line)![1])).toEqual(['running', 'completed'])

    // The log: worker files of the emulator, each line printed exactly once and in order.
    const [job] = emulator.jobs.filter(j => j.job_name === name)
    const workers = Number(job!.versions[0]!.config.worker_server_num)
    expect(workers).toBe(2)
    const files = Array.from({ length: workers }, (_, i) => `${name}-V0001-worker-${i}.log`)
    const printed = plainLines(run)
    for (const file of files) {
      const expected = emulator.logOf(run.outputs.job_id!, run.outputs.version_id!, file)
      expect(expected.length).toBeGreaterThan(0)
      const prefix = workers > 1 ? `[${file.replace(/\.log$/, '')}] ` : ''
      const mine = printed.filter(line => (prefix ? line.startsWith(prefix) : /^\[worker-\d+\]/.test(line)))
      expect(mine.map(line => line.slice(prefix.length))).toEqual(expected)
    }
    expect(run.summary).toMatch(/Timeline/)
    expect(run.summary).toMatch(/completed/)
    expect(stopsOf(run)).toHaveLength(0)
  })

  test.each([
    [11, 'failed'],
    [12, 'killed'],
    [14, 'lost']
  ])('ends %i: the step fails with the status, outputs kept', async (code, statusName) => {
    const name = uniqueName(`ends-${statusName}`)
    emulator.setScript(name, { statuses: [{ status: 8, forMs: 200 }, { status: code }] })
    const run = await runAction({ inputs: inputsFor(name) })
    expect(run.code).toBe(1)
    expect(failure(run)).toContain(`ended ${statusName} (${code})`)
    expect(run.outputs).toMatchObject({
      status: statusName,
      status_code: String(code),
      version_name: 'V0001'
    })
    expect(run.outputs.job_id).toMatch(/^\d+$/)
  })

  test('fail_on_job_failure: false reports the failure but passes', async () => {
    const name = uniqueName('tolerated')
    emulator.setScript(name, { statuses: [{ status: 8, forMs: 100 }, { status: 11 }] })
    const run = await runAction({ inputs: inputsFor(name, { fail_on_job_failure: 'false' }) })
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('failed')
    expect(run.commands.some(c => c.command === 'warning' && /ended failed/.test(c.message))).toBe(true)
  })

  test('timeout: the job is stopped and the step fails with how long it waited and the last status', async () => {
    const name = uniqueName('too-long')
    emulator.setScript(name, { statuses: [{ status: 8, forMs: 60_000 }, { status: 10 }] })
    const run = await runAction({ inputs: inputsFor(name, { timeout: '2' }) })
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(/Timed out after waiting 2s/)
    expect(failure(run)).toMatch(/last status running \(8\)/)
    expect(stopsOf(run)).toHaveLength(1)
    expect(emulator.statusOf(run.outputs.job_id!, run.outputs.version_id!)).not.toBe(8)
    // The summary does not leave the job `running`: the stop is its status and the timeline's last entry.
    expect(run.summary).toMatch(/^\| Status \| stopping: stop requested/m)
    // The log names the version as users know it.
    expect(run.stdout).toContain(`Stopping job ${run.outputs.job_id} version V0001.`)
    const timeline = run.summary.slice(run.summary.indexOf('### Timeline')).split(/\n(?=#)/)[0] ?? ''
    expect(timeline.trim().split('\n').at(-1)).toMatch(/^\| 2s \| stop requested \(wait timed out\) \|$/)
  })

  test('timeout with stop_on_cancel: false leaves the job running and says so', async () => {
    const name = uniqueName('left-running')
    emulator.setScript(name, { statuses: [{ status: 8, forMs: 60_000 }, { status: 10 }] })
    const run = await runAction({ inputs: inputsFor(name, { timeout: '1', stop_on_cancel: 'false' }) })
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(/left running/)
    expect(stopsOf(run)).toHaveLength(0)
    expect(emulator.statusOf(run.outputs.job_id!, run.outputs.version_id!)).toBe(8)
  })

  test('503 and 429 bursts while polling do not end the wait', async () => {
    const name = uniqueName('bursts')
    emulator.setScript(name, { statuses: [{ status: 8, forMs: 1500 }, { status: 10 }] })
    const running = spawnAction({ inputs: inputsFor(name) })
    // Once the job exists, make its status reads fail in bursts.
    await until(() => emulator.jobs.some(j => j.job_name === name))
    emulator.inject({ method: 'GET', path: /\/versions\/\d+$/, kind: 'status', status: 503, times: 3 })
    emulator.inject({
      method: 'GET',
      path: /\/versions\/\d+$/,
      kind: 'status',
      status: 429,
      retryAfter: 1,
      times: 2
    })
    const run = await running.result
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('completed')
    const faulted = emulator.requests.filter(
      r => r.fault === 'status' && r.path.includes(`/${run.outputs.job_id}/`)
    )
    expect(faulted.length).toBe(5)
  })
})

describe('cancelling', () => {
  test('SIGINT: the stop request goes out within 2 s and the step exits', async () => {
    const name = uniqueName('cancelled')
    emulator.setScript(name, { statuses: [{ status: 8, forMs: 60_000 }, { status: 10 }] })
    const running = spawnAction({ inputs: inputsFor(name, { poll_interval: '30s' }) })
    const job = await createdJob(name)
    // The first status read comes after the outputs and the state were saved.
    await until(() =>
      emulator.requests.some(
        r => r.method === 'GET' && r.path.includes(`/training-jobs/${job.job_id}/versions/`)
      )
    )
    const sentAt = Date.now()
    running.cancel()
    const run = await running.result
    const stop = emulator.stops.find(s => s.job_id === job.job_id)
    expect(stop).toBeDefined()
    expect(stop!.at - sentAt).toBeLessThan(2000)
    expect(run.code).not.toBe(0)
    expect(run.signal).toBeNull() // it exited by itself, not killed by the SIGTERM that follows
    expect(run.state.finished).toBe('stopped')
    expect(failure(run)).toBe(`The workflow was cancelled; job ${job.job_id} version V0001 was stopped.`)
    // Said from the outcome alone: nothing is read in the seconds a cancel leaves.
    expect(run.outputs.failure_reason).toBe('Stopped because the workflow was cancelled, while running')
    expect(run.outputs.metrics).toBe('{}')
    // One summary, written once, that says what happened.
    expect(run.summary.match(/^## ModelArts training job$/gm)).toHaveLength(1)
    expect(run.summary).toContain('The workflow was cancelled; the job was stopped.')
  })

  test('main step killed: the post step stops the job; run again it does nothing', async () => {
    const name = uniqueName('killed-main')
    emulator.setScript(name, { statuses: [{ status: 8, forMs: 60_000 }, { status: 10 }] })
    const running = spawnAction({ inputs: inputsFor(name, { poll_interval: '30s' }) })
    const job = await createdJob(name)
    await until(() =>
      emulator.requests.some(
        r => r.method === 'GET' && r.path.includes(`/training-jobs/${job.job_id}/versions/`)
      )
    )
    running.child.kill('SIGKILL')
    const main = await running.result
    expect(main.state.job_id).toMatch(/^\d+$/)
    expect(main.state.finished).toBeUndefined()

    const inputs = inputsFor(name)
    const post = await runAction({ step: 'post', inputs, state: main.state })
    expect(post.code).toBe(0)
    const stops = emulator.stops.filter(s => String(s.job_id) === main.state.job_id)
    expect(stops).toHaveLength(1)
    expect(post.stdout).toMatch(/stopped job/)

    await until(() => emulator.statusOf(main.state.job_id!, main.state.version_id!) === 12)
    const again = await runAction({ step: 'post', inputs, state: main.state })
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/already ended/)
    expect(emulator.stops.filter(s => String(s.job_id) === main.state.job_id)).toHaveLength(1)
  })

  test('the post step does nothing when the main step handed the job over', async () => {
    const name = uniqueName('handed-over')
    const main = await runAction({ inputs: inputsFor(name, { wait: 'false' }) })
    expect(main.code).toBe(0)
    expect(main.state.finished).toBe('created')
    const before = emulator.requests.length
    const post = await runAction({ step: 'post', inputs: inputsFor(name), state: main.state })
    expect(post.code).toBe(0)
    expect(emulator.requests.length).toBe(before)
  })
})

async function createdJob(name: string) {
  await until(() => emulator.jobs.some(j => j.job_name === name && j.versions.length > 0))
  return emulator.jobs.find(j => j.job_name === name)!
}

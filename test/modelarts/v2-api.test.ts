/**
 * v2 behind TrainingJobsApi on a scripted fake service and clock: submit, status, stop, and the one wait loop
 * following a v2 job (phases, Abnormal confirmed by one more poll, tasks' logs from the status read).
 */
import { v2Api, type V2ApiOptions } from '../../src/modelarts/v2-api.js'
import { v2Status } from '../../src/modelarts/v2-status.js'
import { waitForTerminalStatus, type WaitOptions } from '../../src/modelarts/wait.js'
import { stopLeftoverRun } from '../../src/steps/cancel.js'
import { savedJob } from '../../src/report/outputs.js'
import { HuaweiCloudError } from '../../src/huaweicloud/errors.js'
import type { TrainingJobsV2, V2Job, V2JobBody, V2LogPreview } from '../../src/modelarts/v2.js'

interface Poll {
  phase: string
  /** Whole log per task at this poll. */
  logs?: Record<string, string>
  durationMs?: number
  /** spec.resource.node_count in the status read. */
  nodeCount?: number
}

const serviceError = (status: number, code: string, retryable?: boolean) =>
  new HuaweiCloudError(`HTTP ${status} ${code}`, {
    kind: 'service',
    status,
    code,
    requestSent: true,
    retryable
  })

const run = { repository: 'octo/repo', runId: '42', attempt: '3' }

const jobOf = (fields: Partial<V2Job> & Pick<V2Job, 'id'>): V2Job => ({
  name: 'n',
  description: '',
  workspaceId: '0',
  phase: 'Running',
  tasks: [],
  raw: {},
  ...fields
})

/**
 * Status read n (from 1) shows polls[n-1] (the last one repeats; undefined = the job is gone); log reads show
 * the logs of the latest poll. Creates keep the jobs, searches match substrings, terminate answers as scripted.
 */
function fakeCalls(polls: Array<Poll | Error | undefined> = [{ phase: 'Running' }]) {
  let reads = 0
  let latest: Poll | undefined
  const calls: string[] = []
  const created: V2JobBody[] = []
  const jobs: V2Job[] = []
  let terminate: () => Promise<'terminating' | 'already-final'> = async () => 'terminating'
  const api: TrainingJobsV2 = {
    async create(body) {
      calls.push(`create ${body.metadata.name}`)
      created.push(body)
      const job = jobOf({
        id: `id-${jobs.length + 1}`,
        name: body.metadata.name,
        description: body.metadata.description ?? '',
        phase: 'Creating'
      })
      jobs.push(job)
      return job
    },
    async search(nameLike) {
      calls.push(`search ${nameLike}`)
      return jobs.filter(job => job.name.includes(nameLike)).reverse()
    },
    async get(id) {
      calls.push(`get ${id}`)
      const poll = polls[Math.min(reads++, polls.length - 1)]
      if (poll instanceof Error) throw poll
      if (poll === undefined) return undefined
      latest = poll
      return jobOf({
        id,
        phase: poll.phase,
        tasks: Object.keys(poll.logs ?? { 'worker-0': '' }),
        durationMs: poll.durationMs,
        ...(poll.nodeCount !== undefined && { nodeCount: poll.nodeCount })
      })
    },
    async logPreview(_id, task): Promise<V2LogPreview | undefined> {
      const log = latest?.logs?.[task]
      if (log === undefined || log === '') return undefined
      return { content: log, fullSize: Buffer.byteLength(log) }
    },
    async terminate(id) {
      calls.push(`terminate ${id}`)
      return terminate()
    }
  }
  return {
    api,
    calls,
    created,
    jobs,
    reads: () => reads,
    answerTerminate: (answer: () => Promise<'terminating' | 'already-final'>) => void (terminate = answer)
  }
}

const options = (over: Partial<V2ApiOptions> = {}): V2ApiOptions => ({
  run,
  submitTuning: { nonce: '0badcafe', settleMs: 0, sleep: async () => undefined },
  ...over
})
const body = (name = 'nightly', description = 'from the tests'): V2JobBody => ({
  kind: 'job',
  metadata: { name, description },
  algorithm: { id: 'a1' }
})

describe('v2Api.submit', () => {
  test('if_exists fail: the name as given, no version, kind job, the marker of this run', async () => {
    const fake = fakeCalls()
    const sent: Array<[string, string]> = []
    const jobs = v2Api(fake.api, options({ sending: (name, marker) => void sent.push([name, marker]) }))
    const submitted = await jobs.submit(body(), { ifExists: 'fail', log: () => undefined })
    expect(submitted).toEqual({
      ref: { jobId: 'id-1' },
      jobName: 'nightly',
      versionName: '',
      status: v2Status('Creating'),
      kind: 'job',
      adopted: false
    })
    expect(submitted.ref.versionId).toBeUndefined()
    expect(sent).toEqual([['nightly', 'gha:octo/repo:42:3:0badcafe']])
    expect(fake.created[0]?.metadata.description).toBe('from the tests gha:octo/repo:42:3:0badcafe')
  })

  test('new_version: the next member of the series, its number as the version name', async () => {
    const fake = fakeCalls()
    const jobs = v2Api(fake.api, options())
    const first = await jobs.submit(body(), { ifExists: 'new_version', log: () => undefined })
    const second = await jobs.submit(body(), { ifExists: 'new_version', log: () => undefined })
    expect([first.jobName, first.versionName]).toEqual(['nightly-V0001', 'V0001'])
    expect(second).toMatchObject({
      ref: { jobId: 'id-2' },
      jobName: 'nightly-V0002',
      versionName: 'V0002',
      kind: 'job',
      adopted: false
    })
    expect(second.previousVersionId).toBeUndefined()
  })

  test('a lost answer for a job that was made: adopted, and said through log', async () => {
    const fake = fakeCalls()
    const create = fake.api.create.bind(fake.api)
    fake.api.create = async request => {
      await create(request)
      throw new HuaweiCloudError('connection reset', { kind: 'network', requestSent: true })
    }
    const logged: string[] = []
    const submitted = await v2Api(fake.api, options()).submit(body(), {
      ifExists: 'fail',
      log: message => void logged.push(message)
    })
    expect(submitted).toMatchObject({ ref: { jobId: 'id-1' }, jobName: 'nightly', adopted: true })
    expect(fake.jobs).toHaveLength(1)
    expect(logged.at(-1)).toMatch(/adopting it/)
  })
})

describe('v2Api.getRun and stop', () => {
  test('status from the phase, the service duration, the tasks for the log reader', async () => {
    const fake = fakeCalls([
      { phase: 'Running', durationMs: 5_000, logs: { 'worker-0': '', 'worker-1': '' } }
    ])
    const detail = await v2Api(fake.api, options()).getRun({ jobId: 'j' })
    expect(detail).toEqual({
      status: v2Status('Running'),
      durationMs: 5_000,
      tasks: ['worker-0', 'worker-1']
    })
    expect(detail.status.code).toBeUndefined()
  })

  test('the number of tasks from spec.resource.node_count, before status.tasks lists them all', async () => {
    const fake = fakeCalls([{ phase: 'Running', nodeCount: 2, logs: { 'worker-0': '' } }])
    const detail = await v2Api(fake.api, options()).getRun({ jobId: 'j' })
    expect(detail).toMatchObject({ tasks: ['worker-0'], taskCount: 2 })
  })

  test('a job the service no longer knows: one clear, final error', async () => {
    const fake = fakeCalls([undefined])
    await expect(v2Api(fake.api, options()).getRun({ jobId: 'j' })).rejects.toMatchObject({
      message: expect.stringMatching(/j no longer exists \(ModelArts.2775\)/),
      retryable: false
    })
  })

  test('stop terminates; already final (2796) and unknown (2775) are not errors; others are', async () => {
    const fake = fakeCalls()
    const jobs = v2Api(fake.api, options())
    await jobs.stop({ jobId: 'j' })
    expect(fake.calls).toEqual(['terminate j'])
    fake.answerTerminate(async () => 'already-final')
    await expect(jobs.stop({ jobId: 'j' })).resolves.toBeUndefined()
    fake.answerTerminate(async () => {
      throw serviceError(400, 'ModelArts.2775')
    })
    await expect(jobs.stop({ jobId: 'j' })).resolves.toBeUndefined()
    fake.answerTerminate(async () => {
      throw serviceError(403, 'ModelArts.0108')
    })
    await expect(jobs.stop({ jobId: 'j' })).rejects.toMatchObject({ code: 'ModelArts.0108' })
  })
})

describe('the post step on v2', () => {
  function post(phase: string) {
    const fake = fakeCalls([{ phase }])
    const log: string[] = []
    const deps = {
      saved: savedJob({ STATE_job_id: 'j' }),
      settings: () => ({ stopOnCancel: true }),
      connect: async () => ({ api: v2Api(fake.api, options()), dispose: () => undefined }),
      log: (message: string) => void log.push(message)
    }
    return { fake, log, run: () => stopLeftoverRun(deps) }
  }

  test('terminates a running job', async () => {
    const { fake, run } = post('Running')
    expect(await run()).toBe('stopped')
    expect(fake.calls).toEqual(['get j', 'terminate j'])
  })

  test('leaves an ended job alone', async () => {
    const { fake, run, log } = post('Completed')
    expect(await run()).toBe('already-ended')
    expect(fake.calls).toEqual(['get j'])
    expect(log).toEqual(['Job j already ended (completed): nothing to stop.'])
  })

  test('still stops an Abnormal job (fault tolerance may bring it back)', async () => {
    const { fake, run } = post('Abnormal')
    expect(await run()).toBe('stopped')
    expect(fake.calls).toEqual(['get j', 'terminate j'])
  })
})

describe('the wait loop on a v2 job', () => {
  function setup(polls: Array<Poll | Error | undefined>, over: Partial<WaitOptions> = {}) {
    let time = 0
    const sleeps: number[] = []
    const changes: string[] = []
    const lines: string[] = []
    const failures: string[] = []
    const notices: string[] = []
    const fake = fakeCalls(polls)
    const waitOptions: WaitOptions = {
      api: v2Api(fake.api, options()),
      ref: { jobId: 'job-1' },
      pollIntervalMs: 10_000,
      timeoutMs: 3_600_000,
      streamLogs: true,
      now: () => time,
      sleep: async ms => {
        sleeps.push(ms)
        time += ms
        // Log reads run beside the polls: let the one in flight finish within the interval, as it would.
        await new Promise(resolve => setImmediate(resolve))
      },
      callbacks: {
        statusChanged: status => changes.push(status.name),
        logLine: (line, worker) => lines.push(worker ? `[${worker}] ${line}` : line),
        transientFailure: message => failures.push(message),
        logNotice: message => notices.push(message)
      },
      ...over
    }
    return {
      run: () => waitForTerminalStatus(waitOptions),
      changes,
      lines,
      failures,
      notices,
      sleeps,
      reads: fake.reads
    }
  }

  test('follows the phases to Completed with the service duration', async () => {
    const { run, changes, sleeps } = setup([
      { phase: 'Creating' },
      { phase: 'Pending' },
      { phase: 'Running' },
      { phase: 'Completed', durationMs: 61_000 }
    ])
    const result = await run()
    expect(result.outcome).toBe('terminal')
    if (result.outcome !== 'terminal') return
    expect(result.status).toMatchObject({ name: 'completed', phase: 'succeeded' })
    expect(result.durationMs).toBe(61_000)
    expect(changes).toEqual(['creating', 'pending', 'running', 'completed'])
    expect(sleeps).toEqual([10_000, 10_000, 10_000])
  })

  test.each([
    ['Failed', 'failed', 'failed'],
    ['Terminated', 'terminated', 'stopped']
  ])('ends on %s at once', async (phase, name, klass) => {
    const { run, reads } = setup([{ phase: 'Running' }, { phase }])
    const result = await run()
    expect(result.status).toMatchObject({ name, phase: klass })
    expect(reads()).toBe(2)
  })

  test('Abnormal is final only when one more poll confirms it', async () => {
    const { run, reads, changes } = setup([
      { phase: 'Running' },
      { phase: 'Abnormal' },
      { phase: 'Abnormal' }
    ])
    const result = await run()
    expect(result.outcome).toBe('terminal')
    expect(result.status).toMatchObject({ name: 'abnormal', phase: 'failed' })
    expect(reads()).toBe(3)
    expect(changes).toEqual(['running', 'abnormal'])
  })

  test('Abnormal that fault tolerance turns back into Running is not an end', async () => {
    const { run, changes } = setup([
      { phase: 'Abnormal' },
      { phase: 'Running' },
      { phase: 'Abnormal' },
      { phase: 'Running' },
      { phase: 'Completed' }
    ])
    const result = await run()
    expect(result.status?.name).toBe('completed')
    expect(changes).toEqual(['abnormal', 'running', 'abnormal', 'running', 'completed'])
  })

  test('an unknown phase keeps the wait going', async () => {
    const { run, changes } = setup([{ phase: 'Scaling' }, { phase: 'Completed' }])
    expect((await run()).status?.name).toBe('completed')
    expect(changes).toEqual(['scaling', 'completed'])
  })

  test('does not report the phase the create answered again', async () => {
    const { run, changes } = setup([{ phase: 'Creating' }, { phase: 'Completed' }], {
      initialStatus: v2Status('Creating')
    })
    const result = await run()
    expect(changes).toEqual(['completed'])
    expect(result.timeline.map(t => t.status.name)).toEqual(['creating', 'completed'])
  })

  test('a job that disappears ends the wait with one clear error', async () => {
    const { run } = setup([{ phase: 'Running' }, undefined])
    await expect(run()).rejects.toThrow(/job-1 no longer exists \(ModelArts.2775\)/)
  })

  test('a 503 on a status read is retried', async () => {
    const { run, failures } = setup([
      { phase: 'Running' },
      serviceError(503, 'APIGW.0201'),
      { phase: 'Completed' }
    ])
    expect((await run()).status?.name).toBe('completed')
    expect(failures).toHaveLength(1)
  })

  test('times out with the last status', async () => {
    const { run } = setup([{ phase: 'Running' }], { timeoutMs: 25_000 })
    const result = await run()
    expect(result).toMatchObject({ outcome: 'timeout', status: { name: 'running' }, waitedMs: 25_000 })
  })

  test('two tasks: each line once, in order, prefixed, the tail read after the end', async () => {
    const { run, lines, notices } = setup([
      { phase: 'Running', logs: { 'worker-0': '', 'worker-1': '' } },
      { phase: 'Running', logs: { 'worker-0': 'a0\nb0', 'worker-1': 'a1\n' } },
      { phase: 'Running', logs: { 'worker-0': 'a0\nb0\nc0\n', 'worker-1': 'a1\nb1\n' } },
      { phase: 'Completed', logs: { 'worker-0': 'a0\nb0\nc0\nlast0', 'worker-1': 'a1\nb1\nlast1\n' } }
    ])
    await run()
    expect(lines).toEqual([
      '[worker-0] a0',
      '[worker-1] a1',
      '[worker-0] b0',
      '[worker-0] c0',
      '[worker-1] b1',
      '[worker-0] last0',
      '[worker-1] last1'
    ])
    expect(notices).toEqual([])
  })

  test('no log reads when streaming is off', async () => {
    const { run, lines } = setup([{ phase: 'Completed', logs: { 'worker-0': 'a\n' } }], { streamLogs: false })
    await run()
    expect(lines).toEqual([])
  })
})

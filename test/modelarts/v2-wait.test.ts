/** The v2 wait through the shared loop on a scripted fake service and clock: phases, Abnormal, logs, stop. */
import { waitForTrainingJobV2, stopTrainingJobV2, type WaitV2Options } from '../../src/modelarts/v2-wait.js'
import { v2Status } from '../../src/modelarts/v2-status.js'
import { HuaweiCloudError } from '../../src/huaweicloud/errors.js'
import type { TrainingStatus } from '../../src/modelarts/status.js'
import type { TrainingJobsV2, V2Job, V2LogPreview } from '../../src/modelarts/v2.js'

interface Poll {
  phase: string
  /** Whole log per task at this poll. */
  logs?: Record<string, string>
  durationMs?: number
}

const serviceError = (status: number, code: string, retryable?: boolean) =>
  new HuaweiCloudError(`HTTP ${status} ${code}`, {
    kind: 'service',
    status,
    code,
    requestSent: true,
    ...(retryable !== undefined && { retryable })
  })

/** Status read n (from 1) shows polls[n-1] (the last one repeats); log reads show the logs of the latest poll. */
function fakeApi(polls: Array<Poll | Error | undefined>) {
  let reads = 0
  let latest: Poll | undefined
  const api: Pick<TrainingJobsV2, 'get' | 'logPreview' | 'terminate'> = {
    async get(id) {
      const poll = polls[Math.min(reads++, polls.length - 1)]
      if (poll instanceof Error) throw poll
      if (poll === undefined) return undefined
      latest = poll
      const job: V2Job = {
        id,
        name: 'n',
        description: '',
        workspaceId: '0',
        phase: poll.phase,
        tasks: Object.keys(poll.logs ?? { 'worker-0': '' }),
        raw: {}
      }
      if (poll.durationMs !== undefined) job.durationMs = poll.durationMs
      return job
    },
    async logPreview(_id, task): Promise<V2LogPreview | undefined> {
      const log = latest?.logs?.[task]
      if (log === undefined || log === '') return undefined
      return { content: log, fullSize: Buffer.byteLength(log) }
    },
    async terminate() {
      return 'terminating'
    }
  }
  return { api, reads: () => reads }
}

function setup(polls: Array<Poll | Error | undefined>, over: Partial<WaitV2Options> = {}) {
  let time = 0
  const sleeps: number[] = []
  const changes: string[] = []
  const lines: string[] = []
  const failures: string[] = []
  const fake = fakeApi(polls)
  const options: WaitV2Options = {
    api: fake.api,
    jobId: 'job-1',
    pollIntervalMs: 10_000,
    timeoutMs: 3_600_000,
    streamLogs: true,
    now: () => time,
    sleep: async ms => {
      sleeps.push(ms)
      time += ms
    },
    callbacks: {
      statusChanged: (status: TrainingStatus) => changes.push(status.name),
      logLine: (line, worker) => lines.push(worker ? `[${worker}] ${line}` : line),
      transientFailure: message => failures.push(message)
    },
    ...over
  }
  return { run: () => waitForTrainingJobV2(options), changes, lines, failures, sleeps, reads: fake.reads }
}

describe('waitForTrainingJobV2', () => {
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
    expect(result.detail.phase).toBe('Completed')
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
    const { run, lines } = setup([
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
  })

  test('no log reads when streaming is off', async () => {
    const { run, lines } = setup([{ phase: 'Completed', logs: { 'worker-0': 'a\n' } }], { streamLogs: false })
    await run()
    expect(lines).toEqual([])
  })
})

describe('stopTrainingJobV2', () => {
  const api = (phase: string | undefined, terminate: () => Promise<'terminating' | 'already-final'>) => {
    const calls: string[] = []
    return {
      calls,
      api: {
        async get(id: string) {
          calls.push('get')
          return phase === undefined
            ? undefined
            : ({ id, name: 'n', description: '', workspaceId: '0', phase, tasks: [], raw: {} } as V2Job)
        },
        async terminate() {
          calls.push('terminate')
          return terminate()
        }
      }
    }
  }

  test('terminates a running job', async () => {
    const { api: a, calls } = api('Running', async () => 'terminating')
    expect(await stopTrainingJobV2(a, 'j', { checkFirst: true })).toMatchObject({
      outcome: 'terminating',
      status: { name: 'running' }
    })
    expect(calls).toEqual(['get', 'terminate'])
  })

  test('leaves an ended job alone, and a gone one', async () => {
    const ended = api('Completed', async () => 'terminating')
    expect(await stopTrainingJobV2(ended.api, 'j', { checkFirst: true })).toMatchObject({ outcome: 'ended' })
    expect(ended.calls).toEqual(['get'])
    const gone = api(undefined, async () => 'terminating')
    expect(await stopTrainingJobV2(gone.api, 'j', { checkFirst: true })).toEqual({ outcome: 'gone' })
  })

  test('still stops an Abnormal job (it may come back)', async () => {
    const { api: a, calls } = api('Abnormal', async () => 'terminating')
    expect((await stopTrainingJobV2(a, 'j', { checkFirst: true })).outcome).toBe('terminating')
    expect(calls).toEqual(['get', 'terminate'])
  })

  test('already final (2796) and unknown (2775) are not errors; others are', async () => {
    expect(await stopTrainingJobV2(api('Running', async () => 'already-final').api, 'j')).toEqual({
      outcome: 'ended'
    })
    const unknown = api('Running', async () => {
      throw serviceError(400, 'ModelArts.2775')
    })
    expect(await stopTrainingJobV2(unknown.api, 'j')).toEqual({ outcome: 'gone' })
    expect(unknown.calls).toEqual(['terminate'])
    const denied = api('Running', async () => {
      throw serviceError(403, 'ModelArts.0108')
    })
    await expect(stopTrainingJobV2(denied.api, 'j')).rejects.toMatchObject({ code: 'ModelArts.0108' })
  })
})

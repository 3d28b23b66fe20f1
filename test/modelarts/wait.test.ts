import type { LogChunk, TrainingJobsV1, VersionDetail } from '../../src/modelarts/v1.js'
import type { JobStatus } from '../../src/modelarts/api.js'
import { v1Api } from '../../src/modelarts/v1-api.js'
import { jobStatus } from '../../src/modelarts/v1-status.js'
import { waitForTerminalStatus, type WaitCallbacks, type WaitOptions } from '../../src/modelarts/wait.js'

/** Shaped like the HTTP layer's errors: only `retryable` matters to the wait loop. */
class ServiceError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean
  ) {
    super(message)
  }
}
const unavailable = (): ServiceError => new ServiceError('HTTP 503 Service Unavailable', true)

interface LogFile {
  name: string
  /** The status poll (1-based) from which the file is listed. */
  appearsAtPoll: number
  /** Lines the file holds once `poll` status reads have happened. */
  linesAfterPoll: (poll: number) => number
}

interface Script {
  /** One entry per status read; the last repeats. A function is called, an error is thrown. */
  statuses: Array<number | Error | (() => Promise<never>)>
  durationMs?: number
  logFiles?: LogFile[]
  pageSize?: number
  /** Time each status read takes on the fake clock. */
  latencyMs?: number
  logLinesError?: (call: number) => Error | undefined
  logFileNamesError?: (call: number) => Error | undefined
}

/** A scripted ModelArts: statuses step with each read, log files grow with the number of reads. */
class FakeApi implements TrainingJobsV1 {
  statusReads = 0
  logLinesCalls = 0
  logFileNamesCalls = 0

  constructor(
    private readonly script: Script,
    private readonly clock: FakeClock
  ) {}

  lineText(file: string, index: number): string {
    return `${file} line ${index}`
  }

  allLines(file: LogFile): string[] {
    return Array.from({ length: file.linesAfterPoll(this.statusReads) }, (_, i) =>
      this.lineText(file.name, i)
    )
  }

  async getVersion(jobId: string, versionId: string): Promise<VersionDetail> {
    const { statuses } = this.script
    const step = statuses[Math.min(this.statusReads, statuses.length - 1)]
    this.statusReads++
    this.clock.advance(this.script.latencyMs ?? 0)
    if (step instanceof Error) throw step
    if (typeof step === 'function') return step()
    return {
      jobId,
      versionId,
      jobName: 'train-resnet',
      versionName: 'V0001',
      statusCode: step ?? 0,
      raw: {},
      ...(this.script.durationMs !== undefined && { durationMs: this.script.durationMs })
    }
  }

  async logFileNames(): Promise<string[]> {
    this.logFileNamesCalls++
    const error = this.script.logFileNamesError?.(this.logFileNamesCalls)
    if (error) throw error
    return (this.script.logFiles ?? []).filter(f => this.statusReads >= f.appearsAtPoll).map(f => f.name)
  }

  async logLines(
    _jobId: string,
    _versionId: string,
    name: string,
    cursor: string | undefined
  ): Promise<LogChunk> {
    this.logLinesCalls++
    const error = this.script.logLinesError?.(this.logLinesCalls)
    if (error) throw error
    const file = this.script.logFiles?.find(f => f.name === name)
    if (!file) throw new ServiceError(`no log file ${name}`, false)
    const available = file.linesAfterPoll(this.statusReads)
    const from = cursor === undefined ? 0 : Number(cursor)
    const to = Math.min(from + (this.script.pageSize ?? 500), available)
    const lines: string[] = []
    for (let i = from; i < to; i++) lines.push(this.lineText(name, i))
    return { lines, cursor: lines.length > 0 ? String(to) : cursor }
  }

  createJob(): never {
    throw new Error('not used by the wait loop')
  }
  createVersion(): never {
    throw new Error('not used by the wait loop')
  }
  findJobs(): never {
    throw new Error('not used by the wait loop')
  }
  listVersions(): never {
    throw new Error('not used by the wait loop')
  }
  stopVersion(): never {
    throw new Error('not used by the wait loop')
  }
}

class FakeClock {
  time = 1_700_000_000_000
  readonly sleeps: number[] = []
  now = (): number => this.time
  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms)
    this.time += ms
  }
  advance(ms: number): void {
    this.time += ms
  }
}

interface Recorded {
  callbacks: WaitCallbacks
  changes: Array<{ status: JobStatus; elapsedMs: number; previous: JobStatus | undefined }>
  lines: Array<{ line: string; worker: string | undefined }>
  failures: Array<{ message: string; failingForMs: number }>
  notices: string[]
}

function recorder(): Recorded {
  const recorded: Omit<Recorded, 'callbacks'> = { changes: [], lines: [], failures: [], notices: [] }
  return {
    ...recorded,
    callbacks: {
      statusChanged: (status, elapsedMs, previous) => recorded.changes.push({ status, elapsedMs, previous }),
      logLine: (line, worker) => recorded.lines.push({ line, worker }),
      transientFailure: (message, failingForMs) => recorded.failures.push({ message, failingForMs }),
      logNotice: message => recorded.notices.push(message)
    }
  }
}

const interval = 30_000

function setup(script: Script, overrides: Partial<WaitOptions> = {}) {
  const clock = new FakeClock()
  const api = new FakeApi(script, clock)
  const record = recorder()
  const options: WaitOptions = {
    api: v1Api(api),
    ref: { jobId: '10', versionId: '20' },
    pollIntervalMs: interval,
    timeoutMs: 6 * 3_600_000,
    streamLogs: true,
    callbacks: record.callbacks,
    now: clock.now,
    sleep: clock.sleep,
    ...overrides
  }
  return { clock, api, record, run: () => waitForTerminalStatus(options) }
}

const names = (statuses: JobStatus[]): string[] => statuses.map(s => s.name)

describe('waitForTerminalStatus: statuses', () => {
  it('follows a job to completed, reporting each change once', async () => {
    const { run, record, api, clock } = setup({ statuses: [1, 7, 7, 8, 8, 8, 10], durationMs: 123_456 })
    const result = await run()

    expect(result.outcome).toBe('terminal')
    if (result.outcome !== 'terminal') return
    expect(result.status?.name).toBe('completed')
    expect(result.status.code).toBe(10)
    expect(result.durationMs).toBe(123_456)
    expect(names(record.changes.map(c => c.status))).toEqual(['init', 'waiting', 'running', 'completed'])
    expect(record.changes.map(c => c.previous?.name)).toEqual([undefined, 'init', 'waiting', 'running'])
    expect(names(result.timeline.map(t => t.status))).toEqual(['init', 'waiting', 'running', 'completed'])
    expect(result.timeline.map(t => t.atMs)).toEqual(record.changes.map(c => c.elapsedMs))
    expect(api.statusReads).toBe(7)
    expect(clock.sleeps).toEqual(Array(6).fill(interval))
    expect(result.waitedMs).toBe(6 * interval)
  })

  it('ends on failed', async () => {
    const { run } = setup({ statuses: [8, 11] })
    const result = await run()
    expect(result.outcome).toBe('terminal')
    expect(result.status).toMatchObject({ name: 'failed', phase: 'failed' })
  })

  it('waits through killing and ends on killed', async () => {
    const { run, record } = setup({ statuses: [8, 9, 9, 12] })
    const result = await run()
    expect(result.status).toMatchObject({ name: 'killed', phase: 'stopped', terminal: true })
    expect(names(record.changes.map(c => c.status))).toEqual(['running', 'killing', 'killed'])
  })

  it('keeps waiting on undocumented codes', async () => {
    const { run, record } = setup({ statuses: [1, 99, 99, 8, 10] })
    const result = await run()
    expect(result.status?.name).toBe('completed')
    expect(names(record.changes.map(c => c.status))).toEqual(['init', 'status_99', 'running', 'completed'])
  })

  it('does not report the status the create returned again', async () => {
    const { run, record } = setup({ statuses: [1, 1, 8, 10] }, { initialStatus: jobStatus(1) })
    const result = await run()
    expect(names(record.changes.map(c => c.status))).toEqual(['running', 'completed'])
    expect(record.changes[0]?.previous?.name).toBe('init')
    expect(result.timeline[0]).toEqual({ status: jobStatus(1), atMs: 0 })
  })

  it('leaves durationMs out when the service gives none', async () => {
    const { run } = setup({ statuses: [10] })
    const result = await run()
    expect(result.outcome).toBe('terminal')
    expect(result.outcome === 'terminal' && result.durationMs).toBeUndefined()
  })
})

describe('waitForTerminalStatus: timeout and cancel', () => {
  it('stops exactly at the timeout, cutting the last sleep short', async () => {
    const timeoutMs = 100_000
    const { run, clock } = setup({ statuses: [8], latencyMs: 250 }, { timeoutMs })
    const result = await run()

    expect(result.outcome).toBe('timeout')
    expect(result.status?.name).toBe('running')
    expect(result.waitedMs).toBe(timeoutMs)
    expect(clock.sleeps.slice(0, -1).every(ms => ms === interval)).toBe(true)
    expect(clock.sleeps.at(-1)).toBeLessThan(interval)
  })

  it('times out without a status when every read has failed', async () => {
    const { run } = setup({ statuses: [unavailable()] }, { timeoutMs: 45_000 })
    const result = await run()
    expect(result).toMatchObject({ outcome: 'timeout', status: undefined, waitedMs: 45_000 })
  })

  it('returns at once when cancelled during the sleep', async () => {
    const controller = new AbortController()
    const { run, api } = setup(
      { statuses: [8] },
      {
        signal: controller.signal,
        // A sleep that would never end by itself.
        sleep: () => {
          void Promise.resolve().then(() => controller.abort())
          return new Promise<void>(() => undefined)
        }
      }
    )
    const result = await run()
    expect(result.outcome).toBe('cancelled')
    expect(result.status?.name).toBe('running')
    expect(api.statusReads).toBe(1)
  })

  it('returns at once when cancelled during the built-in sleep', async () => {
    const controller = new AbortController()
    const { run } = setup(
      { statuses: [8] },
      { signal: controller.signal, sleep: undefined, now: undefined, pollIntervalMs: 3_600_000 }
    )
    const waiting = run()
    setImmediate(() => controller.abort())
    await expect(waiting).resolves.toMatchObject({ outcome: 'cancelled' })
  })

  it('returns at once when cancelled while a status read hangs', async () => {
    const controller = new AbortController()
    const hanging = () => {
      void Promise.resolve().then(() => controller.abort())
      return new Promise<never>(() => undefined)
    }
    const { run } = setup({ statuses: [8, hanging] }, { signal: controller.signal })
    const result = await run()
    expect(result).toMatchObject({ outcome: 'cancelled', status: { name: 'running' } })
  })

  it('reads nothing when already cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    const { run, api } = setup({ statuses: [8] }, { signal: controller.signal })
    expect((await run()).outcome).toBe('cancelled')
    expect(api.statusReads).toBe(0)
  })
})

describe('waitForTerminalStatus: failing reads', () => {
  it('survives bursts of 503 and reports each one', async () => {
    const { run, record } = setup({
      statuses: [8, unavailable(), unavailable(), unavailable(), 8, unavailable(), 10]
    })
    const result = await run()

    expect(result.status?.name).toBe('completed')
    expect(names(record.changes.map(c => c.status))).toEqual(['running', 'completed'])
    expect(record.failures).toHaveLength(4)
    const burst = record.failures.slice(0, 3).map(f => f.failingForMs)
    expect(burst[0]).toBe(0)
    expect(burst[1]).toBeGreaterThan(burst[0] ?? 0)
    expect(burst[2]).toBeGreaterThan(burst[1] ?? 0)
    expect(record.failures[3]?.failingForMs).toBe(0)
    expect(record.failures[0]?.message).toContain('503')
  })

  it('backs off after failed reads and returns to the interval after a success', async () => {
    const { run, clock } = setup({ statuses: [unavailable(), unavailable(), 8, 8, 10] })
    await run()
    const [afterFirst, afterSecond, afterSuccess] = clock.sleeps
    expect(afterFirst).toBeGreaterThan(interval)
    expect(afterSecond).toBeGreaterThanOrEqual(afterFirst ?? 0)
    expect(afterSuccess).toBe(interval)
  })

  it('throws the last error when reads fail for longer than maxFailureMs', async () => {
    const maxFailureMs = 5 * 60_000
    const error = unavailable()
    const { run, record, clock } = setup({ statuses: [8, error] }, { maxFailureMs })
    const startedAt = clock.time
    await expect(run()).rejects.toBe(error)
    expect(record.failures.length).toBeGreaterThan(1)
    expect(record.failures.every(f => f.failingForMs <= maxFailureMs)).toBe(true)
    expect(clock.time - startedAt).toBeGreaterThan(maxFailureMs)
  })

  it('throws a non-retryable error at once', async () => {
    const error = new ServiceError('ModelArts.0102 resource does not exist', false)
    const { run, record, api } = setup({ statuses: [8, error, 10] })
    await expect(run()).rejects.toBe(error)
    expect(api.statusReads).toBe(2)
    expect(record.failures).toEqual([])
  })
})

describe('waitForTerminalStatus: logs', () => {
  const expectEachLineOnceInOrder = (
    record: Recorded,
    api: FakeApi,
    file: LogFile,
    worker: string | undefined
  ): void => {
    const printed = record.lines.filter(l => l.line.startsWith(`${file.name} `))
    expect(printed.map(l => l.line)).toEqual(api.allLines(file))
    expect(printed.every(l => l.worker === worker)).toBe(true)
  }

  it('prints every line of one worker exactly once, in order, without a prefix', async () => {
    const file: LogFile = {
      name: 'job.log',
      appearsAtPoll: 2,
      linesAfterPoll: poll => Math.max(0, poll - 1) * 7
    }
    const { run, record, api } = setup({ statuses: [1, 8, 8, 8, 8, 8, 10], logFiles: [file], pageSize: 3 })
    await run()
    expect(api.allLines(file)).toHaveLength(42)
    expectEachLineOnceInOrder(record, api, file, undefined)
  })

  it('prints several workers, each line once and in order, prefixed by worker', async () => {
    const files: LogFile[] = [
      { name: 'worker-0.log', appearsAtPoll: 1, linesAfterPoll: poll => poll * 5 },
      { name: 'worker-1.log', appearsAtPoll: 1, linesAfterPoll: poll => poll * 2 }
    ]
    const { run, record, api } = setup({ statuses: [8, 8, 8, 8, 10], logFiles: files, pageSize: 2 })
    await run()
    expectEachLineOnceInOrder(record, api, files[0] as LogFile, 'worker-0')
    expectEachLineOnceInOrder(record, api, files[1] as LogFile, 'worker-1')
    expect(record.lines).toHaveLength(35)
  })

  it('tells workers apart when their files differ only by a numeric suffix', async () => {
    const files: LogFile[] = ['trainJob.0', 'trainJob.1'].map(name => ({
      name,
      appearsAtPoll: 1,
      linesAfterPoll: poll => poll
    }))
    const { run, record } = setup({ statuses: [8, 10], logFiles: files })
    await run()
    expect(new Set(record.lines.map(l => l.worker))).toEqual(new Set(['trainJob.0', 'trainJob.1']))
  })

  it('picks up a worker whose log appears later, from its first line', async () => {
    const files: LogFile[] = [
      { name: 'a.log', appearsAtPoll: 1, linesAfterPoll: poll => poll * 3 },
      { name: 'b.log', appearsAtPoll: 4, linesAfterPoll: poll => Math.max(0, poll - 3) * 3 }
    ]
    const statuses = [...Array(25).fill(8), 10]
    const { run, record, api } = setup({ statuses, logFiles: files, pageSize: 4 })
    await run()
    for (const file of files) {
      const printed = record.lines.filter(l => l.line.startsWith(`${file.name} `)).map(l => l.line)
      expect(printed).toEqual(api.allLines(file))
    }
    // The file list was refreshed while waiting, not only at the end.
    expect(api.logFileNamesCalls).toBeGreaterThan(2)
    expect(api.logFileNamesCalls).toBeLessThan(statuses.length)
  })

  it('drains a large backlog over several polls without losing or repeating lines', async () => {
    const file: LogFile = { name: 'job.log', appearsAtPoll: 1, linesAfterPoll: () => 100 }
    const { run, record, api } = setup({ statuses: [8, 8, 10], logFiles: [file], pageSize: 2 })
    await run()
    expectEachLineOnceInOrder(record, api, file, undefined)
  })

  it('prints the last lines after the terminal status', async () => {
    const file: LogFile = { name: 'job.log', appearsAtPoll: 2, linesAfterPoll: poll => (poll >= 2 ? 12 : 0) }
    const { run, record, api } = setup({ statuses: [1, 10], logFiles: [file], pageSize: 5 })
    await run()
    expect(record.lines.map(l => l.line)).toEqual(api.allLines(file))
    expect(record.lines).toHaveLength(12)
  })

  it('prints the last lines before it announces the end, so the log reads in order', async () => {
    // The lines show up only at the poll that sees the terminal status.
    const file: LogFile = { name: 'job.log', appearsAtPoll: 2, linesAfterPoll: poll => (poll >= 3 ? 12 : 0) }
    const { run, record } = setup({ statuses: [1, 8, 10], logFiles: [file], pageSize: 5 })
    const events: string[] = []
    const { statusChanged, logLine } = record.callbacks
    record.callbacks.statusChanged = (status, elapsedMs, previous) => {
      events.push(`status ${status.name}`)
      statusChanged(status, elapsedMs, previous)
    }
    record.callbacks.logLine = (line, worker) => {
      events.push('line')
      logLine(line, worker)
    }
    await run()
    expect(events.at(-1)).toBe('status completed')
    expect(events.filter(e => e === 'line')).toHaveLength(12)
  })

  it('keeps waiting for the status after a log read fails for good', async () => {
    const file: LogFile = { name: 'job.log', appearsAtPoll: 1, linesAfterPoll: poll => poll * 2 }
    const { run, record, api } = setup({
      statuses: [8, 8, 8, 8, 10],
      logFiles: [file],
      logLinesError: call =>
        call === 3 ? new ServiceError('HTTP 403 ModelArts.0108 not authorized', false) : undefined
    })
    const result = await run()

    expect(result.status?.name).toBe('completed')
    expect(record.failures).toHaveLength(1)
    expect(record.failures[0]?.message).toContain('0108')
    expect(api.logLinesCalls).toBe(3)
    const printed = record.lines.map(l => l.line)
    expect(printed).toEqual(api.allLines(file).slice(0, printed.length))
  })

  it('resumes after a transient log failure without repeating lines', async () => {
    const file: LogFile = { name: 'job.log', appearsAtPoll: 1, linesAfterPoll: poll => poll * 4 }
    const { run, record, api } = setup({
      statuses: [8, 8, 8, 8, 10],
      logFiles: [file],
      pageSize: 3,
      logLinesError: call => (call === 4 || call === 5 ? unavailable() : undefined),
      logFileNamesError: call => (call === 1 ? unavailable() : undefined)
    })
    const result = await run()
    expect(result.status?.name).toBe('completed')
    expect(record.failures.length).toBeGreaterThanOrEqual(2)
    expectEachLineOnceInOrder(record, api, file, undefined)
  })

  it('waits quietly while the log is not ready', async () => {
    const file: LogFile = { name: 'job.log', appearsAtPoll: 3, linesAfterPoll: poll => (poll >= 5 ? 2 : 0) }
    const { run, record } = setup({ statuses: [1, 7, 8, 8, 8, 10], logFiles: [file] })
    await run()
    expect(record.failures).toEqual([])
    expect(record.lines).toHaveLength(2)
  })

  it('reads no log when streaming is off', async () => {
    const file: LogFile = { name: 'job.log', appearsAtPoll: 1, linesAfterPoll: () => 5 }
    const { run, record, api } = setup({ statuses: [8, 10], logFiles: [file] }, { streamLogs: false })
    await run()
    expect(record.lines).toEqual([])
    expect(api.logFileNamesCalls + api.logLinesCalls).toBe(0)
  })
})

describe('waitForTerminalStatus: what any API may ask of the loop', () => {
  const status = (name: string, terminal: boolean, confirm?: boolean): JobStatus => ({
    name,
    phase: terminal ? 'failed' : 'running',
    terminal,
    description: name,
    confirm
  })

  /** An API whose status reads follow `statuses` (the last repeats) and whose reader records what it was given. */
  function scripted(statuses: JobStatus[]) {
    let reads = 0
    const given: Array<{ tasks: string[] | undefined; final: boolean }> = []
    const api: WaitOptions['api'] = {
      getRun: async () => {
        const seen = statuses[Math.min(reads, statuses.length - 1)] ?? status('running', false)
        reads++
        return { status: seen, durationMs: undefined, tasks: [`task-${reads}`] }
      },
      logReader: () => ({
        async read(line, _untilAborted, final, poll) {
          given.push({ tasks: poll.run?.tasks, final })
          poll.notice(`notice ${given.length}`)
        }
      })
    }
    return { api, given, reads: () => reads }
  }

  test('a status with confirm ends the wait only when the next poll shows it again', async () => {
    const fake = scripted([
      status('abnormal', true, true),
      status('running', false),
      status('abnormal', true, true)
    ])
    const { run, record } = setup({ statuses: [] }, { api: fake.api, streamLogs: false })
    const result = await run()
    expect(result.outcome).toBe('terminal')
    expect(fake.reads()).toBe(4)
    expect(names(record.changes.map(c => c.status))).toEqual(['abnormal', 'running', 'abnormal'])
  })

  test('the log reader gets each poll its status read, and its notices reach logNotice', async () => {
    const fake = scripted([status('running', false), status('done', true)])
    const { run, record } = setup({ statuses: [] }, { api: fake.api })
    await run()
    expect(fake.given).toEqual([
      { tasks: ['task-1'], final: false },
      { tasks: ['task-2'], final: true }
    ])
    expect(record.notices).toEqual(['notice 1', 'notice 2'])
  })
})

/**
 * Follows a training job until it ends: polls its status, streams its log, honours the timeout and
 * cancellation. Prints nothing itself: everything goes through the callbacks the caller passes in.
 * The loop (`watchTrainingJob`) knows no API: a status reader and a `LogFollower` bring v1 or v2 to it;
 * `waitForTerminalStatus` is the v1 wiring, v2-wait.ts the v2 one.
 */
import type { LogChunk, TrainingJobsApi, VersionDetail } from './api.js'
import { jobStatus, type JobStatus, type TrainingStatus } from './status.js'

export interface WaitCallbacks<S extends TrainingStatus = JobStatus> {
  /** Once per change of status, the first status seen included (but not `initialStatus`). */
  statusChanged(status: S, elapsedMs: number, previous: S | undefined): void
  /** One training log line; `worker` is set when the job writes several logs (v1 files, v2 tasks). */
  logLine(line: string, worker: string | undefined): void
  /** A read failed and will be retried, or log streaming stopped; the wait goes on. */
  transientFailure(message: string, failingForMs: number): void
  /** Something about the log worth one line, e.g. lines the v2 log window moved past unprinted. */
  logNotice?(message: string): void
}

/** Only settles like `work` while the wait is not cancelled (rejects with an internal error otherwise). */
export type Guard = <T>(work: Promise<T>) => Promise<T>

/** Reads the log of one job and hands what is new to the callbacks. Both APIs implement it. */
export interface LogFollower<D> {
  /**
   * Emits the lines that are new since the last call. `detail` is what the status read of this poll
   * returned (undefined when it failed); `final` means the job ended: read to the end.
   * Errors are left to the caller (retried at the next poll, or streaming stops).
   */
  follow(detail: D | undefined, final: boolean, guard: Guard): Promise<void>
}

/** One status read, whatever the API. */
export interface StatusRead<S extends TrainingStatus, D> {
  status: S
  detail: D
  /** The service's run time in ms, when it says. */
  durationMs?: number
}

export interface WatchOptions<S extends TrainingStatus, D> {
  readStatus(): Promise<StatusRead<S, D>>
  /** Undefined: no log streaming. */
  logs?: LogFollower<D>
  pollIntervalMs: number
  timeoutMs: number
  /** Give up when status reads keep failing for longer than this; default 10 minutes. */
  maxFailureMs?: number
  /** Aborted = the step is being cancelled: return at once. */
  signal?: AbortSignal
  callbacks: WaitCallbacks<S>
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** The status the create returned: the starting point, not reported again through statusChanged. */
  initialStatus?: S
}

export interface WaitOptions {
  api: TrainingJobsApi
  jobId: string
  versionId: string
  pollIntervalMs: number
  timeoutMs: number
  streamLogs: boolean
  /** Give up when status reads keep failing for longer than this; default 10 minutes. */
  maxFailureMs?: number
  /** Aborted = the step is being cancelled: return at once. */
  signal?: AbortSignal
  callbacks: WaitCallbacks
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** The status the create returned: the starting point, not reported again through statusChanged. */
  initialStatus?: JobStatus
}

export interface TimelineEntry<S extends TrainingStatus = JobStatus> {
  status: S
  /** Elapsed since the start of the wait. */
  atMs: number
}

export type WaitResult<S extends TrainingStatus = JobStatus, D = VersionDetail> =
  | {
      outcome: 'terminal'
      status: S
      detail: D
      waitedMs: number
      durationMs?: number
      timeline: TimelineEntry<S>[]
    }
  | { outcome: 'timeout'; status: S | undefined; waitedMs: number; timeline: TimelineEntry<S>[] }
  | { outcome: 'cancelled'; status: S | undefined; waitedMs: number; timeline: TimelineEntry<S>[] }

const defaultMaxFailureMs = 10 * 60_000
// Never poll in a tight loop, whatever interval was asked for.
const minimumPollIntervalMs = 100
// After failed reads the next poll comes later (doubling), but never later than this unless the interval is longer.
const maximumBackoffMs = 60_000
const refreshLogFilesEveryPolls = 10
const logPagesPerPoll = 20
const logPagesFinalDrain = 200

/** Thrown inside the loop when the signal aborts; turned into the 'cancelled' outcome. */
class Cancelled extends Error {}

/** v1: follows one version through the v1 calls. */
export async function waitForTerminalStatus(options: WaitOptions): Promise<WaitResult> {
  const { api, jobId, versionId } = options
  return watchTrainingJob<JobStatus, VersionDetail>({
    ...options,
    async readStatus() {
      const detail = await api.getVersion(jobId, versionId)
      return {
        status: jobStatus(detail.statusCode),
        detail,
        ...(detail.durationMs !== undefined && { durationMs: detail.durationMs })
      }
    },
    ...(options.streamLogs && { logs: new V1LogFollower(api, jobId, versionId, options.callbacks) })
  })
}

/**
 * The wait loop. A terminal status with `confirm` (v2 Abnormal) is final only when the next poll still
 * shows it; until then the wait goes on (the change is reported at once).
 */
export async function watchTrainingJob<S extends TrainingStatus, D>(
  options: WatchOptions<S, D>
): Promise<WaitResult<S, D>> {
  const { callbacks, signal } = options
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? sleepUnlessAborted
  const maxFailureMs = options.maxFailureMs ?? defaultMaxFailureMs
  const pollIntervalMs = Math.max(options.pollIntervalMs, minimumPollIntervalMs)
  const startedAt = now()
  const elapsed = (): number => now() - startedAt

  let status = options.initialStatus
  const timeline: TimelineEntry<S>[] = status ? [{ status, atMs: 0 }] : []
  let failingSince: number | undefined
  let failuresInARow = 0
  /** The name of a terminal status seen once that needs one more poll to be final. */
  let unconfirmed: string | undefined
  const logs = options.logs ? new LogStreaming(options.logs, callbacks, now, maxFailureMs) : undefined

  const untilAborted: Guard = work => raceAbort(work, signal)
  const ended = (outcome: 'timeout' | 'cancelled'): WaitResult<S, D> => ({
    outcome,
    status,
    waitedMs: elapsed(),
    timeline
  })

  try {
    for (;;) {
      if (signal?.aborted) return ended('cancelled')
      if (elapsed() >= options.timeoutMs) return ended('timeout')

      let read: StatusRead<S, D> | undefined
      try {
        read = await untilAborted(options.readStatus())
        failingSince = undefined
        failuresInARow = 0
      } catch (error) {
        if (error instanceof Cancelled || !isRetryable(error)) throw error
        failingSince ??= now()
        failuresInARow++
        const failingForMs = now() - failingSince
        if (failingForMs > maxFailureMs) throw error
        callbacks.transientFailure(
          `Reading the job status failed, retrying: ${messageOf(error)}`,
          failingForMs
        )
      }

      if (read) {
        const seen = read.status
        const atMs = elapsed()
        const final = seen.terminal && (seen.confirm !== true || unconfirmed === seen.name)
        unconfirmed = seen.terminal && seen.confirm === true ? seen.name : undefined
        if (final) {
          // The last lines often reach the log service after the status changes: read them all before
          // announcing the end, so the log reads in order.
          await logs?.follow(read.detail, true, untilAborted).catch(ignoreCancelled)
        }
        // Names are unique per status, and also compare equal for undocumented values.
        if (seen.name !== status?.name) {
          const previous = status
          status = seen
          timeline.push({ status: seen, atMs })
          callbacks.statusChanged(seen, atMs, previous)
        }
        if (final) {
          return {
            outcome: 'terminal',
            status: seen,
            detail: read.detail,
            waitedMs: elapsed(),
            timeline,
            ...(read.durationMs !== undefined && { durationMs: read.durationMs })
          }
        }
      }
      await logs?.follow(read?.detail, false, untilAborted)

      const backoffMs = Math.min(
        pollIntervalMs * 2 ** failuresInARow,
        Math.max(pollIntervalMs, maximumBackoffMs)
      )
      const untilTimeoutMs = options.timeoutMs - elapsed()
      if (untilTimeoutMs <= 0) continue
      await untilAborted(sleep(Math.min(backoffMs, untilTimeoutMs), signal).catch(ignoreAbortRejection))
    }
  } catch (error) {
    if (error instanceof Cancelled) return ended('cancelled')
    throw error
  }
}

/**
 * Runs a follower on every poll. Its failures never end the wait: transient ones are retried at the next
 * poll, others (or transient ones for longer than maxFailureMs) stop the streaming.
 */
class LogStreaming<D> {
  private stopped = false
  private failingSince: number | undefined

  constructor(
    private readonly follower: LogFollower<D>,
    private readonly callbacks: Pick<WaitCallbacks<never>, 'transientFailure'>,
    private readonly now: () => number,
    private readonly maxFailureMs: number
  ) {}

  async follow(detail: D | undefined, final: boolean, guard: Guard): Promise<void> {
    if (this.stopped) return
    try {
      await this.follower.follow(detail, final, guard)
      this.failingSince = undefined
    } catch (error) {
      if (error instanceof Cancelled) throw error
      this.failed(error)
    }
  }

  private failed(error: unknown): void {
    this.failingSince ??= this.now()
    const failingForMs = this.now() - this.failingSince
    if (isRetryable(error) && failingForMs <= this.maxFailureMs) {
      this.callbacks.transientFailure(
        `Reading the training log failed, retrying: ${messageOf(error)}`,
        failingForMs
      )
      return
    }
    this.stopped = true
    this.callbacks.transientFailure(
      `Reading the training log failed, log streaming stopped (still waiting for the job): ${messageOf(error)}`,
      failingForMs
    )
  }
}

/** v1: each line once, in order, keeping only a cursor per file (never the log itself). */
class V1LogFollower implements LogFollower<VersionDetail> {
  private files: string[] = []
  private readonly cursors = new Map<string, string | undefined>()
  private pollsSinceRefresh = 0

  constructor(
    private readonly api: TrainingJobsApi,
    private readonly jobId: string,
    private readonly versionId: string,
    private readonly callbacks: Pick<WaitCallbacks, 'logLine'>
  ) {}

  async follow(_detail: VersionDetail | undefined, final: boolean, guard: Guard): Promise<void> {
    if (final || this.files.length === 0 || this.pollsSinceRefresh >= refreshLogFilesEveryPolls) {
      this.addFiles(await guard(this.api.logFileNames(this.jobId, this.versionId)))
      this.pollsSinceRefresh = 0
    }
    this.pollsSinceRefresh++
    const workers = workerNames(this.files)
    for (const file of this.files) {
      await this.drainFile(file, workers.get(file), guard, final ? logPagesFinalDrain : logPagesPerPoll)
    }
  }

  private addFiles(names: string[]): void {
    for (const name of names) {
      if (!this.cursors.has(name)) {
        this.cursors.set(name, undefined)
        this.files.push(name)
      }
    }
  }

  private async drainFile(
    file: string,
    worker: string | undefined,
    guard: Guard,
    maxPages: number
  ): Promise<void> {
    for (let page = 0; page < maxPages; page++) {
      const before = this.cursors.get(file)
      const chunk: LogChunk = await guard(this.api.logLines(this.jobId, this.versionId, file, before))
      const after = chunk.cursor ?? before
      // Lines without a moved cursor would come back again next time: print nothing rather than twice.
      if (chunk.lines.length === 0 || after === before) return
      this.cursors.set(file, after)
      for (const line of chunk.lines) this.callbacks.logLine(line, worker)
    }
  }
}

/** Worker names for the log prefix: only when there are several files, and only if they stay distinct. */
function workerNames(files: string[]): Map<string, string | undefined> {
  const names = new Map<string, string | undefined>()
  if (files.length < 2) {
    for (const file of files) names.set(file, undefined)
    return names
  }
  // Strip a word extension such as `.log`, but keep numeric suffixes like `job.0` that tell workers apart.
  const short = files.map(file => (file.split('/').pop() ?? file).replace(/\.[A-Za-z]+$/, ''))
  const distinct = new Set(short).size === files.length && short.every(name => name !== '')
  files.forEach((file, index) => names.set(file, distinct ? short[index] : file))
  return names
}

function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retryable?: boolean }).retryable === true
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function ignoreCancelled(error: unknown): void {
  if (!(error instanceof Cancelled)) throw error
}

// An injected sleep may reject when aborted; the loop checks the signal itself.
function ignoreAbortRejection(): void {}

/** Settles like `work`, or rejects with Cancelled as soon as the signal aborts. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work
  if (signal.aborted) {
    work.catch(() => undefined)
    return Promise.reject(new Cancelled())
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      // The abandoned call may still fail later: that must not become an unhandled rejection.
      work.catch(() => undefined)
      reject(new Cancelled())
    }
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(
      value => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      }
    )
  })
}

/** Resolves after `ms`, or at once when the signal aborts. */
function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    if (signal?.aborted) return resolve()
    const done = (): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}

/**
 * Follows a run until it ends, whichever API drives it: polls its status, streams its log through the API's
 * LogReader, honours the timeout and cancellation. Prints nothing itself: everything goes through the callbacks.
 * A terminal status with `confirm` (v2 Abnormal) is final only when the next poll shows it again.
 */
import type { JobRef, JobStatus, LogReader, RunDetail, TrainingJobsApi } from './api.js'
import { isRetryable } from '../huaweicloud/errors.js'
import { sleep as abortableSleep } from '../huaweicloud/retry.js'
import { errorMessage } from '../util/values.js'

export interface WaitCallbacks {
  /** Once per change of status, the first status seen included (but not `initialStatus`). */
  statusChanged(status: JobStatus, elapsedMs: number, previous: JobStatus | undefined): void
  /** One training log line; `worker` is set when the job writes several logs (v1 files, v2 tasks). */
  logLine(line: string, worker: string | undefined): void
  /** A read failed and will be retried, or log streaming stopped; the wait goes on. */
  transientFailure(message: string, failingForMs: number): void
  /** One line about the log itself, e.g. that v2's preview window moved past lines before they were printed. */
  logNotice(message: string): void
}

export interface WaitOptions {
  /** Any API: the wait only reads runs and their logs. */
  api: Pick<TrainingJobsApi<unknown>, 'getRun' | 'logReader'>
  ref: JobRef
  pollIntervalMs: number
  timeoutMs: number
  streamLogs: boolean
  /** Give up when status reads keep failing for longer than this; default 10 minutes. */
  maxFailureMs?: number
  /** Aborted = the step is being cancelled: return at once. */
  signal?: AbortSignal
  callbacks: WaitCallbacks
  now?: () => number
  /** May resolve or reject when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** The status the create returned: the starting point, not reported again through statusChanged. */
  initialStatus?: JobStatus
}

export interface TimelineEntry {
  status: JobStatus
  /** Elapsed since the start of the wait. */
  atMs: number
}

export type WaitResult =
  | {
      outcome: 'terminal'
      status: JobStatus
      waitedMs: number
      durationMs?: number
      timeline: TimelineEntry[]
    }
  | { outcome: 'timeout'; status: JobStatus | undefined; waitedMs: number; timeline: TimelineEntry[] }
  | { outcome: 'cancelled'; status: JobStatus | undefined; waitedMs: number; timeline: TimelineEntry[] }

const defaultMaxFailureMs = 10 * 60_000
// Never poll in a tight loop, whatever interval was asked for.
const minimumPollIntervalMs = 100
// After failed reads the next poll comes later (doubling), but never later than this unless the interval is longer.
const maximumBackoffMs = 60_000
/** The last lines are read before the end is announced, but a hanging log service never holds the end longer. */
const finalDrainBudgetMs = 30_000

/** Thrown inside the loop when the signal aborts; turned into the 'cancelled' outcome. */
class Cancelled extends Error {}

export async function waitForTerminalStatus(options: WaitOptions): Promise<WaitResult> {
  const { api, ref, callbacks, signal } = options
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? abortableSleep
  const maxFailureMs = options.maxFailureMs ?? defaultMaxFailureMs
  const pollIntervalMs = Math.max(options.pollIntervalMs, minimumPollIntervalMs)
  const startedAt = now()
  const elapsed = (): number => now() - startedAt

  let status = options.initialStatus
  const timeline: TimelineEntry[] = status ? [{ status, atMs: 0 }] : []
  let failingSince: number | undefined
  let failuresInARow = 0
  /** The name of a terminal status seen once that needs one more poll to be final (`confirm`). */
  let unconfirmed: string | undefined
  const logs = options.streamLogs
    ? new LogFollower(api.logReader(ref), callbacks, now, maxFailureMs)
    : undefined

  const untilAborted = <T>(work: Promise<T>): Promise<T> => raceAbort(work, signal)
  // Log reads run beside the status polls, never in their way: a slow log read delays only the log.
  let logsInFlight: Promise<void> | undefined
  // The read gets the poll it started beside (v2 reads the tasks of the run from it).
  const readLogsBeside = (run: RunDetail | undefined): void => {
    if (!logs || logsInFlight) return
    logsInFlight = logs
      .drain(untilAborted, false, run)
      .then(() => undefined, ignoreCancelled)
      .finally(() => {
        logsInFlight = undefined
      })
  }
  const ended = (outcome: 'timeout' | 'cancelled'): WaitResult => ({
    outcome,
    status,
    waitedMs: elapsed(),
    timeline
  })

  try {
    for (;;) {
      if (signal?.aborted) return ended('cancelled')
      if (elapsed() >= options.timeoutMs) return ended('timeout')

      let detail: RunDetail | undefined
      try {
        detail = await untilAborted(api.getRun(ref))
        failingSince = undefined
        failuresInARow = 0
      } catch (error) {
        if (error instanceof Cancelled || !isRetryable(error)) throw error
        failingSince ??= now()
        failuresInARow++
        const failingForMs = now() - failingSince
        if (failingForMs > maxFailureMs) throw error
        callbacks.transientFailure(
          `Reading the job status failed, retrying: ${errorMessage(error)}`,
          failingForMs
        )
      }

      if (detail) {
        const seen = detail.status
        const atMs = elapsed()
        // A status that may still change back is reported at once, but ends the wait only when seen twice in a row.
        const final = seen.terminal && (seen.confirm !== true || unconfirmed === seen.name)
        unconfirmed = seen.terminal && seen.confirm === true ? seen.name : undefined
        if (final) {
          // The last lines often reach the log service after the status changes: read them all before
          // announcing the end, so the log reads in order.
          if (logs) {
            const run = detail
            const drained = (async () => {
              await logsInFlight
              // A read that fails now is tried again a few times: these are the lines nobody saw yet.
              for (let tries = 0; tries < 3 && !(await logs.drain(untilAborted, true, run)); tries++);
            })().catch(ignoreCancelled)
            let budget: ReturnType<typeof setTimeout> | undefined
            const gaveUp = await untilAborted(
              Promise.race([
                drained.then(() => false),
                new Promise<boolean>(resolve => {
                  budget = setTimeout(() => resolve(true), finalDrainBudgetMs)
                })
              ])
            ).finally(() => clearTimeout(budget))
            if (gaveUp)
              callbacks.transientFailure(
                `The rest of the training log was not read within ${finalDrainBudgetMs / 1000} s; see it in the console.`,
                finalDrainBudgetMs
              )
          }
        }
        // Names are unique per code, and also compare equal for undocumented non-numeric codes.
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
            waitedMs: elapsed(),
            timeline,
            durationMs: detail.durationMs
          }
        }
      }
      readLogsBeside(detail)

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

/** Drives the API's log reader; its failures never end the wait: transient ones are retried at the next poll, others stop the streaming. */
class LogFollower {
  private stopped = false
  private failingSince: number | undefined

  constructor(
    private readonly reader: LogReader,
    private readonly callbacks: WaitCallbacks,
    private readonly now: () => number,
    private readonly maxFailureMs: number
  ) {}

  /** False when a read failed (and was reported); true when the log was read as far as allowed. */
  async drain(
    untilAborted: <T>(work: Promise<T>) => Promise<T>,
    final: boolean,
    run: RunDetail | undefined
  ): Promise<boolean> {
    if (this.stopped) return true
    try {
      await this.reader.read((line, worker) => this.callbacks.logLine(line, worker), untilAborted, final, {
        run,
        notice: message => this.callbacks.logNotice(message)
      })
      this.failingSince = undefined
      return true
    } catch (error) {
      if (error instanceof Cancelled) throw error
      this.failed(error)
      return this.stopped
    }
  }

  private failed(error: unknown): void {
    this.failingSince ??= this.now()
    const failingForMs = this.now() - this.failingSince
    if (isRetryable(error) && failingForMs <= this.maxFailureMs) {
      this.callbacks.transientFailure(
        `Reading the training log failed, retrying: ${errorMessage(error)}`,
        failingForMs
      )
      return
    }
    this.stopped = true
    this.callbacks.transientFailure(
      `Reading the training log failed, log streaming stopped (still waiting for the job): ${errorMessage(error)}`,
      failingForMs
    )
  }
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

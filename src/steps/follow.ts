/** `wait: true`: follows the run to a terminal status, prints its log, stops it on timeout or cancel. */
import * as core from '@actions/core'
import type { CreateSettings } from '../settings.js'
import type { Service } from './connect.js'
import { stopRun, type CancelWatch } from './cancel.js'
import { waitForTerminalStatus, type TimelineEntry } from '../modelarts/wait.js'
import { statusLabel, type JobStatus, type Submitted } from '../modelarts/api.js'
import type { JobInsight } from '../modelarts/insight.js'
import type { JobEnd } from '../modelarts/postmortem.js'
import { formatDuration } from '../util/duration.js'
import { markFinished, setDuration, setInsight, setStatus } from '../report/outputs.js'
import { printText } from '../report/untrusted.js'
import { errorMessage } from '../util/values.js'

/** The runner kills the step 7.5 s after SIGINT: the stop must be sent well within that. */
const STOP_ON_CANCEL_BUDGET_MS = 5000

/** How the wait ended; the summary and the step's verdict are built from it. */
export interface FollowResult {
  outcome: 'terminal' | 'timeout' | 'cancelled'
  /** The last status seen (the create's when none was read). */
  status: JobStatus
  timeline: TimelineEntry[]
  waitedMs: number
  durationMs: number | undefined
  /** With timeout or cancelled: whether the run was stopped (undefined: the stop failed or ran out of time). */
  stopped: boolean | undefined
  /** Why the run did not complete, and its metrics (outputs failure_reason and metrics, the summary); undefined when not followed. */
  insight: JobInsight | undefined
  /** With timeout: why the stop failed, when it did (the run is still going). */
  stopFailure?: string
}

export async function followJob(
  service: Service,
  settings: CreateSettings,
  submitted: Submitted,
  cancel: CancelWatch
): Promise<FollowResult> {
  const { ref } = submitted
  const url = service.jobUrl ? ` (${service.jobUrl})` : ''
  printText(
    `Waiting for ${shownName(submitted)} to end: every ${formatDuration(settings.pollIntervalMs)}, ` +
      `at most ${formatDuration(settings.timeoutMs)}${url}.`
  )

  // On cancel, stop at once from the signal handler: the poll may be in the middle of a request.
  let stopping: Promise<boolean | undefined> | undefined
  cancel.onCancel(() => {
    stopping = Promise.race([
      stopRun(service, settings, ref, shownName(submitted)).catch((error: unknown) => {
        core.error(`Could not stop ${shownName(submitted)}: ${errorMessage(error)}`)
        return undefined
      }),
      new Promise<undefined>(resolve =>
        setTimeout(() => resolve(undefined), STOP_ON_CANCEL_BUDGET_MS).unref()
      )
    ])
  })

  const result = await waitForTerminalStatus({
    api: service.api,
    ref,
    pollIntervalMs: settings.pollIntervalMs,
    timeoutMs: settings.timeoutMs,
    streamLogs: settings.streamLogs,
    signal: cancel.signal,
    initialStatus: submitted.status,
    callbacks: {
      statusChanged(status, elapsedMs) {
        printText(`[${formatDuration(elapsedMs)}] status: ${statusLabel(status)}${url}`)
        setStatus(status)
      },
      logLine(line, worker) {
        printText(worker ? `[${worker}] ${line}` : line)
      },
      transientFailure(message, failingForMs) {
        core.warning(`${message} (failing for ${formatDuration(failingForMs)})`)
      },
      logNotice(message) {
        // Lines are missing from the log (v2 preview window): worth a warning, not an error.
        core.warning(message)
      }
    }
  })
  const common = {
    status: result.status ?? submitted.status,
    timeline: result.timeline,
    waitedMs: result.waitedMs
  }

  if (result.outcome === 'cancelled') {
    // The wait returned at once; the stop the signal handler sent decides what to say.
    const stopped = await stopping
    // Seconds are left before the runner kills the step: the reason from the outcome, nothing read.
    const end: JobEnd = { outcome: 'cancelled', status: common.status, stopped: stopped === true }
    const insight = await explain(service, ref, end, false)
    return { ...common, outcome: 'cancelled', durationMs: undefined, stopped, insight }
  }
  if (result.outcome === 'timeout') {
    // A failed stop is part of the outcome: the verdict says the wait timed out and the run still goes on.
    let stopped: boolean | undefined
    let stopFailure: string | undefined
    try {
      stopped = await stopRun(service, settings, ref, shownName(submitted))
    } catch (error) {
      stopFailure = errorMessage(error)
    }
    const limit = formatDuration(settings.timeoutMs)
    const end: JobEnd = { outcome: 'timeout', status: common.status, limit, stopped: stopped === true }
    const insight = await explain(service, ref, end, true)
    return { ...common, outcome: 'timeout', durationMs: undefined, stopped, stopFailure, insight }
  }
  markFinished('ended')
  if (result.durationMs !== undefined) {
    setDuration(result.durationMs)
    // Two clocks that differ on purpose: say which is which once.
    printText(
      `Run time ${formatDuration(result.durationMs)}, as ModelArts counts it (the \`duration\` output); ` +
        `this step waited ${formatDuration(result.waitedMs)}, queueing and polling included (the summary's timeline).`
    )
  }
  setStatus(result.status)
  const insight = await explain(service, ref, { outcome: 'terminal', status: result.status }, true)
  return { ...common, outcome: 'terminal', durationMs: result.durationMs, stopped: undefined, insight }
}

/** Reads why the run ended as it did and its metrics, and sets the outputs; never throws. */
async function explain(
  service: Service,
  ref: Submitted['ref'],
  end: JobEnd,
  reads: boolean
): Promise<JobInsight> {
  const insight = await service.explain(ref, end, { reads })
  setInsight(insight)
  return insight
}

/** `job 12 version V0001`: the run as the log names it once created. */
export const shownName = (submitted: Submitted): string =>
  submitted.ref.versionId === undefined
    ? `job "${submitted.jobName}" (id ${submitted.ref.jobId})`
    : `job ${submitted.ref.jobId} version ${submitted.versionName}`

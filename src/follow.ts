/** `wait: true`: follows the version to a terminal status, prints its log, stops it on timeout or cancel. */
import * as core from '@actions/core'
import { printText } from './report/untrusted.js'
import type { Settings } from './inputs.js'
import type { Service } from './service.js'
import type { JobReport } from './report/summary.js'
import { CancelledError, stopJobVersion, type CancelWatch } from './cancel.js'
import { waitForTerminalStatus } from './modelarts/wait.js'
import { statusLabel } from './modelarts/status.js'
import { formatDuration } from './duration.js'
import { STATE } from './report/outputs.js'
import { errorMessage } from './report/messages.js'

/** The runner kills the step 7.5 s after SIGINT: the stop must be sent well within that. */
const STOP_ON_CANCEL_BUDGET_MS = 5000

export async function followJob(
  service: Service,
  settings: Settings,
  report: JobReport,
  cancel: CancelWatch
): Promise<void> {
  const { jobId, versionId } = report
  const url = service.jobUrl ? ` (${service.jobUrl})` : ''
  printText(
    `Waiting for job ${jobId} version ${report.versionName} to end: every ${formatDuration(settings.pollIntervalMs)}, ` +
      `at most ${formatDuration(settings.timeoutMs)}${url}.`
  )

  // On cancel, stop at once from the signal handler: the poll may be in the middle of a request.
  let stopping: Promise<void> | undefined
  cancel.onCancel(() => {
    report.outcome = 'cancelled'
    stopping = Promise.race([
      stopJobVersion(service, settings, jobId, versionId).then(
        stopped => {
          report.stopped = stopped
        },
        error => {
          core.error(`Could not stop job ${jobId} version ${versionId}: ${errorMessage(error)}`)
        }
      ),
      new Promise<void>(resolve => setTimeout(resolve, STOP_ON_CANCEL_BUDGET_MS).unref())
    ])
  })

  const result = await waitForTerminalStatus({
    api: service.api,
    jobId,
    versionId,
    pollIntervalMs: settings.pollIntervalMs,
    timeoutMs: settings.timeoutMs,
    streamLogs: settings.streamLogs,
    signal: cancel.signal,
    initialStatus: report.status,
    callbacks: {
      statusChanged(status, elapsedMs) {
        printText(`[${formatDuration(elapsedMs)}] status: ${statusLabel(status)}${url}`)
        core.setOutput('status', status.name)
        core.setOutput('status_code', String(status.code))
      },
      logLine(line, worker) {
        printText(worker ? `[${worker}] ${line}` : line)
      },
      transientFailure(message, failingForMs) {
        core.warning(`${message} (failing for ${formatDuration(failingForMs)})`)
      }
    }
  })
  report.timeline = result.timeline
  report.waitedMs = result.waitedMs
  if (result.status) report.status = result.status

  if (result.outcome === 'cancelled') {
    // The wait returned at once; the stop the signal handler sent decides what to say.
    await stopping
    throw new CancelledError(
      `The workflow was cancelled; job ${jobId} version ${report.versionName} was ` +
        `${report.stopped ? 'stopped' : 'left running'}.`
    )
  }
  if (result.outcome === 'timeout') {
    report.outcome = 'timeout'
    const last = result.status ? `${result.status.name} (${result.status.code})` : 'unknown'
    const timedOut = `Timed out after waiting ${formatDuration(result.waitedMs)}; last status ${last}.`
    try {
      report.stopped = await stopJobVersion(service, settings, jobId, versionId)
    } catch (error) {
      report.stopped = false
      // The stop failing must not hide why the step ends, nor that the job still runs (and bills).
      throw new Error(
        `${timedOut} The stop was refused, so job ${jobId} version ${report.versionName} (id ${versionId}) is still running: ${errorMessage(error)}. Stop it in the console.`
      )
    }
    throw new Error(
      `${timedOut} The job was ${report.stopped ? 'stopped' : 'left running'}. Raise \`timeout\` to wait longer.`
    )
  }

  core.saveState(STATE.finished, 'ended')
  report.outcome = 'terminal'
  const status = result.status
  const durationMs = result.durationMs ?? result.detail.durationMs
  if (durationMs !== undefined) {
    report.durationMs = durationMs
    core.setOutput('duration', String(Math.floor(durationMs / 1000)))
  }
  core.setOutput('status', status.name)
  core.setOutput('status_code', String(status.code))
  if (status.phase === 'succeeded') {
    printText(`Job ${jobId} version ${report.versionName} completed.`)
    return
  }
  const message =
    `Job ${jobId} version ${report.versionName} ended ${statusLabel(status)}.` +
    (service.jobUrl ? ` See the log in the console: ${service.jobUrl}` : '')
  if (settings.failOnJobFailure) throw new Error(message)
  core.warning(`${message} (fail_on_job_failure is false)`)
}

/** Without validate_only: create the job (or the next run of it), then optionally follow it. */
import * as core from '@actions/core'
import type { CreateSettings } from '../settings.js'
import { readJobDefinition, type LocatedDefinition } from './definition.js'
import { checkBeforeSending, connect, credentialSecrets, type Service } from './connect.js'
import { definitionName, type ValidDefinition } from '../job/index.js'
import { statusLabel, type Submitted } from '../modelarts/api.js'
import { followJob, shownName, type FollowResult } from './follow.js'
import { stopRun, watchForCancel } from './cancel.js'
import { CancelledError } from './cancelled.js'
import { jobSummary, notCreatedSummary, type JobReport } from '../report/summary.js'
import { runProvenance } from '../report/provenance.js'
import { markFinished, saveApi, saveCreated, saveSent, writeSummary } from '../report/outputs.js'
import { annotate, AnnotatedError } from '../report/annotations.js'
import { capitalized, plural } from '../report/plural.js'
import { printText } from '../report/untrusted.js'
import { printRequestBody } from '../report/request-body.js'
import { describeOrigin, runOriginOf } from '../job/origin.js'
import { formatDuration } from '../util/duration.js'
import { errorMessage } from '../util/values.js'

export async function createTrainingJob(settings: CreateSettings): Promise<void> {
  const read = await readJobDefinition(
    settings.jobFile,
    settings.definitionInputs,
    settings.definitionOptions
  )
  // Provenance in ModelArts itself: a job without a description says which run and commit made it.
  const definition = describeOrigin(read, settings.describeOrigin ? runOriginOf(process.env) : undefined)
  // Before anything is sent: a post step must talk to the API that makes the run, and find a create in flight.
  await checkBeforeSending(settings, definition)
  saveApi(definition.api)
  const service = await connect(settings, definition, { sending: saveSent })
  try {
    if (settings.preflight) await preflight(settings, definition, service)
    await submitAndFollow(settings, definition, service)
  } finally {
    service.dispose()
  }
}

/**
 * Checks the definition against the service's lists; throws after annotating when the service would refuse
 * it (nothing created). A list it cannot read is one warning, and the create goes on.
 */
async function preflight(
  settings: CreateSettings,
  located: LocatedDefinition,
  service: Service
): Promise<void> {
  const result = await service.preflight(located, { mode: 'create', ifExists: settings.ifExists })
  // The warning names lists and quotes the service: core.warning sends it as a command's data, escaped.
  if (result.warning) core.warning(result.warning)
  const errors = result.diagnostics.filter(d => d.severity === 'error')
  if (errors.length === 0) {
    if (!result.warning && result.reads > 0) {
      printText(`Pre-flight: the job fits the service's lists (${plural(result.reads, 'read')}).`)
    }
    return
  }
  const { preflightFailureLine } = await import('../report/insight.js')
  const line = preflightFailureLine(errors)
  await writeSummary(notCreatedSummary(located, service.endpoint, line))
  const [only] = errors
  // One problem: its annotation, at its line or input, is the failure line; several: each, then one line.
  if (errors.length === 1 && only) throw new AnnotatedError(line, only)
  errors.forEach(annotate)
  throw new Error(line)
}

async function submitAndFollow(
  settings: CreateSettings,
  definition: ValidDefinition,
  service: Service
): Promise<void> {
  const cancel = watchForCancel()
  try {
    printText(
      `Creating training job "${definitionName(definition)}" at ${service.endpoint} (ModelArts ${definition.api}).`
    )
    printRequestBody(
      definition.api === 'v1'
        ? 'Request body sent to ModelArts v1'
        : // The v2 create names a series member and appends the run marker as it sends.
          'Request body sent to ModelArts v2 (with if_exists: new_version the name gets its -V000N suffix; the run marker is appended to metadata.description)',
      definition.definition,
      credentialSecrets(settings.credentials)
    )
    let submitted: Submitted
    try {
      submitted = await service.submit({
        ifExists: settings.ifExists,
        log: printText
      })
    } catch (error) {
      const provenance = await runProvenance().catch(() => undefined)
      await writeSummary(notCreatedSummary(definition, service.endpoint, errorMessage(error), provenance))
      throw error
    }
    // Loaded while the job starts; only the summary at the end needs it.
    const provenance = runProvenance().catch(() => undefined)
    saveCreated(submitted, service.jobUrl)
    announce(submitted, service)

    let followed: FollowResult | undefined
    let failure: unknown
    try {
      if (cancel.requested) {
        const stopped = await stopRun(service, settings, submitted.ref, shownName(submitted))
        followed = {
          outcome: 'cancelled',
          status: submitted.status,
          timeline: [],
          waitedMs: 0,
          durationMs: undefined,
          stopped,
          insight: undefined
        }
        failure = new CancelledError(
          `The workflow was cancelled while the job was being created; ${shownName(submitted)} was ` +
            `${stopped ? 'stopped' : 'left running'}.`
        )
      } else if (settings.wait) {
        followed = await followJob(service, settings, submitted, cancel)
        failure = verdict(followed, submitted, settings, service.jobUrl)
      } else {
        markFinished('created')
      }
    } catch (error) {
      // The summary still tells what was created before the step fails.
      failure = error
    }
    const summary = jobSummary(reportOf(definition, submitted, service, followed, await provenance))
    await writeSummary(summary + (await insightSections(followed)))
    if (failure !== undefined) throw failure
    if (!settings.wait) notWaiting(submitted, service)
  } finally {
    cancel.dispose()
  }
}

function announce(submitted: Submitted, service: Service): void {
  const { ref, versionName, status, jobName } = submitted
  const series = versionName ? `, ${versionName} of the series` : ''
  printText(
    submitted.kind === 'version'
      ? `Created version ${versionName} (id ${ref.versionId}) of job "${jobName}" (id ${ref.jobId}), after ${submitted.previousVersionName ?? `the version with id ${submitted.previousVersionId}`}; status ${status.name}.`
      : ref.versionId === undefined
        ? `Created job "${jobName}": job id ${ref.jobId}${series}, status ${status.name}.`
        : `Created job "${jobName}": job id ${ref.jobId}, version ${versionName} (id ${ref.versionId}), status ${status.name}.`
  )
  if (service.jobUrl) printText(`Console: ${service.jobUrl}`)
}

/** The last line without `wait`: the step ends here, the job goes on, and where to follow it. */
function notWaiting(submitted: Submitted, service: Service): void {
  const where = service.jobUrl
    ? `in the ModelArts console: ${service.jobUrl} (job id ${submitted.ref.jobId})`
    : `in the ModelArts console of the cloud behind ${service.endpoint} (job id ${submitted.ref.jobId})`
  printText(
    `Not waiting for ${shownName(submitted)} to end (\`wait\` is false): it keeps running in ModelArts. ` +
      `Follow it ${where}, or set \`wait: true\` to follow it in this step.`
  )
}

/** What the wait means for the step: nothing (it succeeded, or failures are tolerated) or the error to fail with. */
function verdict(
  result: FollowResult,
  submitted: Submitted,
  settings: CreateSettings,
  jobUrl: string
): Error | undefined {
  const name = shownName(submitted)
  const how = result.stopped ? 'stopped' : 'left running'
  if (result.outcome === 'cancelled') {
    return new CancelledError(`The workflow was cancelled; ${name} was ${how}.`)
  }
  if (result.outcome === 'timeout') {
    const last =
      result.status.code === undefined ? result.status.name : `${result.status.name} (${result.status.code})`
    const timedOut = `Timed out after waiting ${formatDuration(result.waitedMs)}; last status ${last}.`
    // The stop failing must not hide why the step ends, nor that the run still goes on (and bills).
    if (result.stopFailure !== undefined) {
      const id = submitted.ref.versionId === undefined ? '' : ` (id ${submitted.ref.versionId})`
      return new Error(
        `${timedOut} The stop was refused, so ${name}${id} is still running: ${result.stopFailure}. Stop it in the console.`
      )
    }
    return new Error(`${timedOut} The job was ${how}. Raise \`timeout\` to wait longer.`)
  }
  // In the service's words: the failed task's exit code and message, the end reason, an event, a log line.
  const why = result.insight?.why ? ` ${result.insight.why}.` : ''
  if (result.status.phase === 'succeeded') {
    printText(`${capitalized(name)} completed.`)
    return undefined
  }
  const message =
    `${capitalized(name)} ended ${statusLabel(result.status)}.${why}` +
    (jobUrl ? ` See the log in the console: ${jobUrl}` : '')
  if (settings.failOnJobFailure) return new Error(message)
  core.warning(`${message} (fail_on_job_failure is false)`)
  return undefined
}

/** The job summary's facts, gathered once from the results. */
function reportOf(
  definition: ValidDefinition,
  submitted: Submitted,
  service: Service,
  followed: FollowResult | undefined,
  provenance: string | undefined
): JobReport {
  return {
    definition,
    jobName: submitted.jobName,
    kind: submitted.kind,
    jobId: submitted.ref.jobId,
    versionId: submitted.ref.versionId,
    versionName: submitted.versionName,
    previousVersionId: submitted.previousVersionId,
    previousVersionName: submitted.previousVersionName,
    status: followed?.status ?? submitted.status,
    jobUrl: service.jobUrl,
    region: service.region,
    endpoint: service.endpoint,
    outcome: followed?.outcome,
    durationMs: followed?.durationMs,
    waitedMs: followed?.waitedMs,
    timeline: followed?.timeline,
    stopped: followed?.stopped,
    provenance
  }
}

/** The post-mortem and metrics sections after the job's own, when the run was followed to its end. */
async function insightSections(followed: FollowResult | undefined): Promise<string> {
  if (!followed?.insight) return ''
  const { insightMarkdown } = await import('../report/insight.js')
  const sections = insightMarkdown(followed.insight)
  return sections === '' ? '' : `\n${sections}`
}

/** Without validate_only: create the job (or the next run of it), then optionally follow it. */
import * as core from '@actions/core'
import type { CreateSettings } from '../settings.js'
import { readJobDefinition } from './definition.js'
import { connect, type Service } from './connect.js'
import type { JobDefinition } from '../job/index.js'
import { statusLabel, type Submitted } from '../modelarts/api.js'
import { followJob, shownName, type FollowResult } from './follow.js'
import { CancelledError, stopRun, watchForCancel } from './cancel.js'
import { jobSummary, notCreatedSummary, type JobReport } from '../report/summary.js'
import { runProvenance } from '../report/provenance.js'
import { markFinished, saveCreated, writeSummary } from '../report/outputs.js'
import { printRequestBody } from '../report/request-body.js'
import { describeOrigin, runOriginOf } from '../job/origin.js'
import { secretsOf } from '../huaweicloud/credentials.js'
import { capitalized } from '../report/plural.js'
import { formatDuration } from '../util/duration.js'
import { errorMessage } from '../util/values.js'

export async function createTrainingJob(settings: CreateSettings): Promise<void> {
  const read = await readJobDefinition(
    settings.jobFile,
    settings.definitionInputs,
    settings.definitionOptions
  )
  // Provenance in ModelArts itself: a job without a description says which run and commit made it.
  const { definition } = describeOrigin(
    { api: 'v1', definition: read },
    settings.describeOrigin ? runOriginOf(process.env) : undefined
  )
  const service = await connect(settings)
  try {
    await submitAndFollow(settings, definition, service)
  } finally {
    service.dispose()
  }
}

async function submitAndFollow(
  settings: CreateSettings,
  definition: JobDefinition,
  service: Service
): Promise<void> {
  const cancel = watchForCancel()
  try {
    core.info(`Creating training job "${definition.job_name}" at ${service.endpoint}.`)
    printRequestBody('Request body sent to ModelArts', definition, secretsOf(secretsIn(settings)))
    let submitted: Submitted
    try {
      submitted = await service.api.submit(definition, {
        ifExists: settings.ifExists,
        log: message => core.info(message)
      })
    } catch (error) {
      const provenance = await runProvenance().catch(() => undefined)
      await writeSummary(notCreatedSummary(definition, service.endpoint, errorMessage(error), provenance))
      throw error
    }
    // Loaded while the job starts; only the summary at the end needs it.
    const provenance = runProvenance().catch(() => undefined)
    saveCreated(submitted, service.jobUrl)
    announce(submitted, definition, service)

    let followed: FollowResult | undefined
    let failure: unknown
    try {
      if (cancel.requested) {
        const stopped = await stopRun(service, settings, submitted.ref)
        followed = {
          outcome: 'cancelled',
          status: submitted.status,
          timeline: [],
          waitedMs: 0,
          durationMs: undefined,
          stopped
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
    await writeSummary(jobSummary(reportOf(definition, submitted, service, followed, await provenance)))
    if (failure !== undefined) throw failure
    if (!settings.wait) notWaiting(submitted, service)
  } finally {
    cancel.dispose()
  }
}

function announce(submitted: Submitted, definition: JobDefinition, service: Service): void {
  const { ref, versionName, status } = submitted
  core.info(
    submitted.kind === 'job'
      ? `Created job "${definition.job_name}": job id ${ref.jobId}, version ${versionName} (id ${ref.versionId}), status ${status.name}.`
      : `Created version ${versionName} (id ${ref.versionId}) of job "${definition.job_name}" (id ${ref.jobId}), after ${submitted.previousVersionName ?? `the version with id ${submitted.previousVersionId}`}; status ${status.name}.`
  )
  if (service.jobUrl) core.info(`Console: ${service.jobUrl}`)
}

/** The last line without `wait`: the step ends here, the job goes on, and where to follow it. */
function notWaiting(submitted: Submitted, service: Service): void {
  const where = service.jobUrl
    ? `in the ModelArts console: ${service.jobUrl} (job id ${submitted.ref.jobId})`
    : `in the ModelArts console of the cloud behind ${service.endpoint} (job id ${submitted.ref.jobId})`
  core.info(
    `Not waiting for ${shownName(submitted)} to end (\`wait\` is false): it keeps running in ModelArts. ` +
      `Follow it ${where}, or set \`wait: true\` to follow it in this step.`
  )
}

/** The values the request body must never show, from whichever credentials are used. */
function secretsIn(settings: CreateSettings): Parameters<typeof secretsOf>[0] {
  const { credentials } = settings
  if (credentials.kind === 'aksk') return credentials
  if (credentials.kind === 'token') return { authToken: credentials.token }
  return {}
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
    return new Error(
      `Timed out after waiting ${formatDuration(result.waitedMs)}; last status ${last}. The job was ${how}. Raise \`timeout\` to wait longer.`
    )
  }
  if (result.status.phase === 'succeeded') {
    core.info(`${capitalized(name)} completed.`)
    return undefined
  }
  const message =
    `${capitalized(name)} ended ${statusLabel(result.status)}.` +
    (jobUrl ? ` See the log in the console: ${jobUrl}` : '')
  if (settings.failOnJobFailure) return new Error(message)
  core.warning(`${message} (fail_on_job_failure is false)`)
  return undefined
}

/** The job summary's facts, gathered once from the results. */
function reportOf(
  definition: JobDefinition,
  submitted: Submitted,
  service: Service,
  followed: FollowResult | undefined,
  provenance: string | undefined
): JobReport {
  return {
    definition,
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

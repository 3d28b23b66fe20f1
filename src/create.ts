/** Without validate_only: create the job (or a new version), then optionally follow it. */
import * as core from '@actions/core'
import { printText } from './report/untrusted.js'
import type { Settings } from './inputs.js'
import { readJobDefinition } from './definition.js'
import { connect, type Service } from './service.js'
import type { JobDefinition } from './job/index.js'
import { submitTrainingJob, type Submitted } from './modelarts/submit.js'
import { jobStatus } from './modelarts/status.js'
import { followJob } from './follow.js'
import { CancelledError, stopJobVersion, watchForCancel } from './cancel.js'
import { jobSummary, notCreatedSummary, type JobReport } from './report/summary.js'
import { errorMessage } from './report/messages.js'
import { runProvenance } from './report/provenance.js'
import { STATE, writeSummary } from './report/outputs.js'

export async function createTrainingJob(settings: Settings): Promise<void> {
  const definition = await readJobDefinition(settings.jobFiles[0], settings.definitionInputs)
  const service = await connect(settings)
  try {
    await submitAndFollow(settings, definition, service)
  } finally {
    service.dispose()
  }
}

async function submitAndFollow(
  settings: Settings,
  definition: JobDefinition,
  service: Service
): Promise<void> {
  const cancel = watchForCancel()

  printText(`Creating training job "${definition.job_name}" at ${service.endpoint}.`)
  let submitted: Submitted
  try {
    submitted = await submitTrainingJob(service.api, definition, {
      ifExists: settings.ifExists,
      log: message => printText(message)
    })
  } catch (error) {
    cancel.dispose()
    await writeSummary(notCreatedSummary(definition, service.endpoint, errorMessage(error)))
    throw error
  }
  const { created } = submitted
  // Loaded while the job starts; only the summary at the end needs it.
  const provenance = runProvenance().catch(() => undefined)
  // Outputs and state first: they must survive any later failure or a kill.
  core.saveState(STATE.jobId, created.jobId)
  core.saveState(STATE.versionId, created.versionId)
  const status = jobStatus(created.statusCode)
  core.setOutput('job_id', created.jobId)
  core.setOutput('version_id', created.versionId)
  core.setOutput('version_name', created.versionName)
  core.setOutput('status', status.name)
  core.setOutput('status_code', String(status.code))
  core.setOutput('job_url', service.jobUrl)
  core.setOutput('created', submitted.kind)
  printText(
    submitted.kind === 'job'
      ? `Created job "${definition.job_name}": job id ${created.jobId}, version ${created.versionName} (id ${created.versionId}), status ${status.name}.`
      : `Created version ${created.versionName} (id ${created.versionId}) of job "${definition.job_name}" (id ${created.jobId}), after version ${submitted.previousVersionId}; status ${status.name}.`
  )
  if (service.jobUrl) printText(`Console: ${service.jobUrl}`)

  const report: JobReport = {
    definition,
    kind: submitted.kind,
    jobId: created.jobId,
    versionId: created.versionId,
    versionName: created.versionName,
    ...(submitted.previousVersionId ? { previousVersionId: submitted.previousVersionId } : {}),
    status,
    jobUrl: service.jobUrl,
    ...(service.region ? { region: service.region } : {}),
    endpoint: service.endpoint
  }

  try {
    if (cancel.requested) {
      report.outcome = 'cancelled'
      report.stopped = await stopJobVersion(service, settings, created.jobId, created.versionId)
      throw new CancelledError(
        `The workflow was cancelled while the job was being created; job ${created.jobId} version ` +
          `${created.versionName} was ${report.stopped ? 'stopped' : 'left running'}.`
      )
    }
    if (settings.wait) {
      await followJob(service, settings, report, cancel)
    } else {
      core.saveState(STATE.finished, 'created')
    }
  } finally {
    cancel.dispose()
    const made = await provenance
    if (made) report.provenance = made
    await writeSummary(jobSummary(report))
  }
}

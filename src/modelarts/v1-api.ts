/** The v1 API behind TrainingJobsApi: a run is a version of a job; statuses are numeric codes. */
import type { JobRef, TrainingJobsApi } from './api.js'
import type { TrainingJobsV1 } from './v1.js'
import { jobStatus } from './v1-status.js'
import { submitTrainingJob } from './v1-submit.js'
import { v1LogReader } from './v1-logs.js'

/** v1 runs always have a version; a reference without one is a bug in the caller. */
function versionOf(ref: JobRef): string {
  if (ref.versionId === undefined) throw new Error(`ModelArts v1 needs a version id for job ${ref.jobId}.`)
  return ref.versionId
}

export function v1Api(calls: TrainingJobsV1): TrainingJobsApi {
  return {
    async submit(definition, options) {
      const submitted = await submitTrainingJob(calls, definition, options)
      const { created } = submitted
      return {
        ref: { jobId: created.jobId, versionId: created.versionId },
        jobName: created.jobName || definition.job_name,
        versionName: created.versionName,
        status: jobStatus(created.statusCode),
        kind: submitted.kind,
        previousVersionId: submitted.previousVersionId,
        previousVersionName: submitted.previousVersionName,
        adopted: submitted.adopted
      }
    },
    async getRun(ref) {
      const detail = await calls.getVersion(ref.jobId, versionOf(ref))
      return { status: jobStatus(detail.statusCode), durationMs: detail.durationMs }
    },
    async stop(ref) {
      await calls.stopVersion(ref.jobId, versionOf(ref))
    },
    logReader: ref => v1LogReader(calls, ref.jobId, versionOf(ref))
  }
}

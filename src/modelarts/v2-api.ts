/**
 * The v2 API behind TrainingJobsApi: a run is a training job of its own (no versions; a new_version series is
 * jobs `{name}-V0001`, `-V0002`, ...), its status a phase string, its log a preview window per task.
 */
import { markRunGone, type TrainingJobsApi } from './api.js'
import { errorCodeOf, HuaweiCloudError } from '../huaweicloud/errors.js'
import { V2_JOB_NOT_FOUND, type TrainingJobsV2, type V2JobBody } from './v2.js'
import { v2Status } from './v2-status.js'
import { findMarkedJob, submitTrainingJobV2, type RunIdentity, type V2SubmitOptions } from './v2-submit.js'
import { v2LogReader } from './v2-logs.js'

export interface V2ApiOptions {
  /**
   * The workflow run (GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT) written into each job's marker.
   * Fixed for the process, so it is given here, once, by the step that builds the API: SubmitOptions stays
   * the same for both APIs.
   */
  run: RunIdentity
  /**
   * Before every create: the name and marker sent. Save them as state so a post step can find the job of a
   * main step killed mid-create (`findMarkedJob`).
   */
  sending?: (name: string, marker: string) => void
  /** Tests only: the submit's timing and nonce (see V2SubmitOptions). */
  submitTuning?: Pick<V2SubmitOptions, 'settleMs' | 'maxCreates' | 'sleep' | 'nonce'>
}

/** The service no longer knows the job: deleted while the action followed it. Not retried. */
function jobGone(jobId: string): HuaweiCloudError {
  return markRunGone(
    new HuaweiCloudError(
      `Training job ${jobId} no longer exists (ModelArts.2775): it was deleted while the action waited for it.`,
      { kind: 'service', code: V2_JOB_NOT_FOUND, status: 400, requestSent: true, retryable: false }
    )
  )
}

/** v2 submits the request body: a `V2JobDefinition` from src/job fits `V2JobBody` (only the metadata is read). */
export function v2Api(calls: TrainingJobsV2, options: V2ApiOptions): TrainingJobsApi<V2JobBody> {
  return {
    async submit(definition, { ifExists, log }) {
      const submitted = await submitTrainingJobV2(calls, definition, {
        ...options.submitTuning,
        ifExists,
        log,
        run: options.run,
        sending: options.sending
      })
      const { job } = submitted
      return {
        ref: { jobId: job.id },
        jobName: submitted.name,
        versionName: submitted.versionName,
        status: v2Status(job.phase, job.secondaryPhase),
        // A series member is a job of its own, not a version of the one before.
        kind: 'job',
        adopted: submitted.adopted
      }
    },
    async getRun(ref) {
      const job = await calls.get(ref.jobId)
      if (!job) throw jobGone(ref.jobId)
      return {
        status: v2Status(job.phase, job.secondaryPhase),
        durationMs: job.durationMs,
        tasks: job.tasks,
        taskCount: job.nodeCount
      }
    },
    async stop(ref) {
      try {
        // ModelArts.2796 (the job already ended) comes back as 'already-final': nothing to stop.
        await calls.terminate(ref.jobId)
      } catch (error) {
        // A job the service no longer knows cannot run either.
        if (errorCodeOf(error) === V2_JOB_NOT_FOUND) return
        throw error
      }
    },
    logReader: ref => v2LogReader(calls, ref.jobId),
    async findSent(sent) {
      const job = await findMarkedJob(calls, sent.name, sent.marker, sent.workspaceId)
      return job ? { jobId: job.id } : undefined
    }
  }
}

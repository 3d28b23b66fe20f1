/** v2: follows a training job through the shared wait loop, and stops it (cancel, timeout, post step). */
import { HuaweiCloudError } from '../huaweicloud/errors.js'
import type { TrainingStatus } from './status.js'
import type { TrainingJobsV2, V2Job } from './v2.js'
import { V2_JOB_NOT_FOUND } from './v2.js'
import { v2Status } from './v2-status.js'
import { V2LogFollower } from './v2-logs.js'
import { watchTrainingJob, type WaitCallbacks, type WaitResult } from './wait.js'

export interface WaitV2Options {
  api: Pick<TrainingJobsV2, 'get' | 'logPreview'>
  jobId: string
  pollIntervalMs: number
  timeoutMs: number
  streamLogs: boolean
  /** Give up when status reads keep failing for longer than this; default 10 minutes. */
  maxFailureMs?: number
  /** Aborted = the step is being cancelled: return at once. */
  signal?: AbortSignal
  callbacks: WaitCallbacks<TrainingStatus>
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** The status the create returned (`v2Status(job.phase)`): not reported again. */
  initialStatus?: TrainingStatus
}

export type WaitV2Result = WaitResult<TrainingStatus, V2Job>

const gone = (jobId: string): HuaweiCloudError =>
  new HuaweiCloudError(
    `Training job ${jobId} no longer exists (ModelArts.2775): it was deleted while the action waited for it.`,
    { kind: 'service', code: V2_JOB_NOT_FOUND, status: 400, requestSent: true, retryable: false }
  )

/**
 * Polls GET training-jobs/{id} until the job ends, times out or the signal aborts; Abnormal is final only
 * when the next poll shows it again. `durationMs` is the service's `status.duration`.
 */
export function waitForTrainingJobV2(options: WaitV2Options): Promise<WaitV2Result> {
  const { api, jobId, callbacks } = options
  return watchTrainingJob<TrainingStatus, V2Job>({
    ...options,
    async readStatus() {
      const job = await api.get(jobId)
      if (!job) throw gone(jobId)
      return {
        status: v2Status(job.phase, job.secondaryPhase),
        detail: job,
        ...(job.durationMs !== undefined && { durationMs: job.durationMs })
      }
    },
    ...(options.streamLogs && { logs: new V2LogFollower(api, jobId, callbacks) })
  })
}

export type StopV2Outcome =
  /** The terminate was accepted: the job is Terminating. */
  | { outcome: 'terminating'; status?: TrainingStatus }
  /** Nothing to stop: the job had ended (the service said so, or its status did). */
  | { outcome: 'ended'; status?: TrainingStatus }
  /** Nothing to stop: the service no longer knows the job. */
  | { outcome: 'gone' }

/**
 * Stops a job that may still be going. With `checkFirst` (the post step) the status is read first, so a job
 * that ended is left alone without a call; the terminate itself treats ModelArts.2796 (already final) as done.
 */
export async function stopTrainingJobV2(
  api: Pick<TrainingJobsV2, 'get' | 'terminate'>,
  jobId: string,
  { checkFirst = false }: { checkFirst?: boolean } = {}
): Promise<StopV2Outcome> {
  let status: TrainingStatus | undefined
  if (checkFirst) {
    const job = await api.get(jobId)
    if (!job) return { outcome: 'gone' }
    status = v2Status(job.phase, job.secondaryPhase)
    // Abnormal may still turn back into Running: stop it anyway.
    if (status.terminal && status.confirm !== true) return { outcome: 'ended', status }
  }
  try {
    const outcome = await api.terminate(jobId)
    if (outcome === 'already-final') return status ? { outcome: 'ended', status } : { outcome: 'ended' }
    return status ? { outcome: 'terminating', status } : { outcome: 'terminating' }
  } catch (error) {
    if (error instanceof HuaweiCloudError && error.code === V2_JOB_NOT_FOUND) return { outcome: 'gone' }
    throw error
  }
}

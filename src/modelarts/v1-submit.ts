/**
 * v1: creates the training job, or a new version of the job of the same name, exactly once.
 * Create calls are never retried blindly: after an ambiguous failure the job list decides.
 */
import type { JobDefinition } from '../job/index.js'
import type { SubmitOptions } from './api.js'
import type { CreatedVersion, JobSummary, TrainingJobsV1, VersionSummary } from './v1.js'
import { backoffDelay, defaultRetryPolicy, sleep as realSleep } from '../huaweicloud/retry.js'
import { errorCodeOf, mayHaveLanded } from '../huaweicloud/errors.js'
import { waitToResend } from './resend.js'
import { errorMessage } from '../util/values.js'

export const NAME_TAKEN = 'ModelArts.0103'

export interface V1SubmitOptions extends SubmitOptions {
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  /** How many times a create that failed ambiguously and left nothing behind is tried again. */
  maxAttempts?: number
}

export interface SubmittedVersion {
  created: CreatedVersion
  /** 'job': a new job; 'version': a new version of an existing job. */
  kind: 'job' | 'version'
  /** With kind 'version': the version the new one follows, its id and its name (`V0001`). */
  previousVersionId?: string
  previousVersionName?: string
  /** True when the create's answer was lost and the job list showed it had been made. */
  adopted: boolean
}

/**
 * How far the service's create time may lie before the moment this attempt was sent and still count as
 * this attempt's: tight, so that a job another run made a minute earlier is never taken for this run's.
 */
const ADOPT_TOLERANCE_MS = 5000

/** Made by the attempt sent at `sentAt` and checked at `checkedAt`: its create time lies in between. */
function madeByThisAttempt(createTime: number | undefined, sentAt: number, checkedAt: number): boolean {
  return (
    createTime !== undefined &&
    createTime >= sentAt - ADOPT_TOLERANCE_MS &&
    createTime <= checkedAt + ADOPT_TOLERANCE_MS
  )
}

const isoTime = (ms: number | undefined): string =>
  ms === undefined || !Number.isFinite(ms) ? 'at an unknown time' : `at ${new Date(ms).toISOString()}`

export async function submitTrainingJob(
  api: TrainingJobsV1,
  definition: JobDefinition,
  options: V1SubmitOptions
): Promise<SubmittedVersion> {
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? ((ms: number) => realSleep(ms))
  const maxAttempts = options.maxAttempts ?? 3
  const name = definition.job_name
  const workspace = definition.workspace_id

  const findExact = async (): Promise<JobSummary | undefined> =>
    (await api.findJobs(name, workspace)).find(job => job.jobName === name)

  // Try the create first: one call in the common case, and the service alone decides whether the name is taken.
  for (let attempt = 1; ; attempt++) {
    const startedAt = now()
    try {
      return { created: await api.createJob(definition), kind: 'job', adopted: false }
    } catch (error) {
      if (errorCodeOf(error) === NAME_TAKEN) {
        if (options.ifExists !== 'new_version') throw error
        break
      }
      if (attempt < maxAttempts && (await waitToResend(error, attempt, { sleep, log: options.log }))) continue
      if (!mayHaveLanded(error)) throw error
      options.log(
        `The create call for job "${name}" ended without an answer; checking whether the job was made.`
      )
      const existing = await findExact()
      const checkedAt = now()
      const ours =
        existing !== undefined &&
        madeByThisAttempt(existing.createTime, startedAt, checkedAt) &&
        (existing.versionCount === undefined || existing.versionCount <= 1)
      if (existing && ours) {
        options.log(
          `Job "${name}" (id ${existing.jobId}) was created ${isoTime(existing.createTime)}, while this call was under way: adopting it instead of creating it again.`
        )
        const first = (await api.listVersions(existing.jobId)).at(-1)
        return { created: fromSummary(existing, name, first), kind: 'job', adopted: true }
      }
      if (existing) {
        const older =
          existing.createTime !== undefined && existing.createTime < startedAt - ADOPT_TOLERANCE_MS
        // The name belonged to an older job all along: a new version of it is what was asked for.
        if (older && options.ifExists === 'new_version') break
        throw new Error(
          `${errorMessage(error)}. A job named "${name}" exists (id ${existing.jobId}, ` +
            `created ${isoTime(existing.createTime)}; this create was sent ${isoTime(startedAt)}), but nothing ` +
            `proves this run made it, so it was not adopted: check job ${existing.jobId} in the console, and ` +
            "choose another job_name if it is not this run's."
        )
      }
      if (attempt >= maxAttempts) throw error
      await sleep(backoffDelay(attempt, defaultRetryPolicy))
    }
  }
  return createNewVersion(api, definition, options, findExact, { now, sleep, maxAttempts })
}

async function createNewVersion(
  api: TrainingJobsV1,
  definition: JobDefinition,
  options: V1SubmitOptions,
  findExact: () => Promise<JobSummary | undefined>,
  {
    now,
    sleep,
    maxAttempts
  }: { now: () => number; sleep: (ms: number) => Promise<void>; maxAttempts: number }
): Promise<SubmittedVersion> {
  const name = definition.job_name
  const job = await findExact()
  if (!job) {
    throw new Error(
      `ModelArts says job name "${name}" is taken, but no job of that exact name is visible in workspace ` +
        `${definition.workspace_id ?? '0'}: check the workspace_id and the credentials' permissions.`
    )
  }
  const versions = await api.listVersions(job.jobId)
  const previous = versions[0]?.versionId ?? job.versionId
  // Users know a version by its name; the id is only for the API call.
  const previousName = versions[0]?.versionName || undefined
  options.log(
    `Job "${name}" exists (id ${job.jobId}); creating a new version after ${previousName ?? `the version with id ${previous}`}.`
  )

  for (let attempt = 1; ; attempt++) {
    const startedAt = now()
    try {
      const created = await api.createVersion(job.jobId, previous, definition)
      return {
        created,
        kind: 'version',
        previousVersionId: previous,
        previousVersionName: previousName,
        adopted: false
      }
    } catch (error) {
      if (attempt < maxAttempts && (await waitToResend(error, attempt, { sleep, log: options.log }))) continue
      if (!mayHaveLanded(error)) throw error
      options.log(
        `The create call for a new version of job ${job.jobId} ended without an answer; checking the versions.`
      )
      const latest = (await api.listVersions(job.jobId))[0]
      if (latest && latest.versionId !== previous) {
        if (madeByThisAttempt(latest.createTime, startedAt, now())) {
          options.log(
            `Version ${latest.versionName} (id ${latest.versionId}) was created while this call was under way: adopting it.`
          )
          return {
            created: { ...latest, jobId: job.jobId, jobName: name },
            kind: 'version',
            previousVersionId: previous,
            previousVersionName: previousName,
            adopted: true
          }
        }
        throw new Error(
          `${errorMessage(error)}. Job ${job.jobId} has a newer version ` +
            `${latest.versionName} (id ${latest.versionId}, created ${isoTime(latest.createTime)}; this create was ` +
            `sent ${isoTime(startedAt)}), but nothing proves this run made it, so it was not adopted: check it in the console.`
        )
      }
      if (attempt >= maxAttempts) throw error
      await sleep(backoffDelay(attempt, defaultRetryPolicy))
    }
  }
}

function fromSummary(job: JobSummary, name: string, first: VersionSummary | undefined): CreatedVersion {
  return {
    jobId: job.jobId,
    jobName: name,
    versionId: first?.versionId ?? job.versionId,
    versionName: first?.versionName ?? 'V0001',
    statusCode: first?.statusCode ?? job.statusCode,
    createTime: job.createTime
  }
}

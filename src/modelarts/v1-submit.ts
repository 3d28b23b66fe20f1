/**
 * v1: creates the training job, or a new version of the job of the same name, exactly once.
 * Create calls are never retried blindly: after an ambiguous failure the job list decides.
 */
import type { JobDefinition } from '../job/index.js'
import type { SubmitOptions } from './api.js'
import type { CreatedVersion, JobSummary, TrainingJobsV1, VersionSummary } from './v1.js'
import { backoffDelay, defaultRetryPolicy, sleep as realSleep } from '../huaweicloud/retry.js'
import { mayHaveLanded, neverSent } from '../huaweicloud/errors.js'

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

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code

/** Clock skew tolerated between the runner and the service when deciding "created by this attempt". */
const SKEW_MS = 5 * 60 * 1000

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
      if (codeOf(error) === NAME_TAKEN) {
        if (options.ifExists !== 'new_version') throw error
        break
      }
      if (neverSent(error) && attempt < maxAttempts) {
        await sleep(backoffDelay(attempt, defaultRetryPolicy))
        continue
      }
      if (!mayHaveLanded(error)) throw error
      options.log(
        `The create call for job "${name}" ended without an answer; checking whether the job was made.`
      )
      const existing = await findExact()
      if (existing && (existing.createTime === undefined || existing.createTime >= startedAt - SKEW_MS)) {
        options.log(
          `Job "${name}" (id ${existing.jobId}) exists and is new: adopting it instead of creating it again.`
        )
        const first = (await api.listVersions(existing.jobId)).at(-1)
        return { created: fromSummary(existing, name, first), kind: 'job', adopted: true }
      }
      if (existing) {
        // The name belonged to an older job all along.
        if (options.ifExists !== 'new_version') throw error
        break
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
      if (neverSent(error) && attempt < maxAttempts) {
        await sleep(backoffDelay(attempt, defaultRetryPolicy))
        continue
      }
      if (!mayHaveLanded(error)) throw error
      options.log(
        `The create call for a new version of job ${job.jobId} ended without an answer; checking the versions.`
      )
      const latest = (await api.listVersions(job.jobId))[0]
      if (
        latest &&
        latest.versionId !== previous &&
        (latest.createTime === undefined || latest.createTime >= startedAt - SKEW_MS)
      ) {
        options.log(`Version ${latest.versionName} (id ${latest.versionId}) exists and is new: adopting it.`)
        return {
          created: { ...latest, jobId: job.jobId, jobName: name },
          kind: 'version',
          previousVersionId: previous,
          previousVersionName: previousName,
          adopted: true
        }
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

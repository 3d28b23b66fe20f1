/**
 * ModelArts v2 training-job calls (modelarts-v2-api.md sections 2, 5, 7, 8) over the one `Requester`.
 * Answers are read loosely: counts and times may come as strings, fields may be missing.
 */
import type { ApiResponse, Requester } from '../huaweicloud/http.js'
import { errorCodeOf, HuaweiCloudError } from '../huaweicloud/errors.js'
import { sleep as abortableSleep } from '../huaweicloud/retry.js'
import { numberOf, recordOf, textOf } from '../util/values.js'

type Json = Record<string, unknown>

/** A v2 create body: only what this module reads is typed; the rest goes to the service as it is. */
export interface V2JobBody {
  metadata: { name: string; description?: string; workspace_id?: string; [key: string]: unknown }
  [key: string]: unknown
}

/** A training job as get, create, terminate and search return it. */
export interface V2Job {
  id: string
  name: string
  /** '' when the service sent none. */
  description: string
  workspaceId: string
  /** `status.phase` as sent, e.g. `Running`; '' when missing. */
  phase: string
  /** Internal detail the service says not to depend on: shown, never branched on. */
  secondaryPhase?: string
  /** Epoch ms. */
  createTime?: number
  /** Run time so far in ms. */
  durationMs?: number
  /** Epoch ms; absent (or 0 in the raw body) before the job started. */
  startTime?: number
  /** Task ids for the log, e.g. `worker-0`. */
  tasks: string[]
  /** spec.resource.node_count: how many tasks the job has, before `tasks` lists them all. */
  nodeCount?: number
  /** Everything the service returned, for the summary (may hold secrets under `endpoints`). */
  raw: Json
}

/** One read of a task's log window: the newest part of the log, at most about 5 MB. */
export interface V2LogPreview {
  content: string
  /** Bytes shown in `content`, as the service counts them. */
  currentSize?: number
  /** Bytes in the whole log so far. */
  fullSize?: number
}

export type TerminateOutcome = 'terminating' | 'already-final'

export interface TrainingJobsV2 {
  /** POST training-jobs: sent once, never retried here (see v2-submit.ts). */
  create(body: V2JobBody): Promise<V2Job>
  /** The job, or undefined when the service no longer knows it (400 ModelArts.2775). */
  get(id: string): Promise<V2Job | undefined>
  /**
   * Jobs whose name contains `nameLike` (the service's `like` is a substring match): one page of the newest,
   * deduplicated by id. Callers compare names exactly.
   */
  search(nameLike: string, workspaceId?: string): Promise<V2Job[]>
  /** Asks the job to stop; a job that already ended is not an error. */
  terminate(id: string): Promise<TerminateOutcome>
  /** The task's log window; undefined while there is no log yet. */
  logPreview(id: string, task: string): Promise<V2LogPreview | undefined>
}

export const V2_NAME_TAKEN = 'ModelArts.2751'

/**
 * The one line for a taken job name, whoever finds it (the pre-flight before the create, or the create answering
 * ModelArts.2751): the code the service gives for it, and what to do.
 */
export function nameTakenMessage(name: string, workspaceId: string | undefined): string {
  return (
    `A training job named "${name}" already exists in workspace ${workspaceId ?? '0'} (${V2_NAME_TAKEN}): ` +
    `set if_exists: new_version to name each run's job ${name}-V0001, ${name}-V0002, ..., ` +
    'choose another job_name, or delete the old job.'
  )
}
export const V2_JOB_NOT_FOUND = 'ModelArts.2775'
const V2_NOT_TERMINABLE = 'ModelArts.2796'
const V2_STATUS_CHANGED = 'ModelArts.2878'
const LOG_NOT_READY = new Set(['ModelArts.2776', 'ModelArts.2818'])

/** The largest page the search accepts; the newest jobs come first. */
const SEARCH_PAGE_SIZE = 50
const TERMINATE_ATTEMPTS = 3
const TERMINATE_RETRY_MS = 1000

export interface TrainingJobsV2Options {
  /** Between terminate attempts answered ModelArts.2878 (the job changed state meanwhile). */
  sleep?: (ms: number) => Promise<void>
}

/** Reads a job object; `fallbackId` fills in an id the body left out. */
export function parseJob(body: unknown, fallbackId = ''): V2Job {
  const raw = recordOf(body)
  const metadata = recordOf(raw.metadata)
  const status = recordOf(raw.status)
  const job: V2Job = {
    id: textOf(metadata.id) || fallbackId,
    name: textOf(metadata.name),
    description: textOf(metadata.description),
    workspaceId: textOf(metadata.workspace_id) || '0',
    phase: textOf(status.phase),
    tasks: Array.isArray(status.tasks) ? status.tasks.map(textOf).filter(task => task !== '') : [],
    raw
  }
  const secondary = textOf(status.secondary_phase)
  if (secondary) job.secondaryPhase = secondary
  const createTime = numberOf(metadata.create_time)
  if (createTime !== undefined) job.createTime = createTime
  const durationMs = numberOf(status.duration)
  if (durationMs !== undefined) job.durationMs = durationMs
  const startTime = numberOf(status.start_time)
  if (startTime !== undefined && startTime > 0) job.startTime = startTime
  const nodeCount = numberOf(recordOf(recordOf(raw.spec).resource).node_count)
  if (nodeCount !== undefined) job.nodeCount = nodeCount
  return job
}

/** The preview body; `content` was called `context` before 2022-03-01. */
export function parsePreview(body: unknown): V2LogPreview {
  const raw = recordOf(body)
  const content = typeof raw.content === 'string' ? raw.content : textOf(raw.context)
  const preview: V2LogPreview = { content }
  const currentSize = numberOf(raw.current_size)
  if (currentSize !== undefined) preview.currentSize = currentSize
  const fullSize = numberOf(raw.full_size)
  if (fullSize !== undefined) preview.fullSize = fullSize
  return preview
}

export function trainingJobsV2(
  http: Requester,
  endpoint: string,
  projectId: string,
  options: TrainingJobsV2Options = {}
): TrainingJobsV2 {
  const root = `${endpoint}/v2/${encodeURIComponent(projectId)}`
  const jobs = `${root}/training-jobs`
  const jobUrl = (id: string): string => `${jobs}/${encodeURIComponent(id)}`
  const sleep = options.sleep ?? abortableSleep

  return {
    async create(body: V2JobBody): Promise<V2Job> {
      const response = await http.request<Json>({ method: 'POST', url: jobs, body, idempotent: false })
      const job = parseJob(response.body)
      if (!job.id) {
        throw new HuaweiCloudError(
          'ModelArts answered the create call without metadata.id; check the training job list in the console.',
          { kind: 'protocol', requestSent: true, retryable: false }
        )
      }
      return job
    },

    async get(id: string): Promise<V2Job | undefined> {
      try {
        const { body } = await http.request<Json | undefined>({
          method: 'GET',
          url: jobUrl(id),
          idempotent: true
        })
        return parseJob(body, id)
      } catch (error) {
        if (errorCodeOf(error) === V2_JOB_NOT_FOUND) return undefined
        throw error
      }
    },

    async search(nameLike: string, workspaceId?: string): Promise<V2Job[]> {
      // A search changes nothing: it may be retried like a read.
      const { body } = await http.request<Json | undefined>({
        method: 'POST',
        url: `${root}/training-job-searches`,
        body: {
          offset: 0,
          limit: SEARCH_PAGE_SIZE,
          sort_by: 'create_time',
          order: 'desc',
          workspace_id: workspaceId ?? '0',
          filters: [{ key: 'name', operator: 'like', value: [nameLike] }]
        },
        idempotent: true
      })
      const items = Array.isArray(body?.items) ? body.items : []
      const seen = new Set<string>()
      const found: V2Job[] = []
      for (const item of items) {
        const job = parseJob(item)
        if (!job.id || seen.has(job.id)) continue
        seen.add(job.id)
        found.push(job)
      }
      return found
    },

    async terminate(id: string): Promise<TerminateOutcome> {
      for (let attempt = 1; ; attempt++) {
        try {
          // Terminating twice is harmless, so network failures may be retried like a read.
          await http.request({
            method: 'POST',
            url: `${jobUrl(id)}/actions`,
            body: { action_type: 'terminate' },
            idempotent: true
          })
          return 'terminating'
        } catch (error) {
          const code = errorCodeOf(error)
          if (code === V2_NOT_TERMINABLE) return 'already-final'
          if (code !== V2_STATUS_CHANGED || attempt >= TERMINATE_ATTEMPTS) throw error
          await sleep(TERMINATE_RETRY_MS)
        }
      }
    },

    async logPreview(id: string, task: string): Promise<V2LogPreview | undefined> {
      let response: ApiResponse<Json | undefined>
      try {
        response = await http.request<Json | undefined>({
          method: 'GET',
          url: `${jobUrl(id)}/tasks/${encodeURIComponent(task)}/logs/preview`,
          idempotent: true
        })
      } catch (error) {
        if (LOG_NOT_READY.has(errorCodeOf(error) ?? '')) return undefined
        throw error
      }
      const { status, body } = response
      if (status === 204 || body === undefined) return undefined
      if (LOG_NOT_READY.has(textOf(body.error_code))) return undefined
      return parsePreview(body)
    }
  }
}

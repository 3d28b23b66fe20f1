/**
 * ModelArts v1 training-job calls (modelarts-api.md section 1), one function per call, with the service's
 * loose types read once. v1-api.ts puts them behind TrainingJobsApi; nothing else calls them.
 */
import type { JobDefinition } from '../job/index.js'
import type { ApiRequest, ApiResponse, Requester } from '../huaweicloud/http.js'
import { HuaweiCloudError } from '../huaweicloud/errors.js'
import { numberOf } from '../util/values.js'

/** A version as every v1 answer describes it. Ids are decimal strings whatever the service sent. */
export interface VersionSummary {
  versionId: string
  versionName: string
  statusCode: number
  createTime?: number
}

export interface CreatedVersion extends VersionSummary {
  jobId: string
  jobName: string
}

export interface JobSummary {
  jobId: string
  jobName: string
  versionId: string
  statusCode: number
  versionCount?: number
  createTime?: number
}

export interface VersionDetail extends CreatedVersion {
  /** Run time so far in ms, as the service reports it. */
  durationMs?: number
  startTime?: number
  /** Everything the service returned. */
  raw: Record<string, unknown>
}

export interface LogChunk {
  /** New lines, oldest first, without trailing newlines. */
  lines: string[]
  /** Position to pass as `after` next time; unchanged when nothing new. */
  cursor: string | undefined
}

/** The v1 calls the action makes. */
export interface TrainingJobsV1 {
  createJob(definition: JobDefinition): Promise<CreatedVersion>
  createVersion(jobId: string, preVersionId: string, definition: JobDefinition): Promise<CreatedVersion>
  /** Jobs whose name contains `search`, all pages. */
  findJobs(search: string, workspaceId?: string): Promise<JobSummary[]>
  /** All versions of a job, newest first. */
  listVersions(jobId: string): Promise<VersionSummary[]>
  getVersion(jobId: string, versionId: string): Promise<VersionDetail>
  stopVersion(jobId: string, versionId: string): Promise<void>
  /** Log file names (one per worker); [] when not ready yet. */
  logFileNames(jobId: string, versionId: string): Promise<string[]>
  /** Lines after `cursor` (undefined = from the start); empty when not ready yet. */
  logLines(jobId: string, versionId: string, file: string, cursor: string | undefined): Promise<LogChunk>
}

type Json = Record<string, unknown>

/** The service sends ids and numbers sometimes as strings ("10"), sometimes as numbers. */
const idOf = (value: unknown): string => (value === undefined || value === null ? '' : String(value))

/** The one mapper of a version record: list items, create answers and version details share these fields. */
const versionOf = (item: Json): VersionSummary => ({
  versionId: idOf(item.version_id),
  versionName: idOf(item.version_name),
  statusCode: numberOf(item.status) ?? 0,
  createTime: numberOf(item.create_time)
})

function created(body: Json): CreatedVersion {
  const result: CreatedVersion = {
    jobId: idOf(body.job_id),
    jobName: idOf(body.job_name),
    ...versionOf(body)
  }
  if (!result.jobId || !result.versionId) {
    throw new HuaweiCloudError(
      'ModelArts answered the create call without a job_id or version_id; check the job list in the console.',
      { kind: 'protocol', requestSent: true, retryable: false }
    )
  }
  return result
}

const PAGE_SIZE = 1000 // the largest per_page the list APIs accept
const MAX_PAGES = 100
const LOG_PAGE_LINES = 500 // the largest `lines` aom-log accepts

export function trainingJobsV1(http: Requester, endpoint: string, projectId: string): TrainingJobsV1 {
  const base = `${endpoint}/v1/${encodeURIComponent(projectId)}/training-jobs`
  const versionUrl = (jobId: string, versionId: string): string =>
    `${base}/${encodeURIComponent(jobId)}/versions/${encodeURIComponent(versionId)}`
  const read = async (url: string, query?: ApiRequest['query']): Promise<ApiResponse<Json | undefined>> =>
    http.request<Json | undefined>({ method: 'GET', url, query, idempotent: true })

  return {
    async createJob(definition: JobDefinition): Promise<CreatedVersion> {
      const response = await http.request<Json>({
        method: 'POST',
        url: base,
        body: definition,
        idempotent: false
      })
      return created(response.body ?? {})
    },

    async createVersion(
      jobId: string,
      preVersionId: string,
      definition: JobDefinition
    ): Promise<CreatedVersion> {
      const preVersion = numberOf(preVersionId) ?? preVersionId
      const body: Json = { config: { ...definition.config, pre_version_id: preVersion } }
      if (definition.job_desc !== undefined) body.job_desc = definition.job_desc
      const response = await http.request<Json>({
        method: 'POST',
        url: `${base}/${encodeURIComponent(jobId)}/versions`,
        body,
        idempotent: false
      })
      // The versions call may omit the job name: it is the job we asked for.
      return created({ job_id: jobId, job_name: definition.job_name, ...(response.body ?? {}) })
    },

    async findJobs(search: string, workspaceId?: string): Promise<JobSummary[]> {
      const jobs: JobSummary[] = []
      for (let page = 1; page <= MAX_PAGES; page++) {
        const { body } = await read(base, {
          search_content: search,
          per_page: PAGE_SIZE,
          page,
          workspace_id: workspaceId
        })
        const items = Array.isArray(body?.jobs) ? (body.jobs as Json[]) : []
        for (const item of items) {
          jobs.push({
            jobId: idOf(item.job_id),
            jobName: idOf(item.job_name),
            versionId: idOf(item.version_id),
            statusCode: numberOf(item.status) ?? 0,
            versionCount: numberOf(item.version_count),
            createTime: numberOf(item.create_time)
          })
        }
        const total = numberOf(body?.job_total_count)
        if (items.length < PAGE_SIZE || (total !== undefined && page * PAGE_SIZE >= total)) break
      }
      return jobs
    },

    async listVersions(jobId: string): Promise<VersionSummary[]> {
      const versions: VersionSummary[] = []
      for (let page = 1; page <= MAX_PAGES; page++) {
        const { body } = await read(`${base}/${encodeURIComponent(jobId)}/versions`, {
          per_page: PAGE_SIZE,
          page
        })
        const items = Array.isArray(body?.versions) ? (body.versions as Json[]) : []
        versions.push(...items.map(versionOf))
        if (items.length < PAGE_SIZE) break
      }
      // Newest first, whatever order the service used: version ids grow.
      return versions.sort((a, b) => compareIds(b.versionId, a.versionId))
    },

    async getVersion(jobId: string, versionId: string): Promise<VersionDetail> {
      const { body = {} } = await read(versionUrl(jobId, versionId))
      return {
        ...versionOf(body),
        jobId: idOf(body.job_id) || jobId,
        jobName: idOf(body.job_name),
        versionId: idOf(body.version_id) || versionId,
        durationMs: numberOf(body.duration),
        startTime: numberOf(body.start_time),
        raw: body
      }
    },

    async stopVersion(jobId: string, versionId: string): Promise<void> {
      // Stopping twice is harmless, so the call may be retried like a read.
      await http.request({ method: 'POST', url: `${versionUrl(jobId, versionId)}/stop`, idempotent: true })
    },

    async logFileNames(jobId: string, versionId: string): Promise<string[]> {
      const { status, body } = await read(`${versionUrl(jobId, versionId)}/log/file-names`)
      if (status === 204 || !Array.isArray(body?.log_file_list)) return []
      return (body.log_file_list as unknown[]).map(idOf).filter(name => name !== '')
    },

    async logLines(
      jobId: string,
      versionId: string,
      file: string,
      cursor: string | undefined
    ): Promise<LogChunk> {
      // order=desc means "the records after base_line"; an empty base_line gives the newest lines.
      const { status, body } = await read(`${versionUrl(jobId, versionId)}/aom-log`, {
        log_file: file,
        lines: LOG_PAGE_LINES,
        base_line: cursor ?? '',
        order: 'desc'
      })
      if (status === 204 || body === undefined) return { lines: [], cursor }
      const content = typeof body.content === 'string' ? body.content : ''
      const count = numberOf(body.lines)
      if (content === '' || count === 0) return { lines: [], cursor }
      const end = idOf(body.end_line)
      return { lines: content.replace(/\n$/, '').split('\n'), cursor: end || cursor }
    }
  }
}

/** Compares decimal id strings numerically, whatever their length. */
function compareIds(a: string, b: string): number {
  if (a.length !== b.length && /^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

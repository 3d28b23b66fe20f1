/**
 * The training-job operations the action needs, independent of the API version behind them.
 * v1 implements it in v1.ts; a v2 path can implement the same interface later.
 * Ids are decimal strings whatever the service sent (numbers or strings).
 */
import type { JobDefinition } from '../job/index.js'

export interface CreatedVersion {
  jobId: string
  jobName: string
  versionId: string
  versionName: string
  statusCode: number
  createTime?: number
}

export interface JobSummary {
  jobId: string
  jobName: string
  versionId: string
  statusCode: number
  versionCount?: number
  createTime?: number
}

export interface VersionSummary {
  versionId: string
  versionName: string
  statusCode: number
  createTime?: number
}

export interface VersionDetail extends VersionSummary {
  jobId: string
  jobName: string
  /** Run time so far in ms, as the service reports it. */
  durationMs?: number
  startTime?: number
  /** Everything the service returned, for the summary. */
  raw: Record<string, unknown>
}

export interface LogChunk {
  /** New lines, oldest first, without trailing newlines. */
  lines: string[]
  /** Position to pass as `after` next time; unchanged when nothing new. */
  cursor: string | undefined
}

export interface TrainingJobsApi {
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

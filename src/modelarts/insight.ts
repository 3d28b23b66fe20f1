/**
 * The entry points the steps call, over one Requester:
 * - `preflightJob`: after local validation, before the create (and under validate_only with credentials and a
 *   target, in `validate` mode). Read-only; never throws for a failed read.
 * - `explainJobV2` / `explainJobV1`: when the wait ends, the failure reason, post-mortem and metrics.
 *   Never throw: what cannot be read is left out and named.
 */
import type { Requester } from '../huaweicloud/http.js'
import type { BuildResult } from '../job/index.js'
import type { TrainingJobsV1, VersionDetail } from './v1.js'
import { serviceListsV1, serviceListsV2, type ListOptions } from './lists.js'
import {
  metricsFromV1Detail,
  metricsJson,
  readMetricsV2,
  summarizeMetrics,
  type MetricSummary
} from './metrics.js'
import {
  postMortemV1,
  postMortemV2,
  type JobEnd,
  type PostMortem,
  type PostMortemOptions
} from './postmortem.js'
import { runPreflight, type PreflightMode, type PreflightResult } from './preflight.js'
import { jobInsightV2, type JobInsightV2 } from './v2-insight.js'
import { trainingJobsV2, type TrainingJobsV2, type V2Job } from './v2.js'

/** Where the service is: the same three values the create and follow steps already hold. */
export interface ServiceTarget {
  http: Requester
  endpoint: string
  projectId: string
}

export interface PreflightJobOptions extends ListOptions {
  mode: PreflightMode
  /** v2: `fail` checks that the name is free; `new_version` does not (the series picks a free name). */
  ifExists?: 'fail' | 'new_version'
}

/**
 * The pre-flight of a built definition. `build` must be the valid result of `buildJobDefinition` (its
 * `definition` and `locate` set); otherwise there is nothing to check and the result is empty.
 */
export async function preflightJob(
  target: ServiceTarget,
  build: BuildResult,
  options: PreflightJobOptions
): Promise<PreflightResult> {
  const { http, endpoint, projectId } = target
  const { mode } = options
  const listOptions: ListOptions =
    options.retryBudgetMs === undefined ? {} : { retryBudgetMs: options.retryBudgetMs }
  if (!build.definition || !build.locate) return { diagnostics: [], reads: 0, rounds: 0 }
  if (build.api === 'v1') {
    return runPreflight({
      api: 'v1',
      definition: build.definition,
      locate: build.locate,
      lists: serviceListsV1(http, endpoint, projectId, listOptions),
      mode
    })
  }
  const jobs = trainingJobsV2(http, endpoint, projectId)
  return runPreflight({
    api: 'v2',
    definition: build.definition,
    locate: build.locate,
    lists: serviceListsV2(http, endpoint, projectId, listOptions),
    search: (name, workspaceId) => jobs.search(name, workspaceId),
    mode,
    ...((options.ifExists ?? 'fail') === 'fail' && { name: build.definition.metadata.name })
  })
}

/** What the follow step reports when the wait ends. */
export interface JobInsight {
  /** The `failure_reason` output: one line; '' when the job completed. */
  failureReason: string
  /** The `metrics` output: JSON keyed by metric name, each `{avg, max, samples}`; `{}` when none. */
  metricsJson: string
  postMortem: PostMortem
  metrics: MetricSummary[]
  /** v2 tasks whose metrics could not be read. */
  metricsMissing: string[]
}

/**
 * v2: `job` is the last read of the job (the wait's `detail`, or a fresh `get` after a timeout). Post-mortem
 * and metrics are read in parallel. `api` and `insight` default to clients over `target`.
 */
export async function explainJobV2(
  target: ServiceTarget,
  job: V2Job,
  end: JobEnd,
  options: PostMortemOptions & { api?: TrainingJobsV2; insight?: JobInsightV2 } = {}
): Promise<JobInsight> {
  const api = options.api ?? trainingJobsV2(target.http, target.endpoint, target.projectId)
  const insight = options.insight ?? jobInsightV2(target.http, target.endpoint, target.projectId)
  const reader = { events: insight.events, logPreview: api.logPreview }
  const [postMortem, read] = await Promise.all([
    postMortemV2(reader, job, end, options),
    readMetricsV2(insight, job.id, job.tasks)
  ])
  const metrics = summarizeMetrics(read.series)
  return {
    failureReason: postMortem.reason,
    metricsJson: metricsJson(metrics),
    postMortem,
    metrics,
    metricsMissing: read.missingTasks
  }
}

/** v1: the metrics come with the version detail (`system_metric_list`); the log tail from aom-log. */
export async function explainJobV1(
  api: Pick<TrainingJobsV1, 'logFileNames' | 'logLines'>,
  detail: VersionDetail,
  end: JobEnd,
  options: PostMortemOptions = {}
): Promise<JobInsight> {
  const postMortem = await postMortemV1(api, detail.jobId, detail.versionId, end, options)
  const metrics = summarizeMetrics(metricsFromV1Detail(detail.raw))
  return {
    failureReason: postMortem.reason,
    metricsJson: metricsJson(metrics),
    postMortem,
    metrics,
    metricsMissing: []
  }
}

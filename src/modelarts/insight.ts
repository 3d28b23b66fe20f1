/**
 * The entry points the steps call, over one Requester:
 * - `preflightJob`: after local validation, before the create (and under validate_only with credentials and a
 *   target, in `validate` mode). Read-only; never throws for a failed read.
 * - `explainJobV2` / `explainJobV1`: when the wait ends, the failure reason, post-mortem and metrics.
 *   Never throw: what cannot be read is left out and named.
 */
import type { Requester } from '../huaweicloud/http.js'
import type { Api, LocateInJob, V1JobDefinition, V2JobDefinition } from '../job/index.js'
import type { JobRef } from './api.js'
import { trainingJobsV1, type TrainingJobsV1, type VersionDetail } from './v1.js'
import {
  serviceListsV1,
  serviceListsV2,
  type ListOptions,
  type ServiceListsV1,
  type ServiceListsV2
} from './lists.js'
import {
  metricsFromV1Detail,
  metricsJson,
  readMetricsV2,
  summarizeMetrics,
  type MetricSummary
} from './metrics.js'
import {
  failureReason,
  postMortemV1,
  serviceWords,
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

/** What the pre-flight checks: a `buildJobDefinition` result, or the valid definition a step took from one. */
export type PreflightSubject =
  | { api: 'v1'; definition?: V1JobDefinition; locate?: LocateInJob }
  | { api: 'v2'; definition?: V2JobDefinition; locate?: LocateInJob }

/**
 * The pre-flight of a built definition. `build` must be valid (its `definition` and `locate` set); otherwise
 * there is nothing to check and the result is empty.
 */
export async function preflightJob(
  target: ServiceTarget,
  build: PreflightSubject,
  options: PreflightJobOptions
): Promise<PreflightResult> {
  return preflightChecker(target, options)(build, options)
}

export type PreflightChecker = (
  build: PreflightSubject,
  options: Pick<PreflightJobOptions, 'mode' | 'ifExists'>
) => Promise<PreflightResult>

/** Reads once, then answers again from the same promise (a failed read stays failed: one warning per list). */
function once<T>(read: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | undefined
  return () => (answer ??= read())
}

/**
 * A pre-flight for several definitions (validate_only checks many files): each list is read at most once,
 * at the first definition that needs it. The name check and its search are per definition.
 */
export function preflightChecker(target: ServiceTarget, listOptions: ListOptions = {}): PreflightChecker {
  const { http, endpoint, projectId } = target
  const budget: ListOptions =
    listOptions.retryBudgetMs === undefined ? {} : { retryBudgetMs: listOptions.retryBudgetMs }
  let v1: ServiceListsV1 | undefined
  let v2: ServiceListsV2 | undefined
  let jobs: TrainingJobsV2 | undefined
  return async (build, { mode, ifExists }) => {
    if (!build.definition || !build.locate) return { diagnostics: [], reads: 0, rounds: 0 }
    if (build.api === 'v1') {
      if (!v1) {
        const lists = serviceListsV1(http, endpoint, projectId, budget)
        v1 = { resourceSpecs: once(lists.resourceSpecs), aiEngines: once(lists.aiEngines) }
      }
      return runPreflight({ api: 'v1', definition: build.definition, locate: build.locate, lists: v1, mode })
    }
    if (!v2) {
      const lists = serviceListsV2(http, endpoint, projectId, budget)
      v2 = {
        flavors: once(lists.flavors),
        engines: once(lists.engines),
        quotas: once(lists.quotas),
        nameCheck: lists.nameCheck
      }
    }
    const search = (jobs ??= trainingJobsV2(http, endpoint, projectId))
    return runPreflight({
      api: 'v2',
      definition: build.definition,
      locate: build.locate,
      lists: v2,
      search: (name, workspaceId) => search.search(name, workspaceId),
      mode,
      name: (ifExists ?? 'fail') === 'fail' ? build.definition.metadata.name : undefined
    })
  }
}

/** What the follow step reports when the wait ends. */
export interface JobInsight {
  /** The `failure_reason` output: one line; '' when the job completed. */
  failureReason: string
  /** The service's words alone (task exit codes and messages, end reason, event, last log line); '' when none. */
  why: string
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
  return insightOf(postMortem, summarizeMetrics(read.series), read.missingTasks)
}

/** v1: the metrics come with the version detail (`system_metric_list`); the log tail from aom-log. */
export async function explainJobV1(
  api: Pick<TrainingJobsV1, 'logFileNames' | 'logLines'>,
  detail: VersionDetail,
  end: JobEnd,
  options: PostMortemOptions = {}
): Promise<JobInsight> {
  const postMortem = await postMortemV1(api, detail.jobId, detail.versionId, end, options)
  return insightOf(postMortem, summarizeMetrics(metricsFromV1Detail(detail.raw)), [])
}

/** The same insight from either API's post-mortem and metrics. */
function insightOf(postMortem: PostMortem, metrics: MetricSummary[], metricsMissing: string[]): JobInsight {
  return {
    failureReason: postMortem.reason,
    why: serviceWords(postMortem),
    metricsJson: metricsJson(metrics),
    postMortem,
    metrics,
    metricsMissing
  }
}

/**
 * The follow step's one call when the wait is over, whichever API the run is on: reads the run once more
 * (the wait keeps no detail) and explains it. Never throws: when even that read fails, the reason says what
 * happened from `end` alone and the read is named in `unread`.
 */
export async function explainRun(
  target: ServiceTarget,
  api: Api,
  ref: JobRef,
  end: JobEnd,
  options: ExplainOptions = {}
): Promise<JobInsight> {
  if (options.reads === false) return fromEndAlone(end, [])
  try {
    if (api === 'v1') {
      const calls = trainingJobsV1(target.http, target.endpoint, target.projectId)
      const detail = await calls.getVersion(ref.jobId, ref.versionId ?? '')
      return await explainJobV1(calls, detail, end, options)
    }
    const jobs = trainingJobsV2(target.http, target.endpoint, target.projectId)
    const job = await jobs.get(ref.jobId)
    if (job) return await explainJobV2(target, job, end, { ...options, api: jobs })
  } catch {
    // Told below: the reason from the outcome alone.
  }
  return fromEndAlone(end, ['job detail'])
}

export interface ExplainOptions extends PostMortemOptions {
  /** false: send nothing (a cancelled workflow has seconds left), explain from the outcome alone. */
  reads?: boolean
}

function fromEndAlone(end: JobEnd, unread: string[]): JobInsight {
  const words = { tasks: [], endReasons: [], events: [], logTails: [] }
  const reason = failureReason(end, words)
  return {
    failureReason: reason,
    why: '',
    metricsJson: metricsJson([]),
    postMortem: { reason, ...words, unread: reason === '' ? [] : unread },
    metrics: [],
    metricsMissing: []
  }
}

/**
 * A finished job's resource use: per metric, its average, peak and shape over time, over all tasks.
 * Reads v2 `metrics/{task}` for every task, or v1's `system_metric_list`; the numbers are pure functions.
 * A missing sample (-1, or anything not a number) is left out, never counted as zero.
 */
import type { JobInsightV2, MetricSeries } from './v2-insight.js'
import { isRecord, numberOf } from '../util/values.js'

export interface MetricStats {
  avg: number
  max: number
  /** How many samples were counted, over all tasks. */
  samples: number
}

export interface MetricSummary extends MetricStats {
  metric: string
  /** Per minute, the mean over the tasks that have a sample then; minutes without any are left out. */
  trend: number[]
}

/** The metrics the services name, in the order shown; others follow in the order first seen. */
const KNOWN_METRICS = ['cpuUsage', 'memUsage', 'gpuUtil', 'gpuMemUsage', 'npuUtil', 'npuMemUsage'] as const

const isSample = (value: number): boolean => Number.isFinite(value) && value >= 0
const round = (value: number): number => Math.round(value * 100) / 100

/** Summaries of every metric that has at least one sample, from the series of all tasks. */
export function summarizeMetrics(series: readonly MetricSeries[]): MetricSummary[] {
  const byMetric = new Map<string, MetricSeries[]>()
  for (const one of series) {
    const list = byMetric.get(one.metric)
    if (list) list.push(one)
    else byMetric.set(one.metric, [one])
  }
  const order = [
    ...KNOWN_METRICS.filter(name => byMetric.has(name)),
    ...[...byMetric.keys()].filter(name => !(KNOWN_METRICS as readonly string[]).includes(name))
  ]
  return order.flatMap(metric => {
    const tasks = byMetric.get(metric) ?? []
    let sum = 0
    let samples = 0
    let max = Number.NEGATIVE_INFINITY
    const length = Math.max(0, ...tasks.map(task => task.values.length))
    const trend: number[] = []
    for (let i = 0; i < length; i++) {
      let minuteSum = 0
      let minuteCount = 0
      for (const task of tasks) {
        const value = task.values[i]
        if (value === undefined || !isSample(value)) continue
        minuteSum += value
        minuteCount++
        if (value > max) max = value
      }
      if (minuteCount === 0) continue
      sum += minuteSum
      samples += minuteCount
      trend.push(minuteSum / minuteCount)
    }
    if (samples === 0) return []
    return [{ metric, avg: round(sum / samples), max: round(max), samples, trend }]
  })
}

/** The `metrics` output: JSON keyed by metric name, each `{avg, max, samples}`; `{}` when there is none. */
export function metricsJson(summaries: readonly MetricSummary[]): string {
  const out: Record<string, MetricStats> = {}
  for (const { metric, avg, max, samples } of summaries) out[metric] = { avg, max, samples }
  return JSON.stringify(out)
}

/**
 * v1's `system_metric_list` from the version detail: an object of arrays (the detail call) or the same as a
 * JSON string (the versions list); `{cpuUsage: [..], memUsage: [..], gpuUtil: [..]}`. One series per metric:
 * v1 does not split by worker.
 */
export function metricsFromV1Detail(raw: Readonly<Record<string, unknown>>): MetricSeries[] {
  let list: unknown = raw.system_metric_list
  if (typeof list === 'string') {
    try {
      list = JSON.parse(list)
    } catch {
      return []
    }
  }
  if (!isRecord(list)) return []
  return Object.entries(list).flatMap(([metric, values]) =>
    Array.isArray(values) ? [{ metric, values: values.map(value => numberOf(value) ?? -1) }] : []
  )
}

export interface V2MetricsRead {
  series: MetricSeries[]
  /** Tasks whose metrics could not be read (not ready, or the read failed): said once in the summary. */
  missingTasks: string[]
}

/** Every task's metrics, read in parallel; a task that fails or is not ready is left out and named. */
export async function readMetricsV2(
  insight: Pick<JobInsightV2, 'metrics'>,
  jobId: string,
  tasks: readonly string[]
): Promise<V2MetricsRead> {
  const reads = await Promise.allSettled(tasks.map(task => insight.metrics(jobId, task)))
  const series: MetricSeries[] = []
  const missingTasks: string[] = []
  reads.forEach((read, i) => {
    if (read.status === 'fulfilled' && read.value !== undefined) series.push(...read.value)
    else missingTasks.push(tasks[i] ?? '')
  })
  return { series, missingTasks }
}

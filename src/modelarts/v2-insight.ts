/**
 * What a v2 job leaves to explain itself (modelarts-v2-api.md section 8): its events and its metrics per task.
 * Read-only; answers are read loosely.
 */
import type { Requester } from '../huaweicloud/http.js'
import { errorCodeOf } from '../huaweicloud/errors.js'
import { isRecord, numberOf, textOf } from '../util/values.js'

type Json = Record<string, unknown>

export interface V2Event {
  /** As sent, e.g. `2022-11-26T16:03:41+08:00`. */
  time: string
  /** Info, Warning or Error. */
  level: string
  message: string
  /** K8S, Job or Task. */
  source: string
}

/** One metric of one task: one-minute averages, oldest first; -1 is a missing sample. */
export interface MetricSeries {
  metric: string
  values: number[]
}

export interface JobInsightV2 {
  /** The newest events first, at most `limit` (1 to 100). */
  events(id: string, limit?: number): Promise<V2Event[]>
  /** The task's metrics; undefined while the service has none yet (204 ModelArts.2777). */
  metrics(id: string, task: string): Promise<MetricSeries[] | undefined>
}

const METRICS_NOT_READY = 'ModelArts.2777'
const EVENTS_LIMIT_MAX = 100

function parseEvents(body: unknown): V2Event[] {
  const events = isRecord(body) && Array.isArray(body.events) ? body.events : []
  return events.filter(isRecord).map(event => ({
    time: textOf(event.time),
    level: textOf(event.level),
    message: textOf(event.message),
    source: textOf(event.source)
  }))
}

export function parseMetrics(body: unknown): MetricSeries[] {
  const metrics = isRecord(body) && Array.isArray(body.metrics) ? body.metrics : []
  return metrics.filter(isRecord).flatMap(item => {
    const metric = textOf(item.metric)
    if (!metric) return []
    const raw = Array.isArray(item.value) ? item.value : []
    // A value the service could not send as a number is a missing sample, never a zero.
    return [{ metric, values: raw.map(value => numberOf(value) ?? -1) }]
  })
}

export function jobInsightV2(http: Requester, endpoint: string, projectId: string): JobInsightV2 {
  const jobUrl = (id: string): string =>
    `${endpoint}/v2/${encodeURIComponent(projectId)}/training-jobs/${encodeURIComponent(id)}`
  return {
    async events(id: string, limit = 50): Promise<V2Event[]> {
      const { body } = await http.request<Json | undefined>({
        method: 'GET',
        url: `${jobUrl(id)}/events`,
        query: { offset: 0, limit: Math.min(Math.max(1, limit), EVENTS_LIMIT_MAX), order: 'desc' },
        idempotent: true
      })
      return parseEvents(body)
    },

    async metrics(id: string, task: string): Promise<MetricSeries[] | undefined> {
      try {
        const { status, body } = await http.request<Json | undefined>({
          method: 'GET',
          url: `${jobUrl(id)}/metrics/${encodeURIComponent(task)}`,
          idempotent: true
        })
        if (status === 204 || body === undefined || textOf(body.error_code) === METRICS_NOT_READY) {
          return undefined
        }
        return parseMetrics(body)
      } catch (error) {
        if (errorCodeOf(error) === METRICS_NOT_READY) return undefined
        throw error
      }
    }
  }
}

// What the emulator serves for the pre-flight and the post-mortem: v1 resource specs and engines; v2 flavors,
// engines, quotas, the name check; v2 events and metrics per task. The lists default to the fixtures in
// __fixtures__/service-lists (the unit tests read the same files). A list is made to fail with inject(), e.g.
// { path: /training-job-flavors$/, kind: 'status', status: 403, code: 'ModelArts.0206', times: 100 }.
import { readFileSync } from 'node:fs'

const JSON_TYPE = 'application/json;charset=UTF-8'
const LISTS = new URL('../../__fixtures__/service-lists/', import.meta.url)
/** At most this many samples per metric and task: the service keeps one per minute. */
const MAX_SAMPLES = 120

/** @param {string} name @returns {Record<string, any>} */
const fixture = name => JSON.parse(readFileSync(new URL(name, LISTS), 'utf8'))

/**
 * @typedef {{ status: number, headers?: Record<string, string>, body?: string }} Reply
 * @typedef {{ v2Flavors?: unknown, v2Engines?: unknown, v1Specs?: unknown, v1Engines?: unknown }} Lists
 *   whole answer bodies, e.g. { flavors: [...] }
 */

/** @param {number} status @param {unknown} value @returns {Reply} */
function json(status, value) {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(value) }
}
/** @param {number} status @param {string} code @param {string} message */
const v2Error = (status, code, message) => json(status, { error_code: code, error_msg: message })

/**
 * One task's samples of a metric: one per tick of Running time (at most 120). The first is missing (-1), as a
 * minute without a sample is on the service. `fixed` (a script's metrics) is used as it is.
 * @param {string} metric @param {number} count @param {number} worker @param {number[] | undefined} [fixed]
 */
export function metricSamples(metric, count, worker, fixed) {
  if (fixed) return fixed.slice(0, Math.max(count, fixed.length))
  const n = Math.min(count, MAX_SAMPLES)
  const base =
    { cpuUsage: 35, memUsage: 48, gpuUtil: 82, gpuMemUsage: 61, npuUtil: 77, npuMemUsage: 55 }[metric] ?? 20
  return Array.from({ length: n }, (_, i) =>
    i === 0 ? -1 : Math.round((base + 10 * Math.sin(i / 3 + worker)) * 100) / 100
  )
}

/** Which accelerators a flavor id implies, for the metrics it reports. @param {string} flavorId */
export function metricNames(flavorId) {
  const names = ['cpuUsage', 'memUsage']
  if (/gpu|\.p\d|\.pi\d|\.g\d/i.test(flavorId)) names.push('gpuUtil', 'gpuMemUsage')
  if (/kat|ascend|npu|\.d\d/i.test(flavorId)) names.push('npuUtil', 'npuMemUsage')
  return names
}

/**
 * @param {{ now: () => number, tickMs: number, lists?: Lists, jobQuota?: number, nameCheck?: 'ok' | 404 | 403 }} settings
 * @param {ReturnType<typeof import('./training-v2.mjs').createTrainingV2>} v2
 */
export function createInsight(settings, v2) {
  const state = {
    v2Flavors: /** @type {unknown} */ (settings.lists?.v2Flavors ?? fixture('v2-flavors.json')),
    v2Engines: /** @type {unknown} */ (settings.lists?.v2Engines ?? fixture('v2-engines.json')),
    v1Specs: /** @type {unknown} */ (settings.lists?.v1Specs ?? fixture('v1-resource-specs.json')),
    v1Engines: /** @type {unknown} */ (settings.lists?.v1Engines ?? fixture('v1-ai-engines.json')),
    jobQuota: settings.jobQuota ?? 100,
    /** @type {'ok' | 404 | 403} */
    nameCheck: settings.nameCheck ?? 'ok'
  }

  /** @param {{ query: Record<string, string[]> }} request */
  function nameCheck(request) {
    if (state.nameCheck === 404) {
      return json(404, {
        error_code: 'APIGW.0101',
        error_msg: 'The API does not exist or has not been published in the environment'
      })
    }
    if (state.nameCheck === 403)
      return v2Error(403, 'ModelArts.0206', 'Forbidden: no permission for this API')
    const name = request.query.job_name?.[0]
    if (!name) return v2Error(400, 'ModelArts.2788', 'Invalid parameter (job_name)')
    const workspace = request.query.workspace_id?.[0] || '0'
    const taken = v2.jobs.some(job => !job.deleted && job.name === name && job.workspace_id === workspace)
    return json(200, { is_duplicate: taken })
  }

  function quotas() {
    const used = v2.jobs.filter(job => !job.deleted).length
    return json(200, { quotas: [{ resource: 'job-num', quota: state.jobQuota, used }] })
  }

  /**
   * Events of a job from its phases so far, plus a failure's own words: `offset`, `limit` 1–100, `order`
   * (desc: newest first), `level`.
   * @param {{ query: Record<string, string[]> }} request @param {string} id
   */
  function events(request, id) {
    const job = v2.find(id)
    if (!job) return v2Error(400, 'ModelArts.2775', `Training job not found (id ${id})`)
    const limit = Number(request.query.limit?.[0] ?? 50)
    const offset = Number(request.query.offset?.[0] ?? 0)
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      return v2Error(400, 'ModelArts.2788', 'Invalid parameter (limit)')
    if (!Number.isInteger(offset) || offset < 0)
      return v2Error(400, 'ModelArts.2788', 'Invalid parameter (offset)')
    const order = request.query.order?.[0] ?? 'desc'
    const level = request.query.level?.[0]
    const all = v2.eventsOf(job)
    const picked = all
      .filter(event => level === undefined || event.level === level)
      .sort(
        (a, b) =>
          (order === 'asc' ? a.at - b.at : b.at - a.at) || (order === 'asc' ? a.seq - b.seq : b.seq - a.seq)
      )
    const page = picked.slice(offset, offset + limit).map(({ time, level: l, message, source }) => ({
      time,
      level: l,
      message,
      source
    }))
    return json(200, {
      total: String(picked.length),
      limit,
      offset,
      order,
      events: page
    })
  }

  /** @param {unknown} _request @param {string} id @param {string} task */
  function metrics(_request, id, task) {
    const job = v2.find(id)
    if (!job) return v2Error(400, 'ModelArts.2775', `Training job not found (id ${id})`)
    const worker = job.tasks.indexOf(task)
    if (worker < 0) return v2Error(400, 'ModelArts.2788', `Invalid parameter (task_id ${task})`)
    const t = v2.timelineOf(job)
    const count = Math.floor(t.runningMs / (job.script.tickMs ?? settings.tickMs))
    // 204 ModelArts.2777 NotReadyToFetchMetric: a 204 carries no body.
    if (count === 0) return { status: 204, headers: {} }
    const flavor = String(job.body.spec?.resource?.flavor_id ?? '')
    const fixed = job.script.metrics
    const names = fixed ? Object.keys(fixed) : metricNames(flavor)
    return json(200, {
      metrics: names.map(metric => ({ metric, value: metricSamples(metric, count, worker, fixed?.[metric]) }))
    })
  }

  const V2 = '/v2/([^/]+)'
  /** @type {{ method: string, pattern: RegExp, handler: (request: any, ...ids: string[]) => Reply, auth: boolean, v1: boolean }[]} */
  const routes = [
    {
      method: 'GET',
      pattern: /^\/v1\/([^/]+)\/job\/resource-specs\/?$/,
      handler: () => json(200, state.v1Specs)
    },
    {
      method: 'GET',
      pattern: /^\/v1\/([^/]+)\/job\/ai-engines\/?$/,
      handler: () => json(200, state.v1Engines)
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${V2}/training-job-flavors/?$`),
      handler: () => json(200, state.v2Flavors)
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${V2}/training-job-engines/?$`),
      handler: () => json(200, state.v2Engines)
    },
    { method: 'GET', pattern: new RegExp(`^${V2}/training-quotas/?$`), handler: quotas },
    { method: 'GET', pattern: new RegExp(`^${V2}/training-job-names/?$`), handler: nameCheck },
    { method: 'GET', pattern: new RegExp(`^${V2}/training-jobs/([^/]+)/events/?$`), handler: events },
    {
      method: 'GET',
      pattern: new RegExp(`^${V2}/training-jobs/([^/]+)/metrics/([^/]+)/?$`),
      handler: metrics
    }
  ].map(route => ({ ...route, auth: true, v1: true }))

  return {
    routes,
    /** @param {Lists} lists */
    setLists(lists) {
      Object.assign(
        state,
        Object.fromEntries(Object.entries(lists).filter(([, value]) => value !== undefined))
      )
    },
    /** @param {number} quota */
    setJobQuota(quota) {
      state.jobQuota = quota
    },
    /** @param {'ok' | 404 | 403} mode */
    setNameCheck(mode) {
      state.nameCheck = mode
    }
  }
}

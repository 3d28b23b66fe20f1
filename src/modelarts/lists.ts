/**
 * The service's own lists that a pre-flight checks a job against (read-only): v1 resource specs and engines
 * (modelarts-api.md 1.9, 1.10); v2 flavors, engines, quotas and the name check (modelarts-v2-api.md section 2, 8).
 * Answers are read loosely: counts may be strings, fields may be missing.
 */
import type { Requester } from '../huaweicloud/http.js'
import { HuaweiCloudError } from '../huaweicloud/errors.js'
import { isRecord, numberOf, recordOf, textOf } from '../util/values.js'

type Json = Record<string, unknown>

export interface V1Spec {
  specId: number
  /** e.g. `modelarts.vm.cpu.2u`. */
  specCode: string
  /** Nodes at most (`max_num`); undefined when the service sent none. */
  maxNum?: number
  /** CPU cores, GPUs and memory as the service words them, for suggestions. */
  core: string
  cpu: string
  gpuNum: number
  gpuType: string
  /** `no_resource`: sold out right now. */
  noResource: boolean
}

export interface V1Engine {
  engineId: number
  engineName: string
  engineVersion: string
}

export interface V2Flavor {
  flavorId: string
  flavorName: string
  /** CPU, GPU or Ascend. */
  flavorType: string
  /** Nodes at most; 1 means no distributed training. */
  maxNum?: number
  cpuCores?: number
  gpuCount?: number
  gpuProduct?: string
  gpuMemory?: string
  npuCount?: number
  npuProduct?: string
  /** e.g. `32 GiB`. */
  memory?: string
}

export interface V2Engine {
  engineId: string
  engineName: string
  engineVersion: string
}

export interface V2Quota {
  /** e.g. `job-num`. */
  resource: string
  quota: number
  used: number
}

/** The name check's answer; `unavailable` when the API is not served here (404) or not allowed (403). */
export type NameCheck = 'free' | 'taken' | 'unavailable'

export interface ServiceListsV1 {
  resourceSpecs(): Promise<V1Spec[]>
  aiEngines(): Promise<V1Engine[]>
}

export interface ServiceListsV2 {
  flavors(): Promise<V2Flavor[]>
  engines(): Promise<V2Engine[]>
  quotas(): Promise<V2Quota[]>
  /** Whether `name` is taken in the workspace, per `training-job-names`. */
  nameCheck(name: string, workspaceId?: string): Promise<NameCheck>
}

/** Pre-flight reads wait less than a create would: they may be skipped with a warning. */
const LIST_TIMEOUT_MS = 10_000
/**
 * A list read, its retries and the attempt on the wire included, ends after this long: a 5xx or a hanging
 * list must not hold the create back for the full retry budget or timeout of a create's reads.
 */
export const LIST_RETRY_BUDGET_MS = 3_000

export interface ListOptions {
  /** Default LIST_RETRY_BUDGET_MS. */
  retryBudgetMs?: number
}

/**
 * Runs `work` within `budgetMs`: each attempt times out by then (`timeoutMs`), the signal stops retries, and
 * the read gives up when the budget is spent, whatever is still on the wire (it ends by its own timeout).
 */
async function withinBudget<T>(
  budgetMs: number,
  work: (signal: AbortSignal, timeoutMs: number) => Promise<T>
): Promise<T> {
  const controller = new AbortController()
  const spent = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true })
  })
  const timer = setTimeout(
    () => controller.abort(new Error(`not read within ${budgetMs / 1000} s`)),
    budgetMs
  )
  timer.unref?.()
  const working = work(controller.signal, Math.min(LIST_TIMEOUT_MS, budgetMs))
  // Settled either way: the loser of the race must not be an unhandled rejection.
  working.catch(() => undefined)
  spent.catch(() => undefined)
  try {
    return await Promise.race([working, spent])
  } finally {
    clearTimeout(timer)
  }
}

const itemsOf = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : [])

export function parseV1Specs(body: unknown): V1Spec[] {
  return itemsOf(recordOf(body).specs).flatMap(item => {
    const specId = numberOf(item.spec_id)
    if (specId === undefined) return []
    const spec: V1Spec = {
      specId,
      specCode: textOf(item.spec_code),
      core: textOf(item.core),
      cpu: textOf(item.cpu),
      gpuNum: numberOf(item.gpu_num) ?? 0,
      gpuType: textOf(item.gpu_type),
      noResource: item.no_resource === true || item.no_resource === 'true'
    }
    const maxNum = numberOf(item.max_num)
    if (maxNum !== undefined) spec.maxNum = maxNum
    return [spec]
  })
}

export function parseV1Engines(body: unknown): V1Engine[] {
  return itemsOf(recordOf(body).engines).flatMap(item => {
    const engineId = numberOf(item.engine_id)
    if (engineId === undefined) return []
    return [{ engineId, engineName: textOf(item.engine_name), engineVersion: textOf(item.engine_version) }]
  })
}

export function parseV2Flavors(body: unknown): V2Flavor[] {
  return itemsOf(recordOf(body).flavors).flatMap(item => {
    const flavorId = textOf(item.flavor_id)
    if (!flavorId) return []
    const info = recordOf(item.flavor_info)
    const cpu = recordOf(info.cpu)
    const gpu = recordOf(info.gpu)
    const npu = recordOf(info.npu)
    const memory = recordOf(info.memory)
    const flavor: V2Flavor = {
      flavorId,
      flavorName: textOf(item.flavor_name),
      flavorType: textOf(item.flavor_type)
    }
    const set = <K extends keyof V2Flavor>(key: K, value: V2Flavor[K] | undefined) => {
      if (value !== undefined && value !== '') flavor[key] = value
    }
    set('maxNum', numberOf(info.max_num))
    set('cpuCores', numberOf(cpu.core_num))
    set('gpuCount', numberOf(gpu.unit_num))
    set('gpuProduct', textOf(gpu.product_name))
    set('gpuMemory', textOf(gpu.memory))
    set('npuCount', numberOf(npu.unit_num))
    set('npuProduct', textOf(npu.product_name))
    const size = numberOf(memory.size)
    if (size !== undefined) flavor.memory = `${size} ${textOf(memory.unit) || 'GB'}`
    return [flavor]
  })
}

export function parseV2Engines(body: unknown): V2Engine[] {
  return itemsOf(recordOf(body).items).flatMap(item => {
    const engine = {
      engineId: textOf(item.engine_id),
      engineName: textOf(item.engine_name),
      engineVersion: textOf(item.engine_version)
    }
    return engine.engineId || engine.engineName ? [engine] : []
  })
}

export function parseV2Quotas(body: unknown): V2Quota[] {
  return itemsOf(recordOf(body).quotas).flatMap(item => {
    const quota = numberOf(item.quota)
    const used = numberOf(item.used)
    const resource = textOf(item.resource)
    return resource && quota !== undefined && used !== undefined ? [{ resource, quota, used }] : []
  })
}

/** One list read: an idempotent GET, its attempts and retries together within the budget. */
async function readList(
  http: Requester,
  budgetMs: number,
  url: string,
  query: Record<string, string> | undefined
): Promise<Json | undefined> {
  return withinBudget(
    budgetMs,
    async (signal, timeoutMs) =>
      (
        await http.request<Json | undefined>({
          method: 'GET',
          url,
          query,
          idempotent: true,
          timeoutMs,
          signal
        })
      ).body
  )
}

export function serviceListsV1(
  http: Requester,
  endpoint: string,
  projectId: string,
  options: ListOptions = {}
): ServiceListsV1 {
  const root = `${endpoint}/v1/${encodeURIComponent(projectId)}/job`
  const budget = options.retryBudgetMs ?? LIST_RETRY_BUDGET_MS
  const read = (path: string): Promise<Json | undefined> =>
    readList(http, budget, `${root}/${path}`, { job_type: 'train' })
  return {
    async resourceSpecs() {
      return parseV1Specs(await read('resource-specs'))
    },
    async aiEngines() {
      return parseV1Engines(await read('ai-engines'))
    }
  }
}

export function serviceListsV2(
  http: Requester,
  endpoint: string,
  projectId: string,
  options: ListOptions = {}
): ServiceListsV2 {
  const root = `${endpoint}/v2/${encodeURIComponent(projectId)}`
  const budget = options.retryBudgetMs ?? LIST_RETRY_BUDGET_MS
  const read = (path: string, query?: Record<string, string>): Promise<Json | undefined> =>
    readList(http, budget, `${root}/${path}`, query)
  return {
    async flavors() {
      return parseV2Flavors(await read('training-job-flavors'))
    },
    async engines() {
      return parseV2Engines(await read('training-job-engines'))
    },
    async quotas() {
      return parseV2Quotas(await read('training-quotas'))
    },
    async nameCheck(name: string, workspaceId?: string): Promise<NameCheck> {
      try {
        const body = await read('training-job-names', { job_name: name, workspace_id: workspaceId ?? '0' })
        const duplicate = recordOf(body).is_duplicate
        if (typeof duplicate !== 'boolean') return 'unavailable'
        return duplicate ? 'taken' : 'free'
      } catch (error) {
        // Newest API, not served in every region: the caller falls back to a search.
        if (error instanceof HuaweiCloudError && (error.status === 404 || error.status === 403)) {
          return 'unavailable'
        }
        throw error
      }
    }
  }
}

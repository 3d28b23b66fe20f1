/** The pre-flight's list reads and the v2 events/metrics reads: paths, queries, loose answers, not-ready codes. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { jest } from '@jest/globals'
import { HuaweiCloudError } from '../../src/huaweicloud/errors.js'
import type { ApiRequest, ApiResponse, Requester } from '../../src/huaweicloud/http.js'
import {
  LIST_RETRY_BUDGET_MS,
  parseV2Flavors,
  parseV2Quotas,
  serviceListsV1,
  serviceListsV2
} from '../../src/modelarts/lists.js'
import { jobInsightV2, parseMetrics } from '../../src/modelarts/v2-insight.js'

type Reply = { status?: number; body?: unknown } | Error

function fake(handler: (req: ApiRequest) => Reply): { http: Requester; seen: ApiRequest[] } {
  const seen: ApiRequest[] = []
  return {
    seen,
    http: {
      async request<T>(req: ApiRequest): Promise<ApiResponse<T>> {
        seen.push(req)
        const reply = handler(req)
        if (reply instanceof Error) throw reply
        return { status: reply.status ?? 200, headers: {}, body: reply.body as T }
      }
    }
  }
}
const serviceError = (status: number, code: string) =>
  new HuaweiCloudError(`HTTP ${status} ${code}`, { kind: 'service', status, code, requestSent: true })
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(process.cwd(), '__fixtures__/service-lists', name), 'utf8'))

const ENDPOINT = 'https://modelarts.example'

describe('v1 lists', () => {
  test('resource specs and engines are read for training, each attempt within the list budget', async () => {
    const { http, seen } = fake(req =>
      req.url.endsWith('resource-specs')
        ? { body: fixture('v1-resource-specs.json') }
        : { body: fixture('v1-ai-engines.json') }
    )
    const lists = serviceListsV1(http, ENDPOINT, 'p 1')
    const [specs, engines] = await Promise.all([lists.resourceSpecs(), lists.aiEngines()])
    expect(seen.every(r => r.signal instanceof AbortSignal && !r.signal.aborted)).toBe(true)
    expect(seen.map(r => [r.method, r.url, r.query, r.idempotent, r.timeoutMs])).toEqual([
      ['GET', `${ENDPOINT}/v1/p%201/job/resource-specs`, { job_type: 'train' }, true, LIST_RETRY_BUDGET_MS],
      ['GET', `${ENDPOINT}/v1/p%201/job/ai-engines`, { job_type: 'train' }, true, LIST_RETRY_BUDGET_MS]
    ])
    expect(specs[0]).toEqual({
      specId: 1,
      specCode: 'modelarts.vm.cpu.2u',
      maxNum: 4,
      core: '2',
      cpu: '8',
      gpuNum: 0,
      gpuType: '',
      noResource: false
    })
    expect(specs.find(s => s.specId === 7)?.noResource).toBe(true)
    expect(engines.map(e => e.engineId)).toEqual([1, 2, 10, 20])
  })
})

test('a list read stops retrying after its budget, with a reason that says so', async () => {
  jest.useFakeTimers()
  try {
    const http: Requester = {
      request: req =>
        new Promise((_, reject) => {
          req.signal?.addEventListener('abort', () => reject(req.signal?.reason))
        })
    }
    const reading = serviceListsV2(http, ENDPOINT, 'p1', { retryBudgetMs: 2000 }).flavors()
    const outcome = expect(reading).rejects.toThrow('not read within 2 s')
    jest.advanceTimersByTime(2000)
    await outcome
  } finally {
    jest.useRealTimers()
  }
})

test('a hanging list read ends within its budget: the attempt on the wire is bounded too', async () => {
  jest.useFakeTimers()
  try {
    const seen: ApiRequest[] = []
    // As the real requester: the signal stops retries only; an attempt ends at its own timeout.
    const http: Requester = {
      request: req => {
        seen.push(req)
        return new Promise((_, reject) => {
          setTimeout(() => reject(new Error(`timed out after ${req.timeoutMs} ms`)), req.timeoutMs)
        })
      }
    }
    let settled = false
    const reading = serviceListsV1(http, ENDPOINT, 'p1', { retryBudgetMs: 3000 }).resourceSpecs()
    reading.catch(() => undefined).finally(() => (settled = true))
    const outcome = expect(reading).rejects.toThrow(/3 s/)
    await jest.advanceTimersByTimeAsync(3000)
    expect(settled).toBe(true)
    await outcome
    expect(seen[0]?.timeoutMs).toBeLessThanOrEqual(3000)
  } finally {
    jest.useRealTimers()
  }
})

describe('v2 lists', () => {
  test('flavors read counts given as strings and leave out what is missing', () => {
    const flavors = parseV2Flavors({
      flavors: [
        {
          flavor_id: 'a',
          flavor_type: 'Ascend',
          flavor_info: { max_num: '4', npu: { unit_num: '8', product_name: 'Ascend-910' } }
        },
        { flavor_name: 'no id' },
        'junk'
      ]
    })
    expect(flavors).toEqual([
      {
        flavorId: 'a',
        flavorName: '',
        flavorType: 'Ascend',
        maxNum: 4,
        npuCount: 8,
        npuProduct: 'Ascend-910'
      }
    ])
    expect(parseV2Flavors(fixture('v2-flavors.json'))[1]).toMatchObject({
      flavorId: 'modelarts.vm.cpu.8u',
      maxNum: 16,
      cpuCores: 8,
      memory: '32 GiB'
    })
  })

  test('quotas need a resource, a quota and a use', () => {
    expect(
      parseV2Quotas({
        quotas: [
          { resource: 'job-num', quota: '50', used: 49 },
          { resource: 'x', quota: 1 }
        ]
      })
    ).toEqual([{ resource: 'job-num', quota: 50, used: 49 }])
  })

  test('the name check asks by name and workspace; 404 and 403 mean not available, 5xx is a failure', async () => {
    const answers: Reply[] = [
      { body: { is_duplicate: true } },
      { body: { is_duplicate: false } },
      serviceError(404, 'APIGW.0101'),
      serviceError(403, 'ModelArts.0206'),
      { body: {} }
    ]
    const { http, seen } = fake(() => answers.shift() ?? serviceError(500, 'ModelArts.2950'))
    const lists = serviceListsV2(http, ENDPOINT, 'p1')
    const results = []
    for (let i = 0; i < 5; i++) results.push(await lists.nameCheck('mnist', i === 0 ? 'ws-1' : undefined))
    expect(results).toEqual(['taken', 'free', 'unavailable', 'unavailable', 'unavailable'])
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: `${ENDPOINT}/v2/p1/training-job-names`,
      query: { job_name: 'mnist', workspace_id: 'ws-1' }
    })
    expect(seen[1]?.query).toEqual({ job_name: 'mnist', workspace_id: '0' })
    await expect(lists.nameCheck('mnist')).rejects.toMatchObject({ status: 500 })
  })

  test('flavors, engines and quotas are GETs on their paths', async () => {
    const { http, seen } = fake(() => ({ body: {} }))
    const lists = serviceListsV2(http, ENDPOINT, 'p1')
    expect(await lists.flavors()).toEqual([])
    expect(await lists.engines()).toEqual([])
    expect(await lists.quotas()).toEqual([])
    expect(seen.map(r => r.url)).toEqual([
      `${ENDPOINT}/v2/p1/training-job-flavors`,
      `${ENDPOINT}/v2/p1/training-job-engines`,
      `${ENDPOINT}/v2/p1/training-quotas`
    ])
  })
})

describe('v2 events and metrics', () => {
  test('events are asked newest first with a bounded limit', async () => {
    const { http, seen } = fake(() => ({
      body: {
        total: '1',
        events: [{ time: 't', level: 'Error', message: 'Training job failed.', source: 'Job' }, 3]
      }
    }))
    const insight = jobInsightV2(http, ENDPOINT, 'p1')
    expect(await insight.events('j/1', 500)).toEqual([
      { time: 't', level: 'Error', message: 'Training job failed.', source: 'Job' }
    ])
    expect(seen[0]).toMatchObject({
      url: `${ENDPOINT}/v2/p1/training-jobs/j%2F1/events`,
      query: { offset: 0, limit: 100, order: 'desc' }
    })
  })

  test('metrics per task; 204 or ModelArts.2777 mean not ready; odd values are missing samples', async () => {
    const answers: Reply[] = [
      { body: { metrics: [{ metric: 'gpuUtil', value: [10, '20', null, -1] }] } },
      { status: 204, body: { error_code: 'ModelArts.2777', error_msg: 'not ready' } },
      { status: 204 },
      serviceError(400, 'ModelArts.2777')
    ]
    const { http, seen } = fake(() => answers.shift() ?? { body: {} })
    const insight = jobInsightV2(http, ENDPOINT, 'p1')
    expect(await insight.metrics('j1', 'worker-0')).toEqual([{ metric: 'gpuUtil', values: [10, 20, -1, -1] }])
    expect(await insight.metrics('j1', 'worker-0')).toBeUndefined()
    expect(await insight.metrics('j1', 'worker-0')).toBeUndefined()
    expect(await insight.metrics('j1', 'worker-0')).toBeUndefined()
    expect(seen[0]?.url).toBe(`${ENDPOINT}/v2/p1/training-jobs/j1/metrics/worker-0`)
    expect(parseMetrics({ metrics: [{ value: [1] }] })).toEqual([])
  })
})

/** The v2 calls: paths, bodies, loose answers and the codes that are not errors, on a recording fake requester. */
import { trainingJobsV2, parseJob, parsePreview } from '../../src/modelarts/v2.js'
import { HuaweiCloudError } from '../../src/huaweicloud/errors.js'
import type { ApiRequest, ApiResponse, Requester } from '../../src/huaweicloud/http.js'

type Reply = { status?: number; body?: unknown } | Error
type Handler = (req: ApiRequest, call: number) => Reply

function fake(handler: Handler): { http: Requester; seen: ApiRequest[] } {
  const seen: ApiRequest[] = []
  return {
    seen,
    http: {
      async request<T>(req: ApiRequest): Promise<ApiResponse<T>> {
        seen.push(req)
        const reply = handler(req, seen.length)
        if (reply instanceof Error) throw reply
        return { status: reply.status ?? 200, headers: {}, body: reply.body as T }
      }
    }
  }
}

const serviceError = (status: number, code: string) =>
  new HuaweiCloudError(`HTTP ${status}: ${code}`, { kind: 'service', status, code, requestSent: true })

const ROOT = 'https://modelarts.example/v2/p1'
const jobObject = (over: Record<string, unknown> = {}) => ({
  kind: 'job',
  metadata: { id: 'u-1', name: 'n', description: 'd', workspace_id: '0', create_time: '1700000000000' },
  status: { phase: 'Creating', secondary_phase: 'Creating', duration: 0, start_time: 0, tasks: ['worker-0'] },
  ...over
})
const api = (http: Requester, sleeps: number[] = []) =>
  trainingJobsV2(http, 'https://modelarts.example', 'p1', { sleep: async ms => void sleeps.push(ms) })

describe('trainingJobsV2', () => {
  test('create posts the body once and reads the job, times given as strings', async () => {
    const { http, seen } = fake(() => ({ status: 201, body: jobObject() }))
    const body = { kind: 'job', metadata: { name: 'n', description: 'd' } }
    const job = await api(http).create(body)
    expect(seen).toEqual([{ method: 'POST', url: `${ROOT}/training-jobs`, body, idempotent: false }])
    expect(job).toMatchObject({
      id: 'u-1',
      name: 'n',
      description: 'd',
      workspaceId: '0',
      phase: 'Creating',
      secondaryPhase: 'Creating',
      createTime: 1_700_000_000_000,
      durationMs: 0,
      tasks: ['worker-0']
    })
    expect(job.startTime).toBeUndefined()
  })

  test('a create answer without metadata.id is a protocol error, not a success', async () => {
    const { http } = fake(() => ({ status: 201, body: { metadata: {} } }))
    await expect(api(http).create({ metadata: { name: 'n' } })).rejects.toMatchObject({ kind: 'protocol' })
  })

  test('get reads the job; 400 ModelArts.2775 means gone; other errors pass through', async () => {
    const { http, seen } = fake((_req, call) =>
      call === 1
        ? { body: jobObject({ status: { phase: 'Running', duration: '5000', start_time: 1700000001000 } }) }
        : call === 2
          ? serviceError(400, 'ModelArts.2775')
          : serviceError(403, 'ModelArts.0210')
    )
    const v2 = api(http)
    expect(await v2.get('u 1')).toMatchObject({
      phase: 'Running',
      durationMs: 5000,
      startTime: 1700000001000
    })
    expect(seen[0]).toEqual({ method: 'GET', url: `${ROOT}/training-jobs/u%201`, idempotent: true })
    expect(await v2.get('u-2')).toBeUndefined()
    await expect(v2.get('u-3')).rejects.toMatchObject({ code: 'ModelArts.0210' })
  })

  test('search sends one narrow like filter and dedupes by id', async () => {
    const items = [
      jobObject({ metadata: { id: 'a', name: 'x-V0001' } }),
      jobObject({ metadata: { id: 'b', name: 'x-V0002' } }),
      jobObject({ metadata: { id: 'a', name: 'x-V0001' } }),
      { metadata: { name: 'no id' } }
    ]
    const { http, seen } = fake(() => ({ body: { total: '4', count: 4, items } }))
    const found = await api(http).search('x-V', 'ws')
    expect(found.map(j => j.id)).toEqual(['a', 'b'])
    expect(seen[0]).toEqual({
      method: 'POST',
      url: `${ROOT}/training-job-searches`,
      body: {
        offset: 0,
        limit: 50,
        sort_by: 'create_time',
        order: 'desc',
        workspace_id: 'ws',
        filters: [{ key: 'name', operator: 'like', value: ['x-V'] }]
      },
      idempotent: true
    })
  })

  test('search without items is empty; workspace defaults to "0"', async () => {
    const { http, seen } = fake(() => ({ body: { total: 0 } }))
    expect(await api(http).search('x')).toEqual([])
    expect((seen[0]?.body as { workspace_id: string }).workspace_id).toBe('0')
  })

  test('terminate posts the action; 2796 means already final; 2878 is retried shortly', async () => {
    const replies: Reply[] = [
      { status: 202, body: jobObject() },
      serviceError(409, 'ModelArts.2796'),
      serviceError(409, 'ModelArts.2878'),
      serviceError(409, 'ModelArts.2878'),
      { status: 202 }
    ]
    const { http, seen } = fake((_req, call) => replies[call - 1] ?? new Error('unexpected'))
    const sleeps: number[] = []
    const v2 = api(http, sleeps)
    expect(await v2.terminate('u-1')).toBe('terminating')
    expect(seen[0]).toEqual({
      method: 'POST',
      url: `${ROOT}/training-jobs/u-1/actions`,
      body: { action_type: 'terminate' },
      idempotent: true
    })
    expect(await v2.terminate('u-1')).toBe('already-final')
    expect(await v2.terminate('u-1')).toBe('terminating')
    expect(sleeps).toEqual([1000, 1000])
  })

  test('terminate gives up after three 2878 answers and passes other errors on', async () => {
    const { http, seen } = fake(() => serviceError(409, 'ModelArts.2878'))
    await expect(api(http).terminate('u-1')).rejects.toMatchObject({ code: 'ModelArts.2878' })
    expect(seen).toHaveLength(3)
    const other = fake(() => serviceError(400, 'ModelArts.2775'))
    await expect(api(other.http).terminate('u-1')).rejects.toMatchObject({ code: 'ModelArts.2775' })
  })

  test('log preview: content or context, sizes as strings; not-ready answers are undefined', async () => {
    const replies: Reply[] = [
      { body: { content: 'a\nb\n', current_size: '4', full_size: 10 } },
      { body: { context: 'old name\n', current_size: 9, full_size: 9 } },
      { status: 204 },
      { status: 204, body: { error_code: 'ModelArts.2776', error_msg: 'not ready' } },
      serviceError(400, 'ModelArts.2818'),
      serviceError(400, 'ModelArts.2819')
    ]
    const { http, seen } = fake((_req, call) => replies[call - 1] ?? new Error('unexpected'))
    const v2 = api(http)
    expect(await v2.logPreview('u-1', 'worker-0')).toEqual({
      content: 'a\nb\n',
      currentSize: 4,
      fullSize: 10
    })
    expect(seen[0]).toEqual({
      method: 'GET',
      url: `${ROOT}/training-jobs/u-1/tasks/worker-0/logs/preview`,
      idempotent: true
    })
    expect(await v2.logPreview('u-1', 'worker-0')).toEqual({
      content: 'old name\n',
      currentSize: 9,
      fullSize: 9
    })
    expect(await v2.logPreview('u-1', 'worker-0')).toBeUndefined()
    expect(await v2.logPreview('u-1', 'worker-0')).toBeUndefined()
    expect(await v2.logPreview('u-1', 'worker-0')).toBeUndefined()
    await expect(v2.logPreview('u-1', 'worker-0')).rejects.toMatchObject({ code: 'ModelArts.2819' })
  })
})

describe('parseJob and parsePreview', () => {
  test('tolerate missing parts and odd types', () => {
    expect(parseJob(undefined, 'fallback')).toMatchObject({
      id: 'fallback',
      name: '',
      description: '',
      workspaceId: '0',
      phase: '',
      tasks: []
    })
    expect(
      parseJob({ metadata: { id: 7 }, status: { tasks: ['worker-0', 3, null], duration: 'x' } })
    ).toMatchObject({ id: '7', tasks: ['worker-0', '3'] })
    expect(parseJob({ status: { duration: 'x' } }).durationMs).toBeUndefined()
    // How many tasks the job will have, before status.tasks names them all.
    expect(parseJob({ spec: { resource: { node_count: 2 } } }).nodeCount).toBe(2)
    expect(parseJob({ spec: { resource: { node_count: '3' } } }).nodeCount).toBe(3)
    expect(parseJob({ spec: { resource: {} } }).nodeCount).toBeUndefined()
    expect(parseJob({ spec: 'x' }).nodeCount).toBeUndefined()
    expect(parsePreview({ content: 5 })).toEqual({ content: '' })
  })
})

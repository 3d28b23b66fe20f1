/** The emulator's v2 training jobs over real HTTP on loopback, every call signed by Huawei's own SDK signer. */
import { setTimeout as sleep } from 'node:timers/promises'
import { startEmulator, type Emulator, type EmulatorOptions, type ScriptV2 } from '../emulator/server.mjs'
import { call, signCall, send, type Reply } from './sdk-client.js'

const JOBS = '/v2/{project_id}/training-jobs'
const SEARCHES = '/v2/{project_id}/training-job-searches'

let emulator: Emulator
async function restart(options: EmulatorOptions = {}): Promise<void> {
  await emulator?.close()
  emulator = await startEmulator(options)
}
beforeEach(() => restart())
afterEach(() => emulator.close())

const jobBody = (name = 'mnist', over: Record<string, unknown> = {}) => ({
  kind: 'job',
  metadata: { name, description: 'run' },
  algorithm: { id: '3f5d6706-7b67-408d-8ba0-ec08048c45ed', parameters: [{ name: 'lr', value: '0.1' }] },
  spec: { resource: { flavor_id: 'modelarts.vm.cpu.8u', node_count: 1 } },
  ...over
})

/** The parts of a v2 job object the tests read. */
interface JobObject {
  metadata: { id: string; name: string; description: string; workspace_id: string; create_time: number }
  status: { phase: string; duration: number; start_time: number; tasks: string[]; task_statuses?: unknown[] }
  spec: { resource: Record<string, unknown> }
}
interface PreviewBody {
  content: string
  current_size: number
  full_size: number
}
const create = (body: object = jobBody()) => call(emulator, 'POST', JOBS, { data: body })
const get = (id: string) => call(emulator, 'GET', `${JOBS}/${id}`)
const searchNames = async (like: string, extra: Record<string, unknown> = {}) =>
  (
    (
      await call(emulator, 'POST', SEARCHES, {
        data: { limit: 50, filters: [{ key: 'name', operator: 'like', value: [like] }], ...extra }
      })
    ).json?.items as JobObject[]
  ).map(item => item.metadata.name as string)
const preview = (id: string, task = 'worker-0') =>
  call(emulator, 'GET', `${JOBS}/${id}/tasks/${task}/logs/preview`)
const terminate = (id: string, action = 'terminate') =>
  call(emulator, 'POST', `${JOBS}/${id}/actions`, { data: { action_type: action } })

async function created(body: object = jobBody()): Promise<JobObject> {
  const reply = await create(body)
  expect(reply.status).toBe(201)
  return reply.json as unknown as JobObject
}

function expectV2Error(reply: Reply, status: number, code: string) {
  expect(reply.status).toBe(status)
  expect(reply.json).toMatchObject({ error_code: code, error_msg: expect.any(String) })
  expect(reply.json).not.toHaveProperty('is_success')
}

async function eventually<T>(check: () => Promise<T | undefined>, attempts = 300): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await check()
    if (value !== undefined) return value
    await sleep(10)
  }
  throw new Error('condition never became true')
}
const phaseIs = (id: string, phase: string) =>
  eventually(
    async () => ((await get(id)).json as JobObject | undefined)?.status?.phase === phase || undefined
  )

describe('v2 create', () => {
  it('answers 201 with the job object: a UUID, Creating, one task per node', async () => {
    const job = await created(jobBody('mnist', { spec: { resource: { flavor_id: 'f', node_count: 2 } } }))
    expect(job.metadata).toMatchObject({ name: 'mnist', description: 'run', workspace_id: '0' })
    expect(job.metadata.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(typeof job.metadata.create_time).toBe('number')
    expect(job.status).toMatchObject({
      phase: 'Creating',
      duration: 0,
      start_time: 0,
      tasks: ['worker-0', 'worker-1']
    })
    expect(job.spec.resource).toMatchObject({ flavor_id: 'f', node_count: 2, policy: 'regular' })
    expect(emulator.jobsV2[0]?.body).toEqual(
      jobBody('mnist', { spec: { resource: { flavor_id: 'f', node_count: 2 } } })
    )
    expect(emulator.requests[0]).toMatchObject({ auth: 'aksk', signatureValid: true })
  })

  it('answers 400 ModelArts.2751 on a taken name, per workspace', async () => {
    await created()
    expectV2Error(await create(), 400, 'ModelArts.2751')
    const other = await create(jobBody('mnist', { metadata: { name: 'mnist', workspace_id: 'ws1' } }))
    expect(other.status).toBe(201)
    expect(emulator.jobsV2).toHaveLength(2)
  })

  it.each([
    ['a bad name', jobBody('bad name!'), 'ModelArts.2788'],
    ['no node_count', jobBody('x', { spec: { resource: { flavor_id: 'f' } } }), 'ModelArts.2788'],
    [
      'a description over 256',
      jobBody('x', { metadata: { name: 'x', description: 'd'.repeat(257) } }),
      'ModelArts.2788'
    ]
  ])('refuses %s with 400', async (_what, body, code) => {
    expectV2Error(await create(body), 400, code)
    expect(emulator.jobsV2).toHaveLength(0)
  })

  it('refuses a request whose signature does not match', async () => {
    const signed = await signCall(emulator, 'POST', JOBS, { data: jobBody() })
    const reply = await send({ ...signed, body: JSON.stringify(jobBody('other')) })
    expect(reply.status).toBe(401)
    expect(reply.json?.error_code).toBe('APIGW.0301')
    expect(emulator.jobsV2).toHaveLength(0)
  })

  it('refuses another project', async () => {
    const reply = await call(emulator, 'GET', '/v2/ffffffffffffffffffffffffffffffff/training-jobs/x', {
      projectId: 'ffffffffffffffffffffffffffffffff'
    })
    expect(reply.status).toBe(403)
  })
})

describe('v2 get and search', () => {
  it('answers 400 ModelArts.2775 for an unknown id', async () => {
    expectV2Error(await get('00000000-0000-0000-0000-000000000000'), 400, 'ModelArts.2775')
  })

  it('searches names by substring, newest first, within the workspace', async () => {
    for (const name of ['nightly-V0001', 'nightly-V0002', 'x-nightly-V0009', 'weekly'])
      await created(jobBody(name))
    await created(jobBody('nightly-V0003', { metadata: { name: 'nightly-V0003', workspace_id: 'ws1' } }))
    expect(await searchNames('nightly-V')).toEqual(['x-nightly-V0009', 'nightly-V0002', 'nightly-V0001'])
    expect(await searchNames('nightly-V', { workspace_id: 'ws1' })).toEqual(['nightly-V0003'])
    expect(await searchNames('monthly')).toEqual([])
  })

  it('pages with limit and offset (records), and reports the total', async () => {
    for (let i = 1; i <= 3; i++) await created(jobBody(`job-${i}`))
    const reply = await call(emulator, 'POST', SEARCHES, {
      data: {
        limit: 2,
        offset: 1,
        order: 'asc',
        filters: [{ key: 'name', operator: 'like', value: ['job-'] }]
      }
    })
    expect(reply.json).toMatchObject({ total: 3, count: 2, limit: 2, offset: 1 })
    expect((reply.json?.items as JobObject[]).map(i => i.metadata.name)).toEqual(['job-2', 'job-3'])
  })

  it('refuses a limit over 50 and unknown filter keys', async () => {
    expectV2Error(await call(emulator, 'POST', SEARCHES, { data: { limit: 51 } }), 400, 'ModelArts.2788')
    expectV2Error(
      await call(emulator, 'POST', SEARCHES, {
        data: { filters: [{ key: 'colour', operator: 'like', value: ['x'] }] }
      }),
      400,
      'ModelArts.2788'
    )
  })
})

describe('v2 phases on a script', () => {
  it('walks the default phases to Completed with a duration', async () => {
    const job = await created()
    await phaseIs(job.metadata.id, 'Completed')
    const done = (await get(job.metadata.id)).json as unknown as JobObject
    expect(done.status.duration).toBeGreaterThanOrEqual(500)
    expect(done.status.start_time).toBeGreaterThan(0)
    expect(done.status.task_statuses).toEqual([{ task: 'worker-0', exit_code: 0, message: '' }])
  })

  it('picks a script by exact name, else by series base', async () => {
    const script: ScriptV2 = {
      phases: [{ phase: 'Running', forMs: 20 }, { phase: 'Abnormal', forMs: 40 }, { phase: 'Failed' }]
    }
    emulator.setScriptV2('nightly', script)
    const member = await created(jobBody('nightly-V0002'))
    const other = await created(jobBody('nightly-x'))
    expect(emulator.jobsV2[0]?.script).toEqual(script)
    expect(emulator.jobsV2[1]?.script.phases.at(-1)?.phase).toBe('Completed')
    await phaseIs(member.metadata.id, 'Abnormal')
    await phaseIs(member.metadata.id, 'Failed')
    expect(emulator.phaseOf(other.metadata.id)).toBeDefined()
  })

  it('refuses a script without phases', () => {
    expect(() => emulator.setScriptV2('x', { phases: [] })).toThrow(/at least one phase/)
    expect(() =>
      emulator.setScriptV2('x', { phases: [{ phase: 'Running' }, { phase: 'Completed' }] })
    ).toThrow(/forMs/)
  })
})

describe('v2 terminate', () => {
  it('answers 202 Terminating, then the job is Terminated', async () => {
    emulator.setScriptV2('*', { phases: [{ phase: 'Running' }] })
    const job = await created()
    const reply = await terminate(job.metadata.id)
    expect(reply.status).toBe(202)
    expect((reply.json as unknown as JobObject).status.phase).toBe('Terminating')
    await phaseIs(job.metadata.id, 'Terminated')
    expect(emulator.terminations).toEqual([{ id: job.metadata.id, at: expect.any(Number), changed: true }])
  })

  it('answers 409 ModelArts.2796 when the job is final, 2775 when unknown, 2812 for another action', async () => {
    emulator.setScriptV2('*', { phases: [{ phase: 'Completed' }] })
    const job = await created()
    expectV2Error(await terminate(job.metadata.id), 409, 'ModelArts.2796')
    expect(emulator.terminations[0]?.changed).toBe(false)
    expectV2Error(await terminate('nope'), 400, 'ModelArts.2775')
    expectV2Error(await terminate(job.metadata.id, 'pause'), 400, 'ModelArts.2812')
  })

  it('a deleted job is gone', async () => {
    const job = await created()
    expect((await call(emulator, 'DELETE', `${JOBS}/${job.metadata.id}`)).status).toBe(202)
    expectV2Error(await get(job.metadata.id), 400, 'ModelArts.2775')
    expect(await searchNames('mnist')).toEqual([])
  })
})

describe('v2 log preview', () => {
  it('is 204 before the job runs, then grows per task', async () => {
    emulator.setScriptV2('*', {
      phases: [{ phase: 'Pending', forMs: 80 }, { phase: 'Running' }],
      tickMs: 10,
      logLinesPerTick: 1
    })
    const job = await created(jobBody('two', { spec: { resource: { flavor_id: 'f', node_count: 2 } } }))
    const id = job.metadata.id as string
    const early = await preview(id)
    expect(early.status).toBe(204)
    expect(early.text).toBe('')
    const first = await eventually(async () => {
      const r = await preview(id, 'worker-1')
      return r.status === 200 && String(r.json?.content).length > 0
        ? (r.json as unknown as PreviewBody)
        : undefined
    })
    await sleep(60)
    const later = (await preview(id, 'worker-1')).json as unknown as PreviewBody
    expect(later.full_size).toBeGreaterThan(first.full_size)
    expect(later.content.startsWith(first.content)).toBe(true)
    // Each task its own text, without a task prefix (the action adds its own): worker-1's losses are 0.01 higher.
    expect(later.content.split('\n')[0]).toBe('step 1 loss=2.5100')
    expect(later.current_size).toBe(Buffer.byteLength(later.content))
    expect(emulator.logOfV2(id, 'worker-0')[0]).toBe('step 1 loss=2.5000')
  })

  it('shows only the newest bytes when the log outgrows the cap, with the full size', async () => {
    await restart({ previewCapBytes: 64 })
    emulator.setScriptV2('*', { phases: [{ phase: 'Running' }], tickMs: 5, logLinesPerTick: 5 })
    const job = await created()
    const body = await eventually(async () => {
      const r = (await preview(job.metadata.id)).json as PreviewBody | undefined
      return r && r.full_size > 200 ? r : undefined
    })
    expect(body.current_size).toBe(64)
    expect(Buffer.byteLength(body.content)).toBe(64)
  })

  it('ends in a partial line while running when the script says so', async () => {
    emulator.setScriptV2('*', { phases: [{ phase: 'Running' }], tickMs: 10, partialTail: true })
    const job = await created()
    const content = await eventually(async () => {
      const c = (await preview(job.metadata.id)).json?.content as string | undefined
      return c && c.includes('\n') ? c : undefined
    })
    expect(content.endsWith('\n')).toBe(false)
  })

  it('answers 400 ModelArts.2818 for a job that ended without running, 2788 for an unknown task', async () => {
    emulator.setScriptV2('*', { phases: [{ phase: 'Failed' }] })
    const job = await created()
    expectV2Error(await preview(job.metadata.id), 400, 'ModelArts.2818')
    expectV2Error(await preview(job.metadata.id, 'worker-7'), 400, 'ModelArts.2788')
  })
})

describe('v2 fault hooks', () => {
  it('a reset after commit leaves the job made and the client without an answer', async () => {
    emulator.inject({ method: 'POST', path: /\/training-jobs$/, kind: 'reset', commit: true })
    await expect(create()).rejects.toThrow()
    expect(emulator.jobsV2).toHaveLength(1)
    expect(await searchNames('mnist')).toEqual(['mnist'])
  })

  it('a 5xx before commit makes nothing', async () => {
    emulator.inject({ method: 'POST', path: /\/training-jobs$/, kind: 'status', status: 502 })
    expect((await create()).status).toBe(502)
    expect(emulator.jobsV2).toHaveLength(0)
  })

  it('answers an injected service code in the v2 envelope', async () => {
    const job = await created()
    emulator.inject({ path: /\/actions$/, kind: 'status', status: 409, code: 'ModelArts.2878' })
    expectV2Error(await terminate(job.metadata.id), 409, 'ModelArts.2878')
    expect((await terminate(job.metadata.id)).status).toBe(202)
  })
})

/**
 * The emulator's lists, events and metrics over real HTTP on loopback (calls signed by Huawei's own SDK signer),
 * and the action's own pre-flight, post-mortem and metrics reads against them. The emulator's clock is moved by
 * hand: no sleeps.
 */
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/server.mjs'
import { call } from './sdk-client.js'
import { accessKeyAuthorizer } from '../../src/huaweicloud/credentials.js'
import { createHttpClient, type HuaweiCloudHttp } from '../../src/huaweicloud/http.js'
import { buildJobDefinition } from '../../src/job/index.js'
import { serviceListsV1, serviceListsV2 } from '../../src/modelarts/lists.js'
import { runPreflight, type PreflightMode } from '../../src/modelarts/preflight.js'
import { postMortemV2 } from '../../src/modelarts/postmortem.js'
import { readMetricsV2, summarizeMetrics, metricsFromV1Detail } from '../../src/modelarts/metrics.js'
import { jobInsightV2 } from '../../src/modelarts/v2-insight.js'
import { trainingJobsV2 } from '../../src/modelarts/v2.js'
import { v2Status } from '../../src/modelarts/v2-status.js'

const JOBS = '/v2/{project_id}/training-jobs'
let emulator: Emulator
let clock = Date.now()
let http: HuaweiCloudHttp

async function restart(options: EmulatorOptions = {}): Promise<void> {
  http?.dispose()
  await emulator?.close()
  clock = Date.now()
  emulator = await startEmulator({ now: () => clock, ...options })
  http = createHttpClient({
    authorizer: accessKeyAuthorizer({
      accessKey: emulator.accessKey,
      secretKey: emulator.secretKey,
      projectId: emulator.projectId
    }),
    userAgent: 'test',
    retry: { baseDelayMs: 1, maxDelayMs: 5 }
  })
}
beforeEach(() => restart())
afterEach(async () => {
  http.dispose()
  await emulator.close()
})

const v2Body = (name: string, resource: Record<string, unknown> = {}) => ({
  kind: 'job',
  metadata: { name, description: 'd' },
  algorithm: { id: 'a1' },
  spec: { resource: { flavor_id: 'modelarts.p3.large.public', node_count: 2, ...resource } }
})
async function createV2(name: string, resource: Record<string, unknown> = {}): Promise<string> {
  const reply = await call(emulator, 'POST', JOBS, { data: v2Body(name, resource) })
  expect(reply.status).toBe(201)
  return String((reply.json?.metadata as { id: string }).id)
}

describe('lists', () => {
  test('v1 resource specs and engines, v2 flavors and engines, as the references shape them', async () => {
    const specs = await call(emulator, 'GET', '/v1/{project_id}/job/resource-specs', {
      query: { job_type: 'train' }
    })
    expect(specs.status).toBe(200)
    expect(specs.json).toMatchObject({
      is_success: true,
      specs: expect.arrayContaining([expect.objectContaining({ spec_id: 1, max_num: 4 })])
    })
    const engines = await call(emulator, 'GET', '/v1/{project_id}/job/ai-engines', {
      query: { job_type: 'train' }
    })
    expect(engines.json?.engines).toEqual(expect.arrayContaining([expect.objectContaining({ engine_id: 1 })]))
    const flavors = await call(emulator, 'GET', '/v2/{project_id}/training-job-flavors')
    expect((flavors.json?.flavors as unknown[]).length).toBe(Number(flavors.json?.total_count))
    const v2Engines = await call(emulator, 'GET', '/v2/{project_id}/training-job-engines')
    expect(v2Engines.json?.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ engine_name: 'PyTorch' })])
    )
  })

  test('the quota counts live v2 jobs; the name check sees them by workspace', async () => {
    await restart({ jobQuota: 3 })
    await createV2('taken')
    const quotas = await call(emulator, 'GET', '/v2/{project_id}/training-quotas')
    expect(quotas.json).toEqual({ quotas: [{ resource: 'job-num', quota: 3, used: 1 }] })
    const check = (name: string, workspace = '0') =>
      call(emulator, 'GET', '/v2/{project_id}/training-job-names', {
        query: { job_name: name, workspace_id: workspace }
      })
    expect((await check('taken')).json).toEqual({ is_duplicate: true })
    expect((await check('taken', 'ws-2')).json).toEqual({ is_duplicate: false })
    expect((await check('free')).json).toEqual({ is_duplicate: false })
    emulator.setNameCheck(404)
    expect((await check('taken')).status).toBe(404)
    emulator.setNameCheck(403)
    expect((await check('taken')).json).toMatchObject({ error_code: 'ModelArts.0206' })
  })

  test('a list made to fail answers the injected status', async () => {
    emulator.inject({
      path: /training-job-flavors$/,
      kind: 'status',
      status: 403,
      code: 'ModelArts.0206',
      times: 2
    })
    expect((await call(emulator, 'GET', '/v2/{project_id}/training-job-flavors')).status).toBe(403)
  })
})

describe('a failed v2 job explains itself', () => {
  beforeEach(() =>
    emulator.setScriptV2('broken', {
      phases: [{ phase: 'Pending', forMs: 1000 }, { phase: 'Running', forMs: 5000 }, { phase: 'Failed' }],
      tickMs: 1000,
      failure: {
        task: 'worker-1',
        exitCode: 137,
        message: 'OOMKilled',
        events: ['Back-off restarting failed container']
      }
    })
  )

  test('task_statuses, running_records, Error events newest first, metrics per task', async () => {
    const id = await createV2('broken')
    const metrics = (task: string) => call(emulator, 'GET', `${JOBS}/${id}/metrics/${task}`)
    expect((await metrics('worker-0')).status).toBe(204)
    clock += 7000
    const job = (await call(emulator, 'GET', `${JOBS}/${id}`)).json as { status: Record<string, unknown> }
    expect(job.status.phase).toBe('Failed')
    expect(job.status.task_statuses).toEqual([
      { task: 'worker-0', exit_code: 0, message: '' },
      { task: 'worker-1', exit_code: 137, message: 'OOMKilled' }
    ])
    expect(job.status.running_records).toEqual([
      expect.objectContaining({ end_reason: 'exit with 137', end_related_task: 'worker-1' })
    ])
    const events = await call(emulator, 'GET', `${JOBS}/${id}/events`, {
      query: { limit: '3', order: 'desc' }
    })
    expect(
      (events.json?.events as { level: string; message: string }[]).map(e => [e.level, e.message])
    ).toEqual([
      ['Error', 'Training job failed.'],
      ['Error', 'Back-off restarting failed container'],
      ['Error', '[worker-1] Training finished. Exit code 137.']
    ])
    const errors = await call(emulator, 'GET', `${JOBS}/${id}/events`, { query: { level: 'Info' } })
    expect((errors.json?.events as { level: string }[]).every(e => e.level === 'Info')).toBe(true)
    const read = await metrics('worker-1')
    const series = read.json?.metrics as { metric: string; value: number[] }[]
    expect(series.map(s => s.metric)).toEqual(['cpuUsage', 'memUsage', 'gpuUtil', 'gpuMemUsage'])
    expect(series[0]?.value).toHaveLength(5)
    expect(series[0]?.value[0]).toBe(-1)
  })

  test("the action's post-mortem and metrics reads over the real client", async () => {
    const id = await createV2('broken')
    clock += 7000
    const api = trainingJobsV2(http, emulator.url, emulator.projectId)
    const insight = jobInsightV2(http, emulator.url, emulator.projectId)
    const job = await api.get(id)
    if (!job) throw new Error('job not found')
    const reader = { events: insight.events, logPreview: api.logPreview }
    const p = await postMortemV2(reader, job, { outcome: 'terminal', status: v2Status(job.phase) })
    expect(p.reason).toBe(
      'Training job failed (the run failed); worker-1 exit code 137: OOMKilled; exit with 137'
    )
    expect(p.events[0]?.message).toBe('Training job failed.')
    expect(p.logTails.map(t => t.task)).toEqual(['worker-0', 'worker-1'])
    expect(p.logTails[1]?.lines.at(-1)).toBe(emulator.logOfV2(id, 'worker-1').at(-1))
    expect(p.unread).toEqual([])
    const metrics = summarizeMetrics((await readMetricsV2(insight, id, job.tasks)).series)
    expect(metrics.find(m => m.metric === 'gpuUtil')).toMatchObject({ samples: 8 })
  })
})

test('v1 version detail carries system_metric_list once the version ran', async () => {
  emulator.setScript('*', { statuses: [{ status: 8, forMs: 500 }, { status: 10 }], tickMs: 100 })
  const created = await call(emulator, 'POST', '/v1/{project_id}/training-jobs', {
    data: {
      job_name: 'm',
      config: {
        worker_server_num: 1,
        app_url: '/b/c/',
        boot_file_url: '/b/c/t.py',
        data_url: '/b/d/',
        spec_id: 2
      }
    }
  })
  clock += 1000
  const detail = await call(
    emulator,
    'GET',
    `/v1/{project_id}/training-jobs/${String(created.json?.job_id)}/versions/${String(created.json?.version_id)}`
  )
  const series = metricsFromV1Detail(detail.json ?? {})
  expect(series.map(s => [s.metric, s.values.length])).toEqual([
    ['cpuUsage', 5],
    ['memUsage', 5],
    ['gpuUtil', 5]
  ])
})

describe("the action's pre-flight against the emulator", () => {
  const v2File = (flavor: string, nodes: number) =>
    `kind: job\nmetadata:\n  name: nightly\nalgorithm:\n  id: a1\nspec:\n  resource:\n    flavor_id: ${flavor}\n    node_count: ${nodes}\n`
  async function preflight(text: string, mode: PreflightMode = 'create') {
    const built = buildJobDefinition({ file: 'job.yaml', text }, {})
    if (built.api !== 'v2' || !built.definition || !built.locate) throw new Error('invalid fixture')
    const api = trainingJobsV2(http, emulator.url, emulator.projectId)
    return runPreflight({
      api: 'v2',
      definition: built.definition,
      locate: built.locate,
      lists: serviceListsV2(http, emulator.url, emulator.projectId),
      search: (name, workspace) => api.search(name, workspace),
      name: 'nightly',
      mode
    })
  }

  test('a wrong flavor at its line; a taken name through the search when the name check is not served', async () => {
    const wrong = await preflight(v2File('modelarts.vm.cpu.8', 1))
    expect(wrong.diagnostics).toEqual([expect.objectContaining({ rule: 'Flavor', line: 8 })])
    await createV2('nightly')
    emulator.setNameCheck(404)
    const taken = await preflight(v2File('modelarts.vm.cpu.8u', 2))
    expect(taken).toMatchObject({ rounds: 2, reads: 4 })
    expect(taken.diagnostics.map(d => d.rule)).toEqual(['Job name'])
    const checked = emulator.requests.filter(
      r => r.path.endsWith('training-job-names') || r.path.endsWith('searches')
    )
    expect(checked.map(r => r.status)).toEqual([200, 404, 200])
  })

  test('a list answering 403 gives one warning and no problem', async () => {
    // A permission refused (0108), not the credentials (0206): that one is the answer and is thrown.
    emulator.inject({
      path: /training-job-flavors$/,
      kind: 'status',
      status: 403,
      code: 'ModelArts.0108',
      times: 5
    })
    const result = await preflight(v2File('modelarts.nope', 1), 'validate')
    expect(result.diagnostics).toEqual([])
    expect(result.warning).toMatch(/^Pre-flight could not read training-job-flavors \(.*403/)
  })

  test('v1: a spec over its node maximum', async () => {
    const built = buildJobDefinition(
      {
        file: 'v1.yaml',
        text: 'job_name: m\nconfig:\n  worker_server_num: 9\n  app_url: /b/c/\n  boot_file_url: /b/c/t.py\n  data_url: /b/d/\n  spec_id: 2\n  engine_id: 1\n'
      },
      {}
    )
    if (built.api !== 'v1' || !built.definition || !built.locate) throw new Error('invalid fixture')
    const result = await runPreflight({
      api: 'v1',
      definition: built.definition,
      locate: built.locate,
      lists: serviceListsV1(http, emulator.url, emulator.projectId),
      mode: 'create'
    })
    expect(result.diagnostics).toEqual([expect.objectContaining({ rule: 'Node count', line: 3 })])
  })
})

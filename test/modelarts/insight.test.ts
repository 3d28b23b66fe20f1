/** The step-facing entry points: the pre-flight of a build result, and a finished job explained. */
import type { ApiRequest, ApiResponse, Requester } from '../../src/huaweicloud/http.js'
import { buildJobDefinition } from '../../src/job/index.js'
import {
  explainJobV1,
  explainJobV2,
  explainRun,
  preflightChecker,
  preflightJob
} from '../../src/modelarts/insight.js'
import { jobStatus } from '../../src/modelarts/v1-status.js'
import { v2Status } from '../../src/modelarts/v2-status.js'
import { parseJob } from '../../src/modelarts/v2.js'
import { insightMarkdown, preflightFailureLine } from '../../src/report/insight.js'

/** Answers by path suffix; records every request. */
function fake(answers: Record<string, unknown>): { http: Requester; paths: string[] } {
  const paths: string[] = []
  return {
    paths,
    http: {
      async request<T>(req: ApiRequest): Promise<ApiResponse<T>> {
        const path = new URL(req.url).pathname
        paths.push(`${req.method} ${path}`)
        const key = Object.keys(answers).find(suffix => path.endsWith(suffix))
        return { status: 200, headers: {}, body: (key ? answers[key] : {}) as T }
      }
    }
  }
}

const V2 = `kind: job
metadata:
  name: nightly
algorithm:
  id: a1
spec:
  resource:
    flavor_id: modelarts.vm.cpu.9u
    node_count: 1
`

describe('preflightJob', () => {
  test('v2 with if_exists fail checks the name; new_version does not', async () => {
    const build = buildJobDefinition({ file: 'j.yaml', text: V2 }, {})
    const { http, paths } = fake({
      'training-job-flavors': { flavors: [{ flavor_id: 'modelarts.vm.cpu.8u' }] },
      'training-job-names': { is_duplicate: true },
      'training-quotas': { quotas: [] }
    })
    const target = { http, endpoint: 'https://m.example', projectId: 'p' }
    const failing = await preflightJob(target, build, { mode: 'create', ifExists: 'fail' })
    expect(failing.diagnostics.map(d => d.rule)).toEqual(['Flavor', 'Job name'])
    expect(preflightFailureLine(failing.diagnostics)).toBe(
      "The pre-flight found 2 problems against the service's lists (annotated above); no job was created."
    )
    paths.length = 0
    const series = await preflightJob(target, build, { mode: 'create', ifExists: 'new_version' })
    expect(series.diagnostics.map(d => d.rule)).toEqual(['Flavor'])
    expect(preflightFailureLine(series.diagnostics)).toMatch(
      /^j\.yaml:8:16: flavor_id "modelarts\.vm\.cpu\.9u" is not a public training flavor here; the nearest are modelarts\.vm\.cpu\.8u \(a dedicated pool's flavor needs pool_id\)\. No job was created\.$/
    )
    expect(paths.some(p => p.includes('training-job-names'))).toBe(false)
  })

  test('an invalid build sends nothing', async () => {
    const { http, paths } = fake({})
    const build = buildJobDefinition({ file: 'j.yaml', text: 'kind: job\n' }, {})
    expect(
      await preflightJob({ http, endpoint: 'https://m', projectId: 'p' }, build, { mode: 'validate' })
    ).toEqual({
      diagnostics: [],
      reads: 0,
      rounds: 0
    })
    expect(paths).toEqual([])
  })
})

describe('explainJob', () => {
  test('v2: a failed job gets its reason, log tails and metrics, all in one summary', async () => {
    const { http } = fake({
      events: { events: [{ time: 't', level: 'Error', message: 'Training job failed.', source: 'Job' }] },
      preview: { content: 'a\nb\nTraceback: boom\n' },
      'metrics/worker-0': { metrics: [{ metric: 'gpuUtil', value: [-1, 2, 4] }] }
    })
    const job = parseJob({
      metadata: { id: 'j1' },
      status: { phase: 'Failed', tasks: ['worker-0'], task_statuses: [{ task: 'worker-0', exit_code: 1 }] }
    })
    const insight = await explainJobV2({ http, endpoint: 'https://m', projectId: 'p' }, job, {
      outcome: 'terminal',
      status: v2Status('Failed')
    })
    expect(insight.failureReason).toBe('Training job failed (the run failed); worker-0 exit code 1')
    // The failure line says the status itself: the service's words alone.
    expect(insight.why).toBe('worker-0 exit code 1')
    expect(insight.metricsJson).toBe('{"gpuUtil":{"avg":3,"max":4,"samples":2}}')
    const md = insightMarkdown(insight)
    expect(md.indexOf('### Why the job did not complete')).toBeLessThan(md.indexOf('### Metrics'))
    expect(md).toContain('Traceback: boom')
  })

  test('v1: a completed version has no reason, and its metrics from the detail', async () => {
    const api = {
      logFileNames: async () => ['job.0'],
      logLines: async () => ({ lines: ['x'], cursor: undefined })
    }
    const detail = {
      jobId: '1',
      jobName: 'm',
      versionId: '2',
      versionName: 'V0001',
      statusCode: 10,
      raw: { system_metric_list: { cpuUsage: [10, -1, 30] } }
    }
    const insight = await explainJobV1(api, detail, { outcome: 'terminal', status: jobStatus(10) })
    expect(insight.failureReason).toBe('')
    expect(insight.metricsJson).toBe('{"cpuUsage":{"avg":20,"max":30,"samples":2}}')
    expect(insightMarkdown(insight)).toMatch(/^### Metrics/)
  })
})

const V1 = (spec: number): string => `job_name: m
config:
  worker_server_num: 1
  app_url: /b/c/
  boot_file_url: /b/c/t.py
  data_url: /b/d/
  spec_id: ${spec}
`

describe('preflightChecker', () => {
  test('several definitions read each list once; a failed read stays one warning', async () => {
    const { http, paths } = fake({
      'resource-specs': { specs: [{ spec_id: 1, spec_code: 'c', max_num: 2 }] }
    })
    const check = preflightChecker({ http, endpoint: 'https://m', projectId: 'p' })
    const results = []
    for (const spec of [1, 2, 3]) {
      results.push(
        await check(buildJobDefinition({ file: `j${spec}.yaml`, text: V1(spec) }, {}), { mode: 'validate' })
      )
    }
    expect(results.map(r => r.diagnostics.map(d => d.file))).toEqual([[], ['j2.yaml'], ['j3.yaml']])
    expect(paths).toEqual(['GET /v1/p/job/resource-specs'])

    let calls = 0
    const failing: Requester = {
      async request<T>(): Promise<ApiResponse<T>> {
        calls++
        throw new Error('socket hang up')
      }
    }
    const checkFailing = preflightChecker({ http: failing, endpoint: 'https://m', projectId: 'p' })
    const build = buildJobDefinition({ file: 'j.yaml', text: V1(2) }, {})
    const first = await checkFailing(build, { mode: 'validate' })
    const second = await checkFailing(build, { mode: 'validate' })
    expect(first.warning).toMatch(/resource-specs \(socket hang up\)/)
    expect(second.warning).toBe(first.warning)
    expect(calls).toBe(1)
  })
})

describe('explainRun', () => {
  const target = (answers: Record<string, unknown>) => {
    const { http, paths } = fake(answers)
    return { target: { http, endpoint: 'https://m', projectId: 'p' }, paths }
  }

  test('v1 reads the version once more and explains it; v2 reads the job', async () => {
    const v1 = target({
      'versions/2': { job_id: 1, version_id: 2, status: 11, system_metric_list: { cpuUsage: [5, 7] } },
      'log/file-names': { log_file_list: [] }
    })
    const failed = await explainRun(
      v1.target,
      'v1',
      { jobId: '1', versionId: '2' },
      {
        outcome: 'terminal',
        status: jobStatus(11)
      }
    )
    expect(failed.failureReason).toMatch(/^Training job failed/)
    expect(failed.metricsJson).toBe('{"cpuUsage":{"avg":6,"max":7,"samples":2}}')
    expect(v1.paths[0]).toBe('GET /v1/p/training-jobs/1/versions/2')

    const v2 = target({
      'training-jobs/j1': { metadata: { id: 'j1' }, status: { phase: 'Completed', tasks: [] } }
    })
    const completed = await explainRun(
      v2.target,
      'v2',
      { jobId: 'j1' },
      {
        outcome: 'terminal',
        status: v2Status('Completed')
      }
    )
    expect(completed.failureReason).toBe('')
    expect(v2.paths).toEqual(['GET /v2/p/training-jobs/j1'])
  })

  test('never throws: a failed read, or no reads at all, explain from the outcome alone', async () => {
    const broken: Requester = {
      request: () => Promise.reject(new Error('connection reset'))
    }
    const end = { outcome: 'timeout', status: jobStatus(8), limit: '2h', stopped: true } as const
    const insight = await explainRun(
      { http: broken, endpoint: 'https://m', projectId: 'p' },
      'v1',
      { jobId: '1', versionId: '2' },
      end
    )
    expect(insight.failureReason).toBe('Stopped at the timeout (2h), while running')
    expect(insight.postMortem.unread).toEqual(['job detail'])
    expect(insight.metricsJson).toBe('{}')

    const { target: quiet, paths } = target({})
    const cancelled = await explainRun(
      quiet,
      'v2',
      { jobId: 'j1' },
      { outcome: 'cancelled', status: undefined, stopped: true },
      { reads: false }
    )
    expect(cancelled.failureReason).toBe('Stopped because the workflow was cancelled')
    expect(cancelled.postMortem.unread).toEqual([])
    expect(paths).toEqual([])
  })
})

/** The step-facing entry points: the pre-flight of a build result, and a finished job explained. */
import type { ApiRequest, ApiResponse, Requester } from '../../src/huaweicloud/http.js'
import { buildJobDefinition } from '../../src/job/index.js'
import { explainJobV1, explainJobV2, preflightJob } from '../../src/modelarts/insight.js'
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

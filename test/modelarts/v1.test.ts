/** The v1 calls: paths, query, bodies, paging, and the service's loose types, on a recording fake requester. */
import { trainingJobsV1 } from '../../src/modelarts/v1.js'
import type { ApiRequest, ApiResponse, Requester } from '../../src/huaweicloud/http.js'
import type { JobDefinition } from '../../src/job/index.js'

type Handler = (req: ApiRequest) => { status?: number; body?: unknown }

function fake(handler: Handler): { http: Requester; seen: ApiRequest[] } {
  const seen: ApiRequest[] = []
  return {
    seen,
    http: {
      async request<T>(req: ApiRequest): Promise<ApiResponse<T>> {
        seen.push(req)
        const { status = 200, body } = handler(req)
        return { status, headers: {}, body: body as T }
      }
    }
  }
}

const BASE = 'https://modelarts.example/v1/p1/training-jobs'
const definition = {
  job_name: 'nightly',
  job_desc: 'd',
  config: { worker_server_num: 1, data_url: '/d/', spec_id: 1, model_id: 3 }
} as JobDefinition

describe('trainingJobsV1', () => {
  test('create sends the body once, not retried, and reads ids given as strings', async () => {
    const { http, seen } = fake(() => ({
      body: {
        is_success: true,
        job_id: '10',
        job_name: 'nightly',
        status: '1',
        version_id: '11',
        version_name: 'V0001',
        create_time: '1524189990635'
      }
    }))
    const created = await trainingJobsV1(http, 'https://modelarts.example', 'p1').createJob(definition)
    expect(created).toEqual({
      jobId: '10',
      jobName: 'nightly',
      versionId: '11',
      versionName: 'V0001',
      statusCode: 1,
      createTime: 1524189990635
    })
    expect(seen).toEqual([{ method: 'POST', url: BASE, body: definition, idempotent: false }])
  })

  test('a new version carries pre_version_id as a number and the description', async () => {
    const { http, seen } = fake(() => ({
      body: { is_success: true, version_id: 12, version_name: 'V0002', status: 1 }
    }))
    const created = await trainingJobsV1(http, 'https://modelarts.example', 'p1').createVersion(
      '10',
      '11',
      definition
    )
    expect(created).toMatchObject({ jobId: '10', jobName: 'nightly', versionId: '12', versionName: 'V0002' })
    expect(seen[0]).toEqual({
      method: 'POST',
      url: `${BASE}/10/versions`,
      body: { job_desc: 'd', config: { ...definition.config, pre_version_id: 11 } },
      idempotent: false
    })
  })

  test('finding jobs pages through every result with the largest page size', async () => {
    const total = 2003
    const { http, seen } = fake(req => {
      const page = Number(req.query!.page)
      const count = Math.max(0, Math.min(1000, total - (page - 1) * 1000))
      const jobs = Array.from({ length: count }, (_, i) => ({
        job_id: (page - 1) * 1000 + i,
        job_name: `nightly-${i}`,
        version_id: 1,
        status: 10
      }))
      return { body: { is_success: true, job_total_count: total, jobs } }
    })
    const jobs = await trainingJobsV1(http, 'https://modelarts.example', 'p1').findJobs('nightly', 'ws1')
    expect(jobs).toHaveLength(total)
    expect(seen.map(r => r.query)).toEqual(
      [1, 2, 3].map(page => ({ search_content: 'nightly', per_page: 1000, page, workspace_id: 'ws1' }))
    )
    expect(seen.every(r => r.method === 'GET' && r.idempotent)).toBe(true)
  })

  test('versions come back newest first whatever order the service used, ids compared as numbers', async () => {
    const { http } = fake(() => ({
      body: {
        is_success: true,
        versions: [
          { version_id: 9, version_name: 'V0001' },
          { version_id: 10, version_name: 'V0002' }
        ]
      }
    }))
    const versions = await trainingJobsV1(http, 'https://modelarts.example', 'p1').listVersions('7')
    expect(versions.map(v => v.versionName)).toEqual(['V0002', 'V0001'])
  })

  test('log lines: cursor from end_line, 204 and empty content mean nothing new', async () => {
    const answers = [
      {
        body: {
          is_success: true,
          content: 'a\nb\n',
          lines: '2',
          start_line: 1,
          end_line: '1700000000000000002'
        }
      },
      { status: 204 },
      { body: { is_success: true, content: '', lines: '0', start_line: 2, end_line: '1700000000000000002' } }
    ]
    const { http, seen } = fake(() => answers.shift()!)
    const api = trainingJobsV1(http, 'https://modelarts.example', 'p1')
    expect(await api.logLines('7', '8', 'w.0', undefined)).toEqual({
      lines: ['a', 'b'],
      cursor: '1700000000000000002'
    })
    expect(await api.logLines('7', '8', 'w.0', '1700000000000000002')).toEqual({
      lines: [],
      cursor: '1700000000000000002'
    })
    expect(await api.logLines('7', '8', 'w.0', '1700000000000000002')).toEqual({
      lines: [],
      cursor: '1700000000000000002'
    })
    expect(seen[0]).toMatchObject({
      url: `${BASE}/7/versions/8/aom-log`,
      query: { log_file: 'w.0', lines: 500, base_line: '', order: 'desc' }
    })
    expect(seen[1]!.query!.base_line).toBe('1700000000000000002')
  })

  test('stop is a POST that may be repeated; ids in paths are encoded', async () => {
    const { http, seen } = fake(() => ({ body: { is_success: true } }))
    await trainingJobsV1(http, 'https://modelarts.example', 'p 1').stopVersion('7', '8')
    expect(seen[0]).toEqual({
      method: 'POST',
      url: 'https://modelarts.example/v1/p%201/training-jobs/7/versions/8/stop',
      idempotent: true
    })
  })
})

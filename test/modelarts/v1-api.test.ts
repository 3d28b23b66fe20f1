/** v1 behind TrainingJobsApi: what the steps see of a v1 version, on a fake set of v1 calls. */
import { v1Api } from '../../src/modelarts/v1-api.js'
import type { CreatedVersion, TrainingJobsV1, VersionDetail } from '../../src/modelarts/v1.js'
import type { JobDefinition } from '../../src/job/index.js'

const definition = {
  job_name: 'nightly',
  config: { worker_server_num: 1, data_url: '/d/', spec_id: 1, model_id: 3 }
} as JobDefinition

function fakeCalls(overrides: Partial<TrainingJobsV1> = {}) {
  const calls: string[] = []
  const created: CreatedVersion = {
    jobId: '7',
    jobName: 'nightly',
    versionId: '9',
    versionName: 'V0001',
    statusCode: 1
  }
  const api: TrainingJobsV1 = {
    createJob: async () => {
      calls.push('createJob')
      return created
    },
    createVersion: async () => created,
    findJobs: async () => [],
    listVersions: async () => [],
    getVersion: async (jobId, versionId): Promise<VersionDetail> => {
      calls.push(`getVersion ${jobId}/${versionId}`)
      return { ...created, statusCode: 8, durationMs: 61_000, raw: {} }
    },
    stopVersion: async (jobId, versionId) => void calls.push(`stopVersion ${jobId}/${versionId}`),
    logFileNames: async () => ['job.log'],
    logLines: async (_job, _version, file, cursor) =>
      cursor === undefined ? { lines: [`${file}: hello`], cursor: '1' } : { lines: [], cursor },
    ...overrides
  }
  return { calls, api }
}

describe('v1Api', () => {
  test('submit: a new job is a run with a version, its status read from the code', async () => {
    const { api } = fakeCalls()
    const submitted = await v1Api(api).submit(definition, { ifExists: 'fail', log: () => {} })
    expect(submitted).toEqual({
      ref: { jobId: '7', versionId: '9' },
      jobName: 'nightly',
      versionName: 'V0001',
      status: expect.objectContaining({ name: 'init', code: 1, terminal: false }),
      kind: 'job',
      previousVersionId: undefined,
      adopted: false
    })
  })

  test('getRun and stop address the version', async () => {
    const { api, calls } = fakeCalls()
    const jobs = v1Api(api)
    const run = await jobs.getRun({ jobId: '7', versionId: '9' })
    expect(run.status).toMatchObject({ name: 'running', code: 8, phase: 'running' })
    expect(run.durationMs).toBe(61_000)
    await jobs.stop({ jobId: '7', versionId: '9' })
    expect(calls).toEqual(['getVersion 7/9', 'stopVersion 7/9'])
  })

  test('a reference without a version is refused, not sent', async () => {
    const { api, calls } = fakeCalls()
    await expect(v1Api(api).stop({ jobId: '7' })).rejects.toThrow('version id')
    expect(calls).toEqual([])
  })

  test('the log reader prints each line once', async () => {
    const { api } = fakeCalls()
    const reader = v1Api(api).logReader({ jobId: '7', versionId: '9' })
    const lines: string[] = []
    const same = <T>(work: Promise<T>): Promise<T> => work
    const notices: string[] = []
    const poll = { run: undefined, notice: (message: string) => void notices.push(message) }
    await reader.read(line => void lines.push(line), same, false, poll)
    await reader.read(line => void lines.push(line), same, true, poll)
    expect(lines).toEqual(['job.log: hello'])
    expect(notices).toEqual([])
  })
})

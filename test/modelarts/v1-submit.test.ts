/** Exactly-once creation: the decisions after a lost answer, on a fake API. */
import { submitTrainingJob, NAME_TAKEN } from '../../src/modelarts/v1-submit.js'
import { HuaweiCloudError, mayHaveLanded } from '../../src/huaweicloud/errors.js'
import type { CreatedVersion, JobSummary, TrainingJobsV1, VersionSummary } from '../../src/modelarts/v1.js'
import type { JobDefinition } from '../../src/job/index.js'

const definition: JobDefinition = {
  job_name: 'nightly',
  workspace_id: 'ws1',
  config: { worker_server_num: 1, data_url: '/d/', spec_id: 1, model_id: 3 }
} as JobDefinition

const lost = () => new HuaweiCloudError('connection reset', { kind: 'network', requestSent: true })
const refused = () => new HuaweiCloudError('ECONNREFUSED', { kind: 'network', requestSent: false })
const taken = () =>
  new HuaweiCloudError('Job name:nightly is existed', {
    kind: 'service',
    status: 400,
    code: NAME_TAKEN,
    requestSent: true
  })

interface FakeJob extends JobSummary {
  versions: VersionSummary[]
}

/** A fake service: `faults[call]` are thrown by the next calls of that create, after it took effect when `commit`. */
function fakeApi(now: () => number, jobs: FakeJob[] = []) {
  type Fault = { error: () => Error; commit: boolean }
  const faults: { createJob: Fault[]; createVersion: Fault[] } = { createJob: [], createVersion: [] }
  const calls: string[] = []
  let nextId = 100
  const create = (job: FakeJob): CreatedVersion => {
    const version: VersionSummary = {
      versionId: String(nextId++),
      versionName: `V000${job.versions.length + 1}`,
      statusCode: 1,
      createTime: now()
    }
    job.versions.unshift(version)
    job.versionId = version.versionId
    return { jobId: job.jobId, jobName: job.jobName, ...version }
  }
  const withFault = <T>(queue: Fault[], apply: () => T): T => {
    const fault = queue.shift()
    if (!fault) return apply()
    if (fault.commit) apply()
    throw fault.error()
  }
  const api: TrainingJobsV1 = {
    async createJob(def) {
      calls.push('createJob')
      return withFault(faults.createJob, () => {
        if (jobs.some(j => j.jobName === def.job_name)) throw taken()
        const job: FakeJob = {
          jobId: String(nextId++),
          jobName: def.job_name,
          versionId: '',
          statusCode: 1,
          createTime: now(),
          versions: []
        }
        jobs.push(job)
        return create(job)
      })
    },
    async createVersion(jobId, pre) {
      calls.push(`createVersion ${jobId} after ${pre}`)
      return withFault(faults.createVersion, () => create(jobs.find(j => j.jobId === jobId)!))
    },
    async findJobs(search, workspace) {
      calls.push(`findJobs ${search} ${workspace}`)
      return jobs.filter(j => j.jobName.includes(search))
    },
    async listVersions(jobId) {
      calls.push(`listVersions ${jobId}`)
      return [...jobs.find(j => j.jobId === jobId)!.versions]
    },
    getVersion: async () => {
      throw new Error('not used')
    },
    stopVersion: async () => {},
    logFileNames: async () => [],
    logLines: async () => ({ lines: [], cursor: undefined })
  }
  return { api, jobs, calls, faults }
}

const clock = () => {
  let t = 1_700_000_000_000
  return { now: () => t, advance: (ms: number) => (t += ms) }
}
const options = (now: () => number, ifExists: 'fail' | 'new_version' = 'fail') => ({
  ifExists,
  log: () => {},
  now,
  sleep: async () => {}
})

describe('mayHaveLanded', () => {
  test('only a request that may have reached the service and got no usable answer', () => {
    expect(mayHaveLanded(lost())).toBe(true)
    expect(mayHaveLanded(new HuaweiCloudError('slow', { kind: 'timeout', requestSent: true }))).toBe(true)
    expect(
      mayHaveLanded(new HuaweiCloudError('boom', { kind: 'service', status: 502, requestSent: true }))
    ).toBe(true)
    expect(mayHaveLanded(refused())).toBe(false)
    expect(mayHaveLanded(taken())).toBe(false)
    expect(mayHaveLanded(new Error('plain'))).toBe(false)
  })
})

describe('submitTrainingJob', () => {
  test('a new name: one create call and nothing else', async () => {
    const c = clock()
    const fake = fakeApi(c.now)
    const result = await submitTrainingJob(fake.api, definition, options(c.now))
    expect(result).toMatchObject({ kind: 'job', adopted: false, created: { versionName: 'V0001' } })
    expect(fake.calls).toEqual(['createJob'])
  })

  test('a taken name with if_exists: fail rethrows the service error', async () => {
    const c = clock()
    const fake = fakeApi(c.now, [
      {
        jobId: '7',
        jobName: 'nightly',
        versionId: '8',
        statusCode: 10,
        createTime: c.now() - 1e9,
        versions: []
      }
    ])
    await expect(submitTrainingJob(fake.api, definition, options(c.now))).rejects.toMatchObject({
      code: NAME_TAKEN
    })
    expect(fake.calls).toEqual(['createJob'])
  })

  test('a taken name with new_version: a version after the latest one, found by exact name in the workspace', async () => {
    const c = clock()
    const fake = fakeApi(c.now, [
      { jobId: '5', jobName: 'nightly-old', versionId: '6', statusCode: 10, versions: [] },
      {
        jobId: '7',
        jobName: 'nightly',
        versionId: '9',
        statusCode: 10,
        versions: [
          { versionId: '9', versionName: 'V0002', statusCode: 10 },
          { versionId: '8', versionName: 'V0001', statusCode: 10 }
        ]
      }
    ])
    const result = await submitTrainingJob(fake.api, definition, options(c.now, 'new_version'))
    expect(result).toMatchObject({
      kind: 'version',
      previousVersionId: '9',
      created: { jobId: '7', versionName: 'V0003' }
    })
    expect(fake.calls).toEqual([
      'createJob',
      'findJobs nightly ws1',
      'listVersions 7',
      'createVersion 7 after 9'
    ])
  })

  test('a lost answer after the job was made: adopted with its real version, not created again', async () => {
    const c = clock()
    const fake = fakeApi(c.now)
    fake.faults.createJob.push({ error: lost, commit: true })
    const result = await submitTrainingJob(fake.api, definition, options(c.now))
    expect(result.adopted).toBe(true)
    expect(result.created.versionId).toBe(fake.jobs[0]!.versions[0]!.versionId)
    expect(fake.jobs).toHaveLength(1)
    expect(fake.calls.filter(call => call === 'createJob')).toHaveLength(1)
  })

  test('a lost answer and nothing made: tried again, once more only', async () => {
    const c = clock()
    const fake = fakeApi(c.now)
    fake.faults.createJob.push({ error: lost, commit: false })
    const result = await submitTrainingJob(fake.api, definition, options(c.now))
    expect(result.adopted).toBe(false)
    expect(fake.jobs).toHaveLength(1)
    expect(fake.calls.filter(call => call === 'createJob')).toHaveLength(2)
  })

  test('lost answers every time: gives up after the attempts with the last error, nothing made', async () => {
    const c = clock()
    const fake = fakeApi(c.now)
    fake.faults.createJob.push(
      { error: lost, commit: false },
      { error: lost, commit: false },
      { error: lost, commit: false }
    )
    await expect(submitTrainingJob(fake.api, definition, options(c.now))).rejects.toThrow('connection reset')
    expect(fake.jobs).toHaveLength(0)
    expect(fake.calls.filter(call => call === 'createJob')).toHaveLength(3)
  })

  test('a lost answer when an older job has the name: not adopted; fail keeps the error', async () => {
    const c = clock()
    const fake = fakeApi(c.now, [
      {
        jobId: '7',
        jobName: 'nightly',
        versionId: '8',
        statusCode: 10,
        createTime: c.now() - 3600_000,
        versions: []
      }
    ])
    fake.faults.createJob.push({ error: lost, commit: false })
    await expect(submitTrainingJob(fake.api, definition, options(c.now))).rejects.toThrow('connection reset')
    expect(fake.jobs[0]!.versions).toHaveLength(0)
  })

  test('a lost answer on a new version that took effect: the new version is adopted', async () => {
    const c = clock()
    const fake = fakeApi(c.now, [
      {
        jobId: '7',
        jobName: 'nightly',
        versionId: '8',
        statusCode: 10,
        versions: [{ versionId: '8', versionName: 'V0001', statusCode: 10, createTime: c.now() - 3600_000 }]
      }
    ])
    fake.faults.createVersion.push({ error: lost, commit: true })
    const result = await submitTrainingJob(fake.api, definition, options(c.now, 'new_version'))
    expect(result).toMatchObject({ kind: 'version', adopted: true, created: { versionName: 'V0002' } })
    expect(fake.jobs[0]!.versions).toHaveLength(2)
  })

  test('a create refused before it was sent is sent again without a lookup', async () => {
    const c = clock()
    const fake = fakeApi(c.now)
    fake.faults.createJob.push({ error: refused, commit: false })
    const result = await submitTrainingJob(fake.api, definition, options(c.now))
    expect(result.adopted).toBe(false)
    expect(fake.calls).toEqual(['createJob', 'createJob'])
  })

  test('a create refused every time ends with the connection error, nothing made', async () => {
    const c = clock()
    const fake = fakeApi(c.now)
    fake.faults.createJob.push(...[1, 2, 3].map(() => ({ error: refused, commit: false })))
    await expect(submitTrainingJob(fake.api, definition, options(c.now))).rejects.toThrow('ECONNREFUSED')
    expect(fake.calls).toEqual(['createJob', 'createJob', 'createJob'])
    expect(fake.jobs).toHaveLength(0)
  })
})

describe('throttling and adoption (issue 11)', () => {
  const throttled = (retryAfterMs?: number) =>
    new HuaweiCloudError('HTTP 429', {
      kind: 'service',
      status: 429,
      requestSent: true,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {})
    })

  test('a 429 on create was not accepted: sent again after Retry-After, one job made', async () => {
    const c = clock()
    const fake = fakeApi(c.now)
    const sleeps: number[] = []
    fake.faults.createJob.push({ error: () => throttled(2000), commit: false })
    const result = await submitTrainingJob(fake.api, definition, {
      ...options(c.now),
      sleep: async ms => {
        sleeps.push(ms)
      }
    })
    expect(result.adopted).toBe(false)
    expect(fake.jobs).toHaveLength(1)
    expect(sleeps).toEqual([2000])
    expect(fake.calls.filter(call => call.startsWith('findJobs'))).toHaveLength(0)
  })

  test('a 429 every time ends with the 429 after the bounded attempts', async () => {
    const c = clock()
    const fake = fakeApi(c.now)
    for (let i = 0; i < 3; i++) fake.faults.createJob.push({ error: () => throttled(), commit: false })
    await expect(submitTrainingJob(fake.api, definition, options(c.now))).rejects.toThrow('HTTP 429')
    expect(fake.calls.filter(call => call === 'createJob')).toHaveLength(3)
  })

  test('a job of the same name another run made 60 s earlier is not adopted; the failure names it', async () => {
    const c = clock()
    const fake = fakeApi(c.now, [
      {
        jobId: '7',
        jobName: 'nightly',
        versionId: '8',
        statusCode: 8,
        createTime: c.now() - 60_000,
        versions: []
      }
    ])
    fake.faults.createJob.push({ error: lost, commit: false })
    const failure = submitTrainingJob(fake.api, definition, options(c.now))
    await expect(failure).rejects.toThrow(/exists \(id 7, created .*nothing proves this run made it/)
    expect(fake.jobs).toHaveLength(1)
  })

  test('a job with no create time is not provably this attempt’s: not adopted', async () => {
    const c = clock()
    const fake = fakeApi(c.now, [
      { jobId: '7', jobName: 'nightly', versionId: '8', statusCode: 8, versions: [] }
    ])
    fake.faults.createJob.push({ error: lost, commit: false })
    await expect(submitTrainingJob(fake.api, definition, options(c.now))).rejects.toThrow(/id 7/)
  })

  test('a new version another run made is not adopted after a lost answer', async () => {
    const c = clock()
    const fake = fakeApi(c.now, [
      {
        jobId: '7',
        jobName: 'nightly',
        versionId: '9',
        statusCode: 10,
        createTime: c.now() - 3600_000,
        versions: [
          { versionId: '9', versionName: 'V0002', statusCode: 8, createTime: c.now() - 3600_000 },
          { versionId: '8', versionName: 'V0001', statusCode: 10, createTime: c.now() - 7200_000 }
        ]
      }
    ])
    // The version list read before the create shows V0002; another run adds V0003 a minute before ours fails.
    fake.faults.createVersion.push({
      error: () => {
        fake.jobs[0]!.versions.unshift({
          versionId: '10',
          versionName: 'V0003',
          statusCode: 8,
          createTime: c.now() - 60_000
        })
        return lost()
      },
      commit: false
    })
    await expect(submitTrainingJob(fake.api, definition, options(c.now, 'new_version'))).rejects.toThrow(
      /newer version V0003 \(id 10.*not adopted/
    )
  })
})

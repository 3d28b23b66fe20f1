/** The post step's decisions, on a fake API: it stops only a run the main step left behind, and only once. */
import { stopLeftoverRun, type LeftoverDeps } from '../../src/steps/cancel.js'
import { isPostStep, savedJob } from '../../src/report/outputs.js'
import { markRunGone, type JobRef, type JobStatus, type TrainingJobsApi } from '../../src/modelarts/api.js'
import { SENT_SETTLE_MS } from '../../src/steps/cancel.js'
import { jobStatus } from '../../src/modelarts/v1-status.js'

interface FakeOptions {
  /** What findSent answers, one per call (undefined: not found). */
  found?: Array<JobRef | undefined>
  /** getRun throws the error of a deleted run. */
  gone?: boolean
}

function fakeApi(status: JobStatus, options: FakeOptions = {}) {
  const calls: string[] = []
  let disposed = 0
  const found = [...(options.found ?? [])]
  const api: TrainingJobsApi = {
    submit: () => Promise.reject(new Error('not in the post step')),
    getRun: async (ref: JobRef) => {
      calls.push(`get ${ref.jobId}/${ref.versionId}`)
      if (options.gone) throw markRunGone(new Error('deleted'))
      return { status, durationMs: undefined }
    },
    findSent: async sent => {
      calls.push(`find ${sent.name} ${sent.marker} ${sent.workspaceId}`)
      return found.shift()
    },
    stop: async (ref: JobRef) => {
      calls.push(`stop ${ref.jobId}/${ref.versionId}`)
    },
    logReader: () => ({ read: async () => undefined })
  }
  return {
    calls,
    disposed: () => disposed,
    connect: async () => ({ api, dispose: () => void disposed++ })
  }
}

function post(
  state: Record<string, string>,
  status: JobStatus,
  stopOnCancel = true,
  options: FakeOptions = {}
) {
  const fake = fakeApi(status, options)
  const slept: number[] = []
  const log: string[] = []
  let settingsRead = 0
  const deps: LeftoverDeps = {
    saved: savedJob(Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]))),
    settings: () => {
      settingsRead++
      return { stopOnCancel }
    },
    connect: fake.connect,
    log: message => void log.push(message),
    sleep: async ms => void slept.push(ms)
  }
  return { fake, log, deps, settingsRead: () => settingsRead, slept }
}

const running = jobStatus(8)

describe('the post step', () => {
  test('no job saved: nothing to stop, no settings read, no call made', async () => {
    const { deps, fake, log, settingsRead } = post({ isPost: 'true' }, running)
    expect(await stopLeftoverRun(deps)).toBe('no-job')
    expect(log).toEqual(['No training job was created by this step: nothing to stop.'])
    expect(fake.calls).toEqual([])
    expect(settingsRead()).toBe(0)
  })

  test.each(['created', 'ended', 'stopped', 'left-running'])(
    'the main step handed the run over (%s): no call made',
    async finished => {
      const { deps, fake, log } = post({ job_id: '7', version_id: '9', finished }, running)
      expect(await stopLeftoverRun(deps)).toBe('handled')
      expect(log).toEqual([`Job 7 (version id 9) was already handled by the main step (${finished}).`])
      expect(fake.calls).toEqual([])
    }
  )

  test('stop_on_cancel false: the run is left running, without connecting', async () => {
    const { deps, fake, log } = post({ job_id: '7', version_id: '9' }, running, false)
    expect(await stopLeftoverRun(deps)).toBe('left-running')
    expect(log).toEqual(['stop_on_cancel is false: job 7 (version id 9) is left running.'])
    expect(fake.calls).toEqual([])
  })

  test('the run already ended: read, not stopped', async () => {
    const { deps, fake, log } = post({ job_id: '7', version_id: '9' }, jobStatus(10))
    expect(await stopLeftoverRun(deps)).toBe('already-ended')
    expect(fake.calls).toEqual(['get 7/9'])
    expect(log).toEqual(['Job 7 (version id 9) already ended (completed): nothing to stop.'])
    expect(fake.disposed()).toBe(1)
  })

  test('the run is still going: stopped once, and the connection closed', async () => {
    const { deps, fake, log } = post({ job_id: '7', version_id: '9' }, running)
    expect(await stopLeftoverRun(deps)).toBe('stopped')
    expect(fake.calls).toEqual(['get 7/9', 'stop 7/9'])
    expect(log).toEqual(['The workflow was cancelled: stopped job 7 (version id 9) (it was running).'])
    expect(fake.disposed()).toBe(1)
  })

  test('a run without versions (v2) is named by its job alone', async () => {
    const phase: JobStatus = { name: 'pending', phase: 'running', terminal: false, description: 'queued' }
    const { deps, fake, log } = post({ job_id: 'a1b2' }, phase)
    expect(await stopLeftoverRun(deps)).toBe('stopped')
    expect(fake.calls).toEqual(['get a1b2/undefined', 'stop a1b2/undefined'])
    expect(log).toEqual(['The workflow was cancelled: stopped job a1b2 (it was pending).'])
  })
})

describe('the post step after a main step killed mid-create (v2)', () => {
  const pending: JobStatus = { name: 'pending', phase: 'running', terminal: false, description: 'queued' }
  const sent = JSON.stringify({ name: 'nightly-V0003', marker: 'gha:o/r:5:1:abcd1234', workspaceId: 'ws1' })

  test('the create landed: found by name and marker, then stopped', async () => {
    const { deps, fake, log, slept } = post({ api: 'v2', sent }, pending, true, { found: [{ jobId: 'u-9' }] })
    expect(await stopLeftoverRun(deps)).toBe('stopped')
    expect(fake.calls).toEqual([
      'find nightly-V0003 gha:o/r:5:1:abcd1234 ws1',
      'get u-9/undefined',
      'stop u-9/undefined'
    ])
    expect(slept).toEqual([])
    expect(log).toEqual([
      'The main step was killed while creating "nightly-V0003": found it as job u-9.',
      'The workflow was cancelled: stopped job u-9 (it was pending).'
    ])
  })

  test('a create still landing is found by the second search, after a pause', async () => {
    const { deps, fake, slept } = post({ api: 'v2', sent }, pending, true, {
      found: [undefined, { jobId: 'u-9' }]
    })
    expect(await stopLeftoverRun(deps)).toBe('stopped')
    expect(slept).toEqual([SENT_SETTLE_MS])
    expect(fake.calls.filter(c => c.startsWith('find'))).toHaveLength(2)
  })

  test('no job of this run under the name: nothing stopped', async () => {
    const { deps, fake, log } = post({ api: 'v2', sent }, pending, true, { found: [undefined, undefined] })
    expect(await stopLeftoverRun(deps)).toBe('no-job')
    expect(fake.calls.every(c => c.startsWith('find'))).toBe(true)
    expect(log).toEqual([
      'The main step was killed while creating "nightly-V0003"; no such job of this run exists: nothing to stop.'
    ])
    expect(fake.disposed()).toBe(1)
  })

  test('a create sent without a marker (job_desc left no room): not searched, said so', async () => {
    const unmarked = JSON.stringify({ name: 'nightly-V0003', marker: '' })
    const { deps, fake, log } = post({ api: 'v2', sent: unmarked }, pending, true, {
      found: [{ jobId: 'u-9' }]
    })
    expect(await stopLeftoverRun(deps)).toBe('no-job')
    expect(fake.calls).toEqual([])
    expect(log).toEqual([
      'The main step was killed while creating "nightly-V0003", sent without a run marker (job_desc left no ' +
        'room for one): whether the job was made cannot be told; look for it among the training jobs and stop ' +
        'it there.'
    ])
  })

  test('a saved job id wins over the create that made it', async () => {
    const { deps, fake } = post({ api: 'v2', sent, job_id: 'u-1' }, pending)
    expect(await stopLeftoverRun(deps)).toBe('stopped')
    expect(fake.calls).toEqual(['get u-1/undefined', 'stop u-1/undefined'])
  })

  test('a job deleted before the post step: nothing to stop, no error', async () => {
    const { deps, fake, log } = post({ api: 'v2', job_id: 'u-1' }, pending, true, { gone: true })
    expect(await stopLeftoverRun(deps)).toBe('gone')
    expect(fake.calls).toEqual(['get u-1/undefined'])
    expect(log).toEqual(['Job u-1 no longer exists (deleted): nothing to stop.'])
  })
})

describe('saved state', () => {
  test('the API and the create in flight are read back; v1 when none was saved, a broken value ignored', () => {
    expect(savedJob({ STATE_api: 'v2', STATE_sent: '{"name":"n","marker":"m"}' })).toEqual({
      ref: undefined,
      api: 'v2',
      sent: { name: 'n', marker: 'm', workspaceId: undefined },
      finished: undefined
    })
    expect(savedJob({ STATE_sent: '{not json' })).toMatchObject({ api: 'v1', sent: undefined })
    expect(savedJob({ STATE_sent: '{"name":1}' }).sent).toBeUndefined()
  })

  test('the post step is told apart by the isPost state the main step saves', () => {
    expect(isPostStep({ STATE_isPost: 'true' })).toBe(true)
    expect(isPostStep({})).toBe(false)
  })
})

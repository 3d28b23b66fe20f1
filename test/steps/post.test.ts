/** The post step's decisions, on a fake API: it stops only a run the main step left behind, and only once. */
import { stopLeftoverRun, type LeftoverDeps } from '../../src/steps/cancel.js'
import { isPostStep, savedJob } from '../../src/report/outputs.js'
import type { JobRef, JobStatus, TrainingJobsApi } from '../../src/modelarts/api.js'
import { jobStatus } from '../../src/modelarts/v1-status.js'

function fakeApi(status: JobStatus) {
  const calls: string[] = []
  let disposed = 0
  const api: TrainingJobsApi = {
    submit: () => Promise.reject(new Error('not in the post step')),
    getRun: async (ref: JobRef) => {
      calls.push(`get ${ref.jobId}/${ref.versionId}`)
      return { status, durationMs: undefined }
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

function post(state: Record<string, string>, status: JobStatus, stopOnCancel = true) {
  const fake = fakeApi(status)
  const log: string[] = []
  let settingsRead = 0
  const deps: LeftoverDeps = {
    saved: savedJob(Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]))),
    settings: () => {
      settingsRead++
      return { stopOnCancel }
    },
    connect: fake.connect,
    log: message => void log.push(message)
  }
  return { fake, log, deps, settingsRead: () => settingsRead }
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
      expect(log).toEqual([`Job 7 version 9 was already handled by the main step (${finished}).`])
      expect(fake.calls).toEqual([])
    }
  )

  test('stop_on_cancel false: the run is left running, without connecting', async () => {
    const { deps, fake, log } = post({ job_id: '7', version_id: '9' }, running, false)
    expect(await stopLeftoverRun(deps)).toBe('left-running')
    expect(log).toEqual(['stop_on_cancel is false: job 7 version 9 is left running.'])
    expect(fake.calls).toEqual([])
  })

  test('the run already ended: read, not stopped', async () => {
    const { deps, fake, log } = post({ job_id: '7', version_id: '9' }, jobStatus(10))
    expect(await stopLeftoverRun(deps)).toBe('already-ended')
    expect(fake.calls).toEqual(['get 7/9'])
    expect(log).toEqual(['Job 7 version 9 already ended (completed): nothing to stop.'])
    expect(fake.disposed()).toBe(1)
  })

  test('the run is still going: stopped once, and the connection closed', async () => {
    const { deps, fake, log } = post({ job_id: '7', version_id: '9' }, running)
    expect(await stopLeftoverRun(deps)).toBe('stopped')
    expect(fake.calls).toEqual(['get 7/9', 'stop 7/9'])
    expect(log).toEqual(['The workflow was cancelled: stopped job 7 version 9 (it was running).'])
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

describe('saved state', () => {
  test('the post step is told apart by the isPost state the main step saves', () => {
    expect(isPostStep({ STATE_isPost: 'true' })).toBe(true)
    expect(isPostStep({})).toBe(false)
  })
})

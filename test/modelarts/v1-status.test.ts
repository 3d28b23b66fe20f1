import { jobStatus, type StatusPhase } from '../../src/modelarts/v1-status.js'

// Section 2 of the API reference (JOBSTAT_ names) and the project's classification of them.
const documented: Array<[number, string, StatusPhase]> = [
  [0, 'JOBSTAT_UNKNOWN', 'running'],
  [1, 'JOBSTAT_INIT', 'running'],
  [2, 'JOBSTAT_IMAGE_CREATING', 'running'],
  [3, 'JOBSTAT_IMAGE_FAILED', 'failed'],
  [4, 'JOBSTAT_SUBMIT_TRYING', 'running'],
  [5, 'JOBSTAT_SUBMIT_FAILED', 'failed'],
  [6, 'JOBSTAT_DELETE_FAILED', 'failed'],
  [7, 'JOBSTAT_WAITING', 'running'],
  [8, 'JOBSTAT_RUNNING', 'running'],
  [9, 'JOBSTAT_KILLING', 'running'],
  [10, 'JOBSTAT_COMPLETED', 'succeeded'],
  [11, 'JOBSTAT_FAILED', 'failed'],
  [12, 'JOBSTAT_KILLED', 'stopped'],
  [13, 'JOBSTAT_CANCELED', 'stopped'],
  [14, 'JOBSTAT_LOST', 'failed'],
  [15, 'JOBSTAT_SCALING', 'running'],
  [16, 'JOBSTAT_SUBMIT_MODEL_FAILED', 'failed'],
  [17, 'JOBSTAT_DEPLOY_SERVICE_FAILED', 'failed'],
  [18, 'JOBSTAT_CHECK_INIT', 'running'],
  [19, 'JOBSTAT_CHECK_RUNNING', 'running'],
  [20, 'JOBSTAT_CHECK_RUNNING_COMPLETED', 'running'],
  [21, 'JOBSTAT_CHECK_FAILED', 'failed']
]

describe('jobStatus', () => {
  it.each(documented)('classifies %i (%s) as %s', (code, constant, phase) => {
    const status = jobStatus(code)
    expect(status.code).toBe(code)
    expect(status.name).toBe(constant.replace(/^JOBSTAT_/, '').toLowerCase())
    expect(status.phase).toBe(phase)
    expect(status.terminal).toBe(phase !== 'running')
    expect(status.description).not.toBe('')
  })

  it('gives every documented code its own name', () => {
    const names = documented.map(([code]) => jobStatus(code).name)
    expect(new Set(names).size).toBe(documented.length)
  })

  it('accepts the code as a decimal string, as some responses send it', () => {
    expect(jobStatus('10')).toEqual(jobStatus(10))
    expect(jobStatus(' 8 ')).toEqual(jobStatus(8))
  })

  it('reports an undocumented code as status_<code> and keeps waiting', () => {
    const status = jobStatus(42)
    expect(status).toMatchObject({ code: 42, name: 'status_42', phase: 'running', terminal: false })
    expect(status.description).toContain('42')
    expect(jobStatus('99').name).toBe('status_99')
  })

  it('keeps waiting on a code that is not a number at all', () => {
    const status = jobStatus('RUNNING?')
    expect(status.name).toBe('status_RUNNING?')
    expect(status.terminal).toBe(false)
  })
})

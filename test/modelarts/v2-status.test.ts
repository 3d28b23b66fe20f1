/** The v2 phase table of the reference's section 6, as a table. */
import { v2Status } from '../../src/modelarts/v2-status.js'
import { statusLabel } from '../../src/modelarts/status.js'

describe('v2Status', () => {
  test.each([
    ['Creating', 'creating', 'running', false],
    ['Pending', 'pending', 'running', false],
    ['Running', 'running', 'running', false],
    ['Terminating', 'terminating', 'running', false],
    ['Completed', 'completed', 'succeeded', true],
    ['Failed', 'failed', 'failed', true],
    ['Abnormal', 'abnormal', 'failed', true],
    ['Terminated', 'terminated', 'stopped', true]
  ])('%s is %s, class %s, terminal %s', (phase, name, klass, terminal) => {
    const status = v2Status(phase)
    expect(status).toMatchObject({ name, phase: klass, terminal })
    expect(status.code).toBeUndefined()
  })

  test('only Abnormal needs a confirming poll', () => {
    const confirming = [
      'Creating',
      'Pending',
      'Running',
      'Terminating',
      'Completed',
      'Failed',
      'Abnormal',
      'Terminated'
    ].filter(phase => v2Status(phase).confirm === true)
    expect(confirming).toEqual(['Abnormal'])
  })

  test('an unknown phase is reported as is, lower-case, and treated as still going', () => {
    expect(v2Status('Scaling')).toEqual({
      name: 'scaling',
      phase: 'running',
      terminal: false,
      description: 'undocumented phase Scaling'
    })
    expect(v2Status('')).toMatchObject({ name: 'unknown', terminal: false })
  })

  test('the secondary phase is shown when it adds something, never changes the class', () => {
    expect(v2Status('Abnormal', 'CreateFailed')).toMatchObject({
      phase: 'failed',
      description: 'abnormal (secondary phase CreateFailed)'
    })
    expect(v2Status('Running', 'Running').description).toBe('running')
    expect(v2Status('Running', 'Lost')).toMatchObject({ terminal: false })
  })

  test('labels carry no code', () => {
    expect(statusLabel(v2Status('Running'))).toBe('running')
    expect(statusLabel(v2Status('Pending'))).toBe('pending: queued, waiting for resources')
  })
})

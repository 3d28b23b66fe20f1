/** How diagnostics become annotations and summary rows. */
import { jest } from '@jest/globals'
import type { Diagnostic } from '../../src/job/diagnostic.js'

const error = jest.fn()
const warning = jest.fn()
jest.unstable_mockModule('@actions/core', () => ({ error, warning }))
const { annotate, annotationOf, locationOf } = await import('../../src/report/annotations.js')
const { validationSummary } = await import('../../src/report/summary.js')

const at = (extra: Partial<Diagnostic>): Diagnostic => ({
  severity: 'error',
  rule: 'Resource pool',
  message: 'spec_id and pool_id cannot be used together.',
  path: ['config', 'pool_id'],
  ...extra
})

beforeEach(() => {
  error.mockClear()
  warning.mockClear()
})

describe('annotations', () => {
  test('a single-line problem keeps its columns and names its rule', () => {
    const d = at({ file: 'jobs/a.yaml', line: 10, column: 3, endLine: 10, endColumn: 10 })
    expect(annotationOf(d)).toEqual({
      title: 'Resource pool',
      file: 'jobs/a.yaml',
      startLine: 10,
      endLine: 10,
      startColumn: 3,
      endColumn: 10
    })
    annotate(d)
    expect(error).toHaveBeenCalledWith(d.message, annotationOf(d))
  })

  test('a multi-line problem spans its lines without columns, which GitHub refuses there', () => {
    expect(annotationOf(at({ file: 'jobs/a.yaml', line: 3, column: 1, endLine: 8, endColumn: 15 }))).toEqual({
      title: 'Resource pool',
      file: 'jobs/a.yaml',
      startLine: 3,
      endLine: 8
    })
  })

  test('a problem in an input has no file and leads with the input name', () => {
    const d = at({ input: 'pool_id', severity: 'warning' })
    expect(locationOf(d)).toBe('input `pool_id`')
    annotate(d)
    expect(warning).toHaveBeenCalledWith(`input \`pool_id\`: ${d.message}`, { title: 'Resource pool' })
    expect(error).not.toHaveBeenCalled()
  })
})

describe('validation summary', () => {
  test('one row per file, then the problems linked to their lines; pipes cannot break the table', () => {
    const problems = [at({ file: 'jobs/b c.yaml', line: 4, column: 2, message: 'a | b' })]
    const markdown = validationSummary(
      [
        { file: 'jobs/a.yaml', errors: 0, warnings: 0 },
        { file: 'jobs/b c.yaml', errors: 1, warnings: 2 }
      ],
      problems,
      'https://github.com/o/r/blob/abc'
    )
    expect(markdown).toContain('1 of 2 job files has problems (1 error).')
    expect(markdown).toContain('| `jobs/a.yaml` | valid |')
    expect(markdown).toContain('| `jobs/b c.yaml` | 1 problem, 2 warnings |')
    expect(markdown).toContain('[jobs/b c.yaml:4:2](https://github.com/o/r/blob/abc/jobs/b%20c.yaml#L4)')
    expect(markdown).toContain('a \\| b')
  })
})

/** The check run that carries every problem: annotations as the Checks API takes them, in batches of 50. */
import type { Diagnostic } from '../../src/job/diagnostic.js'
import {
  ANNOTATIONS_PER_REQUEST,
  batches,
  checkRunAnnotationOf,
  checkRunName,
  checkRunRequests,
  conclusionLine,
  fallbackReason,
  headShaOf,
  postedNote,
  undrawnCount,
  undrawnNote
} from '../../src/report/check-run.js'
import { noJobFileSummary, validationSummary } from '../../src/report/summary.js'

const problem = (extra: Partial<Diagnostic> = {}): Diagnostic => ({
  severity: 'error',
  rule: 'Unknown key',
  message: 'Unknown key "boot_file" in config; did you mean "boot_file_url"?',
  file: 'jobs/a.yaml',
  line: 5,
  column: 3,
  endLine: 5,
  endColumn: 12,
  path: ['config', 'boot_file'],
  ...extra
})

/** n problems in files job-0.yaml, job-1.yaml, ..., each on its own line. */
const many = (n: number, severity: Diagnostic['severity'] = 'error'): Diagnostic[] =>
  Array.from({ length: n }, (_, i) =>
    problem({ severity, file: `jobs/job-${i}.yaml`, line: i + 1, endLine: i + 1 })
  )

describe('one annotation', () => {
  test('a single-line problem keeps its columns, its rule as title and failure as level', () => {
    expect(checkRunAnnotationOf(problem())).toEqual({
      path: 'jobs/a.yaml',
      start_line: 5,
      end_line: 5,
      start_column: 3,
      end_column: 12,
      annotation_level: 'failure',
      message: problem().message,
      title: 'Unknown key'
    })
  })

  test('a multi-line problem has no columns, which the API refuses there', () => {
    const a = checkRunAnnotationOf(
      problem({ line: 3, column: 1, endLine: 8, endColumn: 15, severity: 'warning' })
    )
    expect(a).toEqual({
      path: 'jobs/a.yaml',
      start_line: 3,
      end_line: 8,
      annotation_level: 'warning',
      message: problem().message,
      title: 'Unknown key'
    })
  })

  test('a problem of a whole file marks its first line; one of the inputs has no place in a check run', () => {
    const whole = checkRunAnnotationOf(
      problem({ line: undefined, column: undefined, endLine: undefined, endColumn: undefined })
    )
    expect(whole).toMatchObject({ start_line: 1, end_line: 1 })
    expect(whole).not.toHaveProperty('start_column')
    expect(
      checkRunAnnotationOf(problem({ file: undefined, input: 'spec_id', line: undefined }))
    ).toBeUndefined()
  })

  test('message and title stay within the sizes the API takes', () => {
    const a = checkRunAnnotationOf(problem({ message: 'x'.repeat(70_000), rule: 'r'.repeat(300) }))!
    expect(a.message.length).toBeLessThanOrEqual(64 * 1024)
    expect(a.title.length).toBeLessThanOrEqual(255)
    expect(a.message.startsWith('xxx')).toBe(true)
  })
})

describe('batches', () => {
  test.each([
    [0, []],
    [1, [1]],
    [50, [50]],
    [51, [50, 1]],
    [120, [50, 50, 20]]
  ])('%i items: batches of %j, in order', (n, sizes) => {
    const items = Array.from({ length: n }, (_, i) => i)
    const out = batches(items)
    expect(out.map(b => b.length)).toEqual(sizes)
    expect(out.flat()).toEqual(items)
  })

  test('a batch size below one is a mistake, not an endless loop', () => {
    expect(() => batches([1, 2], 0)).toThrow(RangeError)
  })
})

describe('what the runner leaves undrawn', () => {
  test.each([
    [10, 10, 0],
    [11, 3, 1],
    [0, 25, 15],
    [60, 12, 52]
  ])('%i errors and %i warnings: %i not drawn', (errors, warnings, undrawn) => {
    expect(undrawnCount([...many(errors), ...many(warnings, 'warning')])).toBe(undrawn)
  })
})

describe('the requests', () => {
  test('120 problems: a create with 50, then updates of 50 and 20; the last completes the run', () => {
    // The warnings are in three of the files that also have errors.
    const diagnostics = [...many(117), ...many(3, 'warning')]
    const requests = checkRunRequests({
      name: 'ModelArts job files (validate)',
      headSha: 'a'.repeat(40),
      diagnostics
    })
    expect(requests.map(r => r.kind)).toEqual(['create', 'update', 'update'])
    expect(requests.map(r => r.body.output.annotations.length)).toEqual([50, 50, 20])
    expect(requests.flatMap(r => r.body.output.annotations)).toEqual(
      diagnostics.map(d => checkRunAnnotationOf(d))
    )
    const [create, , last] = requests
    expect(create!.body).toMatchObject({
      name: 'ModelArts job files (validate)',
      head_sha: 'a'.repeat(40),
      status: 'in_progress'
    })
    expect(create!.body).not.toHaveProperty('conclusion')
    expect(last!.body).toMatchObject({ status: 'completed', conclusion: 'failure' })
    for (const r of requests) {
      expect(r.body.output.annotations.length).toBeLessThanOrEqual(ANNOTATIONS_PER_REQUEST)
      expect(r.body.output.title).toBe('117 errors and 3 warnings in 117 job files')
      expect(r.body.output.summary).toContain('all 120')
    }
  })

  test('up to 50 problems: one create that completes the run; warnings alone conclude success', () => {
    const requests = checkRunRequests({
      name: 'n',
      headSha: 'b'.repeat(40),
      diagnostics: many(30, 'warning')
    })
    expect(requests).toHaveLength(1)
    expect(requests[0]!.body).toMatchObject({ status: 'completed', conclusion: 'success' })
    expect(requests[0]!.body.output.annotations).toHaveLength(30)
  })

  test('problems of the inputs count in the title but have no annotation', () => {
    const diagnostics = [...many(2), problem({ file: undefined, input: 'spec_id' })]
    const [only] = checkRunRequests({ name: 'n', headSha: 'c'.repeat(40), diagnostics })
    expect(only!.body.output.annotations).toHaveLength(2)
    expect(only!.body.output.title).toBe(conclusionLine(diagnostics))
  })

  test('a details link, when given, is in the summary', () => {
    const [only] = checkRunRequests({
      name: 'n',
      headSha: 'c'.repeat(40),
      diagnostics: many(1),
      detailsUrl: 'https://github.com/o/r/actions/runs/7'
    })
    expect(only!.body.output.summary).toContain('(https://github.com/o/r/actions/runs/7)')
  })

  test('the conclusion line counts errors, warnings and the files they are in', () => {
    expect(
      conclusionLine([problem(), problem({ severity: 'warning' }), problem({ file: 'jobs/b.yaml' })])
    ).toBe('2 errors and 1 warning in 2 job files')
  })
})

describe('where the check run goes', () => {
  test('on a pull request, the head of the branch, not the merge commit in GITHUB_SHA', () => {
    expect(headShaOf({ pull_request: { head: { sha: 'f'.repeat(40) } } }, 'e'.repeat(40))).toBe(
      'f'.repeat(40)
    )
    expect(headShaOf({ ref: 'refs/heads/main' }, 'e'.repeat(40))).toBe('e'.repeat(40))
    expect(headShaOf(undefined, undefined)).toBeUndefined()
    expect(headShaOf({}, '')).toBeUndefined()
  })

  test('named after the job and the step id, so two validating steps in one job do not share a check run', () => {
    expect(checkRunName('validate', 'jobs-v1')).toBe('ModelArts job files (validate / jobs-v1)')
    expect(checkRunName('validate', 'jobs-v2')).not.toBe(checkRunName('validate', 'jobs-v1'))
    expect(checkRunName(undefined, 'jobs-v1')).toBe('ModelArts job files (jobs-v1)')
  })

  test('a step without an id set by the user is named after the job alone', () => {
    // The runner makes up `__run`, `__<owner>_<repo>` (with `_2`... for repeats) for steps without an id.
    expect(checkRunName('validate', '__octo-org_modelarts-action')).toBe('ModelArts job files (validate)')
    expect(checkRunName('validate', '__run_2')).toBe('ModelArts job files (validate)')
    expect(checkRunName('validate', undefined)).toBe('ModelArts job files (validate)')
    expect(checkRunName(undefined, '')).toBe('ModelArts job files')
    expect(checkRunName(undefined, undefined)).toBe('ModelArts job files')
  })
})

describe('the fallback note', () => {
  test('a refused token points at checks: write and forks', () => {
    for (const status of [403, 404]) {
      const reason = fallbackReason({ status, message: 'Resource not accessible by integration' })
      expect(reason).toContain('checks: write')
      expect(reason).toContain('fork')
    }
  })

  test('no token, and other failures, say what happened in one line', () => {
    expect(fallbackReason({ noToken: true })).toContain('`github_token`')
    expect(fallbackReason({ status: 502, message: 'Bad\nGateway' })).toBe(
      'posting them through a check run failed (HTTP 502: Bad Gateway)'
    )
    expect(fallbackReason({ message: 'connect ECONNREFUSED' })).toContain('(connect ECONNREFUSED)')
  })

  test('how many are not drawn and where they are listed', () => {
    const note = undrawnNote({
      undrawn: 50,
      total: 60,
      reason: 'R',
      summaryRows: 60,
      logGroup: 'All 60 problems'
    })
    expect(note).toMatch(/^50 problems of 60 are not drawn on the PR: .*R; the job summary lists all of them/)
    expect(note).toContain('"All 60 problems"')
    const capped = undrawnNote({ undrawn: 990, total: 1000, reason: 'R', summaryRows: 300, logGroup: 'G' })
    expect(capped).toContain('the first 300')
  })
})

describe('the note once the check run carries them', () => {
  test('a link in the summary, the address in the log', () => {
    expect(postedNote(60, 'ModelArts job files (validate)', 'https://github.com/o/r/runs/1', true)).toBe(
      'All 60 problems in job files are annotated on the check run ' +
        '[ModelArts job files (validate)](https://github.com/o/r/runs/1) (GitHub draws 10 errors and 10 warnings per step).'
    )
    expect(postedNote(2, 'n', 'https://github.com/o/r/runs/1', false)).toContain(
      'All 2 problems in job files are annotated on the check run "n": https://github.com/o/r/runs/1'
    )
  })
})

describe('notes in the job summary', () => {
  test('a note sits under the headline, before the file table', () => {
    const markdown = validationSummary([{ file: 'jobs/a.yaml', errors: 0, warnings: 0 }], [], undefined, [
      { level: 'warning', text: '`job_file` pattern `jobs/**/*.json` matches no file; skipped.' }
    ])
    const note = markdown.indexOf('> [!WARNING]\n> `job_file` pattern `jobs/**/*.json`')
    expect(note).toBeGreaterThan(markdown.indexOf('The job file is valid.'))
    expect(note).toBeLessThan(markdown.indexOf('| file | result |'))
  })

  test('no file at all: the one line as a caution', () => {
    expect(noJobFileSummary('No job file matches `job_file`.')).toContain(
      '> [!CAUTION]\n> No job file matches'
    )
  })
})

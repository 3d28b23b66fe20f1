/** Service and job file text in the job summary stays text: no image, link, heading, HTML or broken table. */
import type { JobDefinition, ValidDefinition } from '../../src/job/index.js'
import { summarizeMetrics } from '../../src/modelarts/metrics.js'
import { metricsMarkdown } from '../../src/report/metrics.js'
import {
  jobSummary as jobSummaryOf,
  escapeMarkdown,
  notCreatedSummary,
  validationSummary
} from '../../src/report/summary.js'
import { jobStatus } from '../../src/modelarts/v1-status.js'

const HOSTILE = [
  '<img src="https://evil.example/t.png">',
  '[Re-run with your token](https://evil.example/phish)',
  '![p](https://evil.example/p.png)',
  'x\r# INJECTED HEADING',
  'x\n# INJECTED HEADING',
  'a | b',
  '`code` <b>bold</b>'
]

/** Markdown lines that start a block the text should never start: a heading, a new table row from a broken cell. */
function expectInert(markdown: string, hostile: string): void {
  // GitHub ends a line at \n, \r\n and a bare \r.
  const lines = markdown.split(/\r\n|\r|\n/)
  // Inside a code span (fenced by a run of backticks) text is shown as typed: only the rest can be Markdown.
  markdown = lines.join('\n').replace(/(`+)[^\n]*?\1/g, '')
  expect(lines.filter(line => /^\s*#+ INJECTED/.test(line))).toEqual([])
  expect(markdown).not.toMatch(/(^|[^\\])<(img|b)\b/)
  expect(markdown).not.toMatch(/(^|[^\\])!?\[(Re-run|p)\b/)
  if (hostile.includes('|')) expect(markdown).not.toMatch(/[^\\]\| b/)
}

describe('service text in the summary', () => {
  test.each(HOSTILE)('escapeMarkdown(%j) leaves no Markdown or HTML and one line', hostile => {
    const escaped = escapeMarkdown(hostile)
    expect(escaped).not.toMatch(/[\r\n]/)
    expectInert(escaped, hostile)
  })

  test.each(HOSTILE)('a metric name %j is escaped; known names keep their labels', hostile => {
    const md = metricsMarkdown(
      summarizeMetrics([
        { metric: 'cpuUsage', values: [10, 20] },
        { metric: hostile, values: [1, 2] }
      ]),
      [`task\r# INJECTED HEADING ${hostile}`]
    )
    expect(md).toContain('| CPU usage |')
    expectInert(md, hostile)
    // The table keeps its 2 rows of data plus header and rule: nothing broke out of it.
    expect(md.split(/\r\n|\r|\n/).filter(line => line.startsWith('|'))).toHaveLength(4)
  })

  test.each(HOSTILE)('a create refused with the message %j: the caution stays one inert line', hostile => {
    const v1: ValidDefinition = {
      api: 'v1',
      definition: { job_name: 'j', config: { spec_id: 1 } } as JobDefinition
    }
    const md = notCreatedSummary(v1, 'https://modelarts.example', `HTTP 400: ${hostile}`)
    expectInert(md, hostile)
    const caution = md.split(/\r\n|\r|\n/).findIndex(line => line === '> [!CAUTION]')
    expect(md.split(/\r\n|\r|\n/)[caution + 1]).toMatch(/^> HTTP 400: /)
  })

  test.each(HOSTILE)('a problem message and rule %j in the validation table stay in their cells', hostile => {
    const md = validationSummary(
      [{ file: `jobs/a\`${hostile}.yaml`, errors: 1, warnings: 0 }],
      [
        {
          severity: 'error',
          rule: `rule ${hostile}`,
          message: `value ${hostile}`,
          path: ['config', 'spec_id'],
          file: 'jobs/a.yaml',
          line: 1
        }
      ]
    )
    expectInert(md, hostile)
  })

  test.each(HOSTILE)('version names %j from the service stay text in the headline', hostile => {
    const md = jobSummaryOf({
      definition: { api: 'v1', definition: { job_name: 'j', config: { spec_id: 1 } } as JobDefinition },
      jobName: 'j',
      kind: 'version',
      jobId: '10',
      versionId: '12',
      versionName: hostile,
      previousVersionName: hostile,
      status: jobStatus(8),
      endpoint: 'https://modelarts.example'
    })
    expectInert(md, hostile)
  })

  test('a file name with parentheses cannot end its link early', () => {
    const md = validationSummary(
      [{ file: 'jobs/a)**BOLD**_x_.yaml', errors: 1, warnings: 0 }],
      [{ severity: 'error', rule: 'r', message: 'm', path: [], file: 'jobs/a)**BOLD**_x_.yaml', line: 2 }],
      'https://github.com/o/r/blob/abc'
    )
    expect(md).toContain('(https://github.com/o/r/blob/abc/jobs/a%29**BOLD**_x_.yaml#L2)')
  })
})

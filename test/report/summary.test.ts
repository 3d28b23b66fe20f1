/** The training job summary, as the user reads it on the run page: pure functions of the results. */
import type { JobDefinition, ValidDefinition } from '../../src/job/index.js'
import type { JobStatus } from '../../src/modelarts/api.js'
import { jobSummary, notCreatedSummary, validationSummary, type JobReport } from '../../src/report/summary.js'

const definition: JobDefinition = {
  job_name: 'mnist-own-code',
  config: {
    worker_server_num: 1,
    app_url: '/my-bucket/mnist/code/',
    boot_file_url: '/my-bucket/mnist/code/train.py',
    data_url: '/my-bucket/mnist/data/',
    spec_id: 1,
    train_url: '/my-bucket/mnist/output/',
    parameter: [{ label: 'epochs', value: '3' }]
  }
} as JobDefinition

const running: JobStatus = {
  name: 'running',
  code: 8,
  phase: 'running',
  terminal: false,
  description: 'running'
}
const completed: JobStatus = {
  name: 'completed',
  code: 10,
  phase: 'succeeded',
  terminal: true,
  description: 'completed'
}
const PROVENANCE = 'Created by [run #17](https://github.com/o/r/actions/runs/4242) for commit [`0123456`](x).'

const v1: ValidDefinition = { api: 'v1', definition }

const report = (extra: Partial<JobReport> = {}): JobReport => ({
  definition: v1,
  jobName: 'mnist-own-code',
  kind: 'job',
  jobId: '12',
  versionId: '34',
  versionName: 'V0001',
  status: running,
  endpoint: 'https://modelarts.example',
  ...extra
})

/** Table rows whose every cell is empty: a header GitHub draws as a blank bar. */
const emptyRows = (markdown: string): string[] =>
  markdown.split('\n').filter(line => /^\|(\s*\|)+\s*$/.test(line) && !/-/.test(line))

describe('the job summary', () => {
  test('the key/value table has no empty header row', () => {
    const markdown = jobSummary(report())
    expect(markdown).toMatch(/^\| Job \| `mnist-own-code` \(id `12`\) \|$/m)
    expect(emptyRows(markdown)).toEqual([])
  })

  test('a new version names the version it follows by name, not by id', () => {
    const markdown = jobSummary(
      report({ kind: 'version', versionName: 'V0002', previousVersionId: '11', previousVersionName: 'V0001' })
    )
    expect(markdown).toContain('after V0001')
    expect(markdown).not.toContain('after version 11')
  })

  test('after a stop on timeout the status is no longer "running" and the timeline ends with the stop', () => {
    const markdown = jobSummary(
      report({
        outcome: 'timeout',
        stopped: true,
        waitedMs: 300_000,
        timeline: [
          { status: running, atMs: 0 },
          { status: running, atMs: 60_000 }
        ]
      })
    )
    const statusRow = markdown.split('\n').find(line => line.startsWith('| Status |'))
    expect(statusRow).toMatch(/stop requested/)
    expect(statusRow).toMatch(/^\| Status \| stopping/)
    const timeline = markdown.slice(markdown.indexOf('### Timeline'))
    expect(timeline.trim().split('\n').at(-1)).toBe('| 5m | stop requested (wait timed out) |')
  })

  test('a cancel that stopped the job before any status was read still shows the stop', () => {
    const markdown = jobSummary(report({ outcome: 'cancelled', stopped: true, waitedMs: 0, timeline: [] }))
    expect(markdown).toContain('| 0 ms | stop requested (workflow cancelled) |')
  })

  test('a job left running says so, without a stop in the timeline', () => {
    const markdown = jobSummary(
      report({ outcome: 'timeout', stopped: false, waitedMs: 1000, timeline: [{ status: running, atMs: 0 }] })
    )
    expect(markdown).not.toContain('stop requested')
    expect(markdown).toContain('left running')
  })

  test('run time (ModelArts) and the timeline (observed) are told apart', () => {
    const markdown = jobSummary(
      report({
        status: completed,
        outcome: 'terminal',
        durationMs: 125_000,
        waitedMs: 190_000,
        timeline: [
          { status: running, atMs: 0 },
          { status: completed, atMs: 190_000 }
        ]
      })
    )
    expect(markdown).toMatch(/\| Run time \| 2m 5s, as ModelArts counts it \(the `duration` output\)/)
    expect(markdown).toMatch(/### Timeline\n\nAs this step saw it: time since it began waiting/)
  })

  test('names are escaped: underscores never turn into bold text', () => {
    const markdown = jobSummary(
      report({
        definition: { api: 'v1', definition: { ...definition, job_name: '__demo__' } },
        jobName: '__demo__'
      })
    )
    expect(markdown).toContain('\\_\\_demo\\_\\_')
    expect(markdown).not.toMatch(/\*\*__demo__\*\*/)
  })
})

describe('the summary of a create that failed', () => {
  test('says what was requested and which run asked for it', () => {
    const markdown = notCreatedSummary(v1, 'https://modelarts.example', 'HTTP 400: bad spec', PROVENANCE)
    expect(markdown).toContain('was not created')
    expect(markdown).toContain(PROVENANCE)
    expect(markdown).toContain('| Resources | 1 worker, public pool, spec `1` |')
    expect(markdown).toContain('`/my-bucket/mnist/data/`')
    expect(markdown).toContain('`epochs=3`')
    expect(emptyRows(markdown)).toEqual([])
  })
})

describe('the validation summary', () => {
  test('link texts are escaped: a path like __fixtures__/… does not render bold', () => {
    const markdown = validationSummary(
      [{ file: '__fixtures__/jobs/a.yaml', errors: 1, warnings: 0 }],
      [
        {
          severity: 'error',
          rule: 'Resource pool',
          message: 'no pool',
          file: '__fixtures__/jobs/a.yaml',
          line: 3,
          column: 1,
          path: []
        }
      ],
      'https://github.com/o/r/blob/abc'
    )
    expect(markdown).toContain(
      '[\\_\\_fixtures\\_\\_/jobs/a.yaml:3:1](https://github.com/o/r/blob/abc/__fixtures__/jobs/a.yaml#L3)'
    )
  })
})

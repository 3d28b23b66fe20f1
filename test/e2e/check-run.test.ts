/**
 * More problems than the runner draws (10 errors, 10 warnings per step): the bundled action posts every one through
 * a check run, 50 per request, to a stand-in GitHub API; without `checks: write` it falls back to workflow-command
 * annotations and says once, in the log and the summary, how many are not drawn and where they are listed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction, type RunResult } from '../emulator/run-action.mjs'
import {
  ANNOTATIONS_PER_REQUEST,
  startGitHubApi,
  type Annotation,
  type GitHubApi
} from '../emulator/github-api.mjs'
import { buildJobDefinition } from '../../src/job/index.js'
import { failure } from './helpers.js'

const FILES = 60
const HEAD_SHA = 'a1'.repeat(20)
const MERGE_SHA = 'b2'.repeat(20)
const JOB = 'validate'
const STEP = 'check-jobs'
/** Named after the job and the step's id: two validating steps in one job get a check run each. */
const NAME = `ModelArts job files (${JOB} / ${STEP})`

/** Job file i, with one planted problem: a volumes mapping spanning two lines, or a misspelt parameter key. */
function jobFile(i: number): string {
  const lines = [
    `job_name: check-run-${i}`,
    'config:',
    '  worker_server_num: 1',
    '  app_url: /bucket/code/',
    '  boot_file_url: /bucket/code/train.py',
    '  engine_id: 1',
    `  data_url: /bucket/data/${i}/`,
    '  spec_id: 1',
    '  train_url: /bucket/output/'
  ]
  if (i % 2 === 0) lines.push('  volumes:', '    nfs:', '      id: share')
  else lines.push('  parameter:', '    - label: lr', '      valu: 0.1')
  return lines.join('\n') + '\n'
}

let workspace: string
let eventPath: string
/** What the Checks API should receive, computed from the job-file rules, not from the code under test. */
let expected: Annotation[]

const byPlace = (a: Annotation, b: Annotation) => a.path.localeCompare(b.path) || a.start_line - b.start_line

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'check-run-'))
  mkdirSync(join(workspace, 'jobs'))
  expected = []
  for (let i = 0; i < FILES; i++) {
    const file = `jobs/job-${String(i).padStart(2, '0')}.yaml`
    const text = jobFile(i)
    writeFileSync(join(workspace, file), text)
    for (const d of buildJobDefinition({ file, text }, {}).diagnostics) {
      const oneLine = d.line === d.endLine
      expected.push({
        path: file,
        start_line: d.line!,
        end_line: d.endLine!,
        ...(oneLine ? { start_column: d.column!, end_column: d.endColumn! } : {}),
        annotation_level: d.severity === 'error' ? 'failure' : 'warning',
        message: d.message,
        title: d.rule
      })
    }
  }
  expected.sort(byPlace)
  eventPath = join(workspace, 'event.json')
  writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 7, head: { sha: HEAD_SHA } } }))
})
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

function validate(api: GitHubApi | undefined, token: string | undefined): Promise<RunResult> {
  return runAction({
    cwd: workspace,
    inputs: { validate_only: 'true', job_file: 'jobs/*.yaml', github_token: token },
    env: {
      GITHUB_API_URL: api?.url ?? 'http://127.0.0.1:9',
      GITHUB_SHA: MERGE_SHA,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_JOB: JOB,
      GITHUB_ACTION: STEP
    }
  })
}

/** File annotations drawn through workflow commands, in the Checks API's terms. */
const drawn = (run: RunResult): Annotation[] =>
  run.commands
    .filter(c => (c.command === 'error' || c.command === 'warning') && c.properties.file)
    .map(c => ({
      path: c.properties.file!,
      start_line: Number(c.properties.line),
      end_line: Number(c.properties.endLine),
      ...(c.properties.col === undefined
        ? {}
        : { start_column: Number(c.properties.col), end_column: Number(c.properties.endColumn) }),
      annotation_level: c.command === 'error' ? 'failure' : 'warning',
      message: c.message,
      title: c.properties.title!
    }))
    .sort(byPlace)

/** The step's result depends on the job files only: the same with or without a check run. */
function expectSameResult(run: RunResult): void {
  expect(run.code).toBe(1)
  expect(run.outputs).toMatchObject({
    valid: 'false',
    files_checked: String(FILES),
    problems: String(expected.filter(a => a.annotation_level === 'failure').length)
  })
  expect(run.stderr).toBe('')
}

const notices = (run: RunResult): string[] =>
  run.commands.filter(c => c.command === 'notice').map(c => c.message)

test('the planted problems are more than the runner draws, on one line and across lines', () => {
  expect(expected.length).toBeGreaterThanOrEqual(FILES)
  expect(expected.length).toBeGreaterThan(ANNOTATIONS_PER_REQUEST)
  expect(expected.some(a => a.start_line !== a.end_line)).toBe(true)
  expect(expected.some(a => a.start_column !== undefined)).toBe(true)
})

describe('with checks: write', () => {
  let api: GitHubApi
  let run: RunResult
  beforeAll(async () => {
    api = await startGitHubApi()
    run = await validate(api, api.token)
  })
  afterAll(() => api.close())

  test('every problem arrives on one check run at the PR head, in batches of at most 50', () => {
    expectSameResult(run)
    const batches = Math.ceil(expected.length / ANNOTATIONS_PER_REQUEST)
    expect(api.requests.map(r => `${r.method} ${r.status}`)).toEqual([
      'POST 201',
      ...Array.from({ length: batches - 1 }, () => 'PATCH 200')
    ])
    for (const request of api.requests) {
      expect(request.authorization).toBe(`token ${api.token}`)
      const body = request.body as { output: { annotations: Annotation[] } }
      expect(body.output.annotations.length).toBeGreaterThan(0)
      expect(body.output.annotations.length).toBeLessThanOrEqual(ANNOTATIONS_PER_REQUEST)
    }
    expect(api.requests[0]!.path).toBe('/repos/octo-org/octo-repo/check-runs')

    expect(api.checkRuns.size).toBe(1)
    const errors = expected.filter(a => a.annotation_level === 'failure').length
    const [checkRun] = [...api.checkRuns.values()]
    expect(checkRun).toMatchObject({
      name: NAME,
      head_sha: HEAD_SHA,
      status: 'completed',
      conclusion: 'failure',
      title: `${errors} errors and ${expected.length - errors} warnings in ${FILES} job files`
    })
    expect([...checkRun!.annotations].sort(byPlace)).toEqual(expected)
  })

  test('nothing is drawn twice: no workflow-command annotations; the log and the summary link the check run', () => {
    expect(drawn(run)).toEqual([])
    const url = `${api.url}/html/octo-org/octo-repo/runs/${[...api.checkRuns.keys()][0]}`
    expect(run.stdout).toContain(`annotated on the check run "${NAME}": ${url} (GitHub`)
    expect(run.summary).toContain(`](${url})`)
    expect(run.stdout).toContain(`::group::All ${expected.length} problems`)
    expect(notices(run)).toEqual([])
  })

  test('the failure line points at the check run, not at annotations above that are not there', () => {
    const url = `${api.url}/html/octo-org/octo-repo/runs/${[...api.checkRuns.keys()][0]}`
    const errors = expected.filter(a => a.annotation_level === 'failure')
    const invalid = new Set(errors.map(a => a.path)).size
    expect(failure(run)).toBe(
      `${invalid} of ${FILES} job files have problems (${errors.length} errors), ` +
        `annotated on the check run "${NAME}": ${url}; nothing was sent to Huawei Cloud.`
    )
  })

  test('the token is masked and printed nowhere else', () => {
    const masked = run.commands.filter(c => c.command === 'add-mask').map(c => c.message)
    expect(masked).toContain(api.token)
    expect(run.stdout.split(api.token).length - 1).toBe(1)
    expect(run.summary).not.toContain(api.token)
  })
})

describe('without checks: write', () => {
  let api: GitHubApi
  let run: RunResult
  beforeAll(async () => {
    api = await startGitHubApi({ checksWrite: false })
    run = await validate(api, api.token)
  })
  afterAll(() => api.close())

  test('the refused check run falls back to every workflow-command annotation', () => {
    expectSameResult(run)
    expect(api.requests.map(r => `${r.method} ${r.status}`)).toEqual(['POST 403'])
    expect(api.checkRuns.size).toBe(0)
    expect(drawn(run)).toEqual(expected)
    expect(failure(run)).toMatch(/, annotated above; nothing was sent to Huawei Cloud\.$/)
  })

  test('the note says once, in the log and the summary, how many are not drawn and where they are listed', () => {
    const undrawn = expected.length - 10
    const [note, ...more] = notices(run)
    expect(more).toEqual([])
    expect(note).toMatch(new RegExp(`^${undrawn} problems of ${expected.length} are not drawn on the PR`))
    expect(note).toContain('checks: write')
    expect(note).toContain('the job summary lists all of them')
    expect(run.summary.split(note!).length - 1).toBe(1)
    // The summary's table lists every problem.
    for (const a of expected) expect(run.summary).toContain(`${a.path}:${a.start_line}`)
  })
})

test('without a token: no request at all, the same fallback and note', async () => {
  const api = await startGitHubApi()
  try {
    const run = await validate(api, undefined)
    expectSameResult(run)
    expect(api.requests).toEqual([])
    expect(drawn(run)).toEqual(expected)
    expect(notices(run)).toHaveLength(1)
    expect(notices(run)[0]).toContain('no `github_token`')
  } finally {
    await api.close()
  }
})

test('a check run that fails half-way is completed as neutral, and the step ends as it would anyway', async () => {
  const api = await startGitHubApi({ fault: { method: 'PATCH', status: 502, times: 1 } })
  try {
    const run = await validate(api, api.token)
    expectSameResult(run)
    expect(api.requests.map(r => `${r.method} ${r.status}`)).toEqual(['POST 201', 'PATCH 502', 'PATCH 200'])
    expect([...api.checkRuns.values()][0]).toMatchObject({ status: 'completed', conclusion: 'neutral' })
    expect(drawn(run)).toEqual(expected)
    expect(notices(run)).toHaveLength(1)
    expect(notices(run)[0]).toContain('HTTP 502')
  } finally {
    await api.close()
  }
})

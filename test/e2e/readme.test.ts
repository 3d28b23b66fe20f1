/**
 * The README's examples run as written: its job files are valid, and its pull-request example passes on a
 * repository that has only .yaml/.yml job files. Everything is read from README.md itself, never from a copy.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import { runAction, REPO_ROOT } from '../emulator/run-action.mjs'
import { asWorkflow, workflowExamples } from '../../scripts/lint-workflows.mjs'

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')

/** The fenced YAML blocks of the README, as written. */
const yamlBlocks = [...readme.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map(m => m[1] ?? '')

/** Job files: a block whose first line names its path, `# jobs/….yaml`. */
const jobFiles = yamlBlocks
  .map(text => ({ path: /^# (jobs\/[\w./-]+\.ya?ml)\n/.exec(text)?.[1], text }))
  .filter((file): file is { path: string; text: string } => file.path !== undefined)

interface Step {
  uses?: string
  with?: Record<string, unknown>
}
/** The `with:` of the README's pull-request workflow: the step that validates, under its section. */
function pullRequestStep(): Record<string, unknown> {
  const section = readme.slice(readme.indexOf('### Check job files on pull requests'))
  const block = /^```yaml\n([\s\S]*?)^```$/m.exec(section)?.[1] ?? ''
  const workflow = parse(block) as { on: Record<string, unknown>; jobs: Record<string, { steps: Step[] }> }
  expect(Object.keys(workflow.on)).toContain('pull_request')
  const steps = Object.values(workflow.jobs).flatMap(job => job.steps)
  const step = steps.find(s => s.with?.validate_only === true)
  if (!step?.with) throw new Error('the README has no pull-request step with validate_only: true')
  return step.with
}

let workspace: string
beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'readme-workspace-'))
})
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const write = (path: string, text: string): void => {
  mkdirSync(dirname(join(workspace, path)), { recursive: true })
  writeFileSync(join(workspace, path), text)
}

test('the README shows a v2 and a v1 job file', () => {
  expect(jobFiles.map(f => f.path)).toEqual(expect.arrayContaining(['jobs/mnist.yaml', 'jobs/resnet.yaml']))
  expect(jobFiles.find(f => f.path === 'jobs/mnist.yaml')?.text).toMatch(/^kind: job$/m)
})

/**
 * The steps of this action in the README's workflow examples, with the region they target: their own `region`,
 * or the one an earlier huaweicloud/auth-action step of the job exports.
 */
function actionSteps(): { line: number; region?: string; endpoint?: unknown; jobFile?: unknown }[] {
  const found = []
  for (const { line, text } of workflowExamples(readme)) {
    const doc = parse(asWorkflow(text).workflow) as { jobs: Record<string, { steps?: Step[] }> }
    for (const job of Object.values(doc.jobs)) {
      let exported: string | undefined
      for (const step of job.steps ?? []) {
        if (step.uses?.startsWith('huaweicloud/auth-action@'))
          exported = step.with?.region as string | undefined
        if (!/\/modelarts-training-job-action@/.test(step.uses ?? '')) continue
        const region = (step.with?.region as string | undefined) ?? exported
        found.push({ line, region, endpoint: step.with?.endpoint, jobFile: step.with?.job_file })
      }
    }
  }
  return found
}

/** A job file's API by its top-level keys, as the action decides it: `config` is v1; kind, metadata, algorithm, spec v2. */
const apiOf = (text: string): 'v1' | 'v2' | undefined => {
  const keys = Object.keys((parse(text) as Record<string, unknown> | null) ?? {})
  const first = keys.find(key => ['config', 'kind', 'metadata', 'algorithm', 'spec'].includes(key))
  return first === undefined ? undefined : first === 'config' ? 'v1' : 'v2'
}

test('every example aimed at a Huawei Cloud public region (a region, no endpoint of another cloud) uses a v2 job file: those regions serve only v2', () => {
  const publicSteps = actionSteps().filter(s => s.region !== undefined && s.endpoint === undefined)
  expect(publicSteps.length).toBeGreaterThanOrEqual(3) // the quick start, the access keys, train on merge, ...
  const wrong = publicSteps
    .map(step => {
      const file = jobFiles.find(f => f.path === step.jobFile)
      // Every job file such an example names is shown in the README, so its API can be read.
      const api = file === undefined ? `not shown in the README` : apiOf(file.text)
      return { line: step.line, region: step.region, jobFile: step.jobFile, api }
    })
    .filter(step => step.api !== 'v2')
  expect(wrong).toEqual([])
  // The v1 example stays, aimed at a cloud that serves v1 through its own endpoint.
  const v1 = actionSteps().filter(s => s.jobFile === 'jobs/resnet.yaml')
  expect(v1.length).toBeGreaterThan(0)
  expect(v1.every(s => typeof s.endpoint === 'string' && !/myhuaweicloud/.test(s.endpoint))).toBe(true)
})

test('the pull-request example passes on a repository with only .yaml and .yml job files, the README files among them', async () => {
  for (const file of jobFiles) write(file.path, file.text)
  // A .yml file in a subdirectory: the patterns must find it too.
  const first = jobFiles[0]!
  write('jobs/nested/copy.yml', first.text)
  const inputs = pullRequestStep()
  expect(String(inputs.job_file)).toMatch(/\.json/) // the pattern that matches nothing here

  const run = await runAction({
    cwd: workspace,
    inputs: Object.fromEntries(Object.entries(inputs).map(([name, value]) => [name, String(value)]))
  })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(run.outputs).toMatchObject({
    valid: 'true',
    files_checked: String(jobFiles.length + 1),
    problems: '0'
  })
  // Every README job file is valid as written: no error annotation at all.
  expect(run.commands.filter(c => c.command === 'error')).toEqual([])
  // The *.json line matches nothing: a warning, not a failure.
  expect(run.commands.some(c => c.command === 'warning' && /\.json/.test(c.message))).toBe(true)
})

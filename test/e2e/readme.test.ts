/**
 * The README's examples run as written: its job files are valid, and its pull-request example passes on a
 * repository that has only .yaml/.yml job files. Everything is read from README.md itself, never from a copy.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import { runAction, REPO_ROOT } from '../emulator/run-action.mjs'

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

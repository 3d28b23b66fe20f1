/**
 * `validate_only` end to end: the bundled action checks job files by path and glob, with one annotation per
 * problem at its exact position, no credentials and no network.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction, REPO_ROOT, type RunResult } from '../emulator/run-action.mjs'
import { expectedDiagnostics } from '../job/fixtures.js'
import { failure } from './helpers.js'

const INVALID = '__fixtures__/jobs/invalid'
const expectedByFile = expectedDiagnostics()

/** Records every outgoing connection the action attempts, from inside its process. */
function networkProbe(): { env: Record<string, string>; attempts: () => string[]; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'net-probe-'))
  const log = join(dir, 'connections')
  const probe = join(dir, 'probe.mjs')
  writeFileSync(
    probe,
    `import net from 'node:net'; import { appendFileSync } from 'node:fs'
const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function (...args) {
  appendFileSync(${JSON.stringify(log)}, JSON.stringify(args[0]) + '\\n')
  return connect.apply(this, args)
}\n`
  )
  return {
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${probe}`.trim() },
    attempts: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
    dispose: () => rmSync(dir, { recursive: true, force: true })
  }
}

const annotations = (run: RunResult) =>
  run.commands
    .filter(c => (c.command === 'error' || c.command === 'warning') && c.properties.file)
    .map(c => ({
      file: c.properties.file!,
      line: Number(c.properties.line),
      endLine: Number(c.properties.endLine),
      // GitHub takes columns only on single-line annotations.
      column: c.properties.col === undefined ? undefined : Number(c.properties.col),
      endColumn: c.properties.endColumn === undefined ? undefined : Number(c.properties.endColumn),
      severity: c.command,
      rule: c.properties.title
    }))

const byPosition = (a: { file: string; line: number; column?: number }, b: typeof a) =>
  a.file.localeCompare(b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0)

describe('validate_only on many files', () => {
  test('planted problems give exactly the expected annotations, with no credentials and no socket opened', async () => {
    const probe = networkProbe()
    try {
      const run = await runAction({
        inputs: {
          validate_only: 'true',
          job_file: `${INVALID}/*.yaml\n!${INVALID}/empty.yaml\n${INVALID}/empty.yaml`
        },
        env: { ...probe.env, HUAWEI_CLOUD_ACCESS_KEY_ID: undefined, HUAWEICLOUD_SDK_AK: undefined }
      })
      expect(run.code).toBe(1)
      expect(probe.attempts()).toEqual([])

      const expected = Object.entries(expectedByFile).flatMap(([file, list]) =>
        list.map(d => ({
          file: `${INVALID}/${file}`,
          line: d.line,
          endLine: d.endLine,
          column: d.endLine === d.line ? d.column : undefined,
          endColumn: d.endLine === d.line ? d.endColumn : undefined,
          severity: d.severity,
          rule: d.rule
        }))
      )
      expect(annotations(run).sort(byPosition)).toEqual(expected.sort(byPosition))

      const checked = readdirSync(join(REPO_ROOT, INVALID)).filter(
        f => f !== 'expected.json' && /\.(ya?ml|json)$/.test(f)
      )
      expect(run.outputs.files_checked).toBe(String(checked.length))
      expect(run.outputs.valid).toBe('false')
      expect(run.outputs.problems).toBe(String(expected.filter(d => d.severity === 'error').length))
      for (const file of checked) expect(run.summary).toContain(file)
    } finally {
      probe.dispose()
    }
  })

  test('valid files pass, and each request body is printed in a collapsed group with the inputs applied', async () => {
    const run = await runAction({
      inputs: { validate_only: 'true', job_file: '__fixtures__/jobs/valid/*', job_desc: 'from the input' }
    })
    expect(run.code).toBe(0)
    expect(run.outputs.valid).toBe('true')
    const groups = run.commands.filter(c => c.command === 'group')
    expect(groups.length).toBe(Number(run.outputs.files_checked))
    expect(Number(run.outputs.files_checked)).toBeGreaterThanOrEqual(4)
    // The body of the first group is the JSON printed right after it.
    const afterGroup = run.stdout.split('::group::')[1]!.split('::endgroup::')[0]!
    const body = JSON.parse(afterGroup.slice(afterGroup.indexOf('\n') + 1))
    expect(body.job_desc).toBe('from the input')
    expect(run.outputs.problems).toBe('0')
  })

  test('v1 and v2 files in one glob pass, each body printed under its API', async () => {
    const run = await runAction({
      inputs: {
        validate_only: 'true',
        job_file:
          '__fixtures__/jobs/valid/*\n__fixtures__/jobs/v2/samples/*.json\n__fixtures__/jobs/v2/*.yaml',
        job_desc: 'from the input'
      }
    })
    expect(run.code).toBe(0)
    expect(run.outputs.problems).toBe('0')
    const titled = run.stdout
      .split('::group::')
      .slice(1)
      .map(group => {
        const [title, rest] = [group.slice(0, group.indexOf('\n')), group.slice(group.indexOf('\n') + 1)]
        return { title, body: JSON.parse(rest.split('::endgroup::')[0]!) as Record<string, unknown> }
      })
    expect(titled.length).toBe(Number(run.outputs.files_checked))
    const v2 = titled.filter(g => g.title.includes(': v2 request body'))
    const v1 = titled.filter(g => g.title.includes(': v1 request body'))
    expect(v2.map(g => g.title.split(':')[0]).sort()).toEqual([
      '✓ __fixtures__/jobs/v2/null-optionals.yaml',
      '✓ __fixtures__/jobs/v2/own-code.yaml',
      '✓ __fixtures__/jobs/v2/samples/sample-1.json',
      '✓ __fixtures__/jobs/v2/samples/sample-2.json',
      '✓ __fixtures__/jobs/v2/samples/sample-3.json',
      '✓ __fixtures__/jobs/v2/samples/sample-4.json'
    ])
    expect(v1.length + v2.length).toBe(titled.length)
    // The input fills a description written as null (not given), in v1 (sdk-shape.json) as in v2.
    for (const { body } of v1) expect(body.job_desc).toBe('from the input')
    // v2 keeps the description under metadata; the body is v2's, with no v1 key.
    for (const { body } of v2) {
      expect((body.metadata as Record<string, unknown>).description).toBe('from the input')
      expect(body.config).toBeUndefined()
    }
  })

  test('api_version and overrides apply to every file, and v2 problems are annotated at their place', async () => {
    const V2_INVALID = '__fixtures__/jobs/v2/invalid'
    const run = await runAction({ inputs: { validate_only: 'true', job_file: `${V2_INVALID}/*.yaml` } })
    expect(run.code).toBe(1)
    const expected = Object.entries(expectedDiagnostics('v2/invalid')).flatMap(([file, list]) =>
      list.map(d => ({
        file: `${V2_INVALID}/${file}`,
        line: d.line,
        endLine: d.endLine,
        column: d.endLine === d.line ? d.column : undefined,
        endColumn: d.endLine === d.line ? d.endColumn : undefined,
        severity: d.severity,
        rule: d.rule
      }))
    )
    expect(annotations(run).sort(byPosition)).toEqual(expected.sort(byPosition))

    const overridden = await runAction({
      inputs: {
        validate_only: 'true',
        job_file: '__fixtures__/jobs/v2/own-code.yaml',
        api_version: 'v2',
        overrides: '  spec:\n    resource:\n      node_count: 2\n'
      }
    })
    expect(overridden.code).toBe(0)
    const group = overridden.stdout.split('::group::')[1]!.split('::endgroup::')[0]!
    const body = JSON.parse(group.slice(group.indexOf('\n') + 1))
    expect(body.spec.resource.node_count).toBe(2)

    const asV1 = await runAction({
      inputs: { validate_only: 'true', job_file: '__fixtures__/jobs/v2/own-code.yaml', api_version: 'v1' }
    })
    expect(asV1.code).toBe(1)
    expect(annotations(asV1).some(a => a.severity === 'error' && a.rule === 'API version')).toBe(true)

    const badInput = await runAction({
      inputs: { validate_only: 'true', job_file: '__fixtures__/jobs/v2/own-code.yaml', api_version: 'v3' }
    })
    expect(badInput.code).toBe(1)
    expect(failure(badInput)).toBe(
      'Input `api_version` is "v3": write auto (the job file\'s keys decide), v1 or v2.'
    )
  })

  test('a named file that does not exist is an error; a glob beside it that matches nothing, a warning', async () => {
    const run = await runAction({
      inputs: { validate_only: 'true', job_file: 'nowhere/**/*.yaml\njobs/missing.yaml' }
    })
    expect(run.code).toBe(1)
    const messages = (command: string) => run.commands.filter(c => c.command === command).map(c => c.message)
    expect(messages('warning')).toEqual(['`job_file` pattern `nowhere/**/*.yaml` matches no file; skipped.'])
    expect(messages('error').some(m => m.includes('jobs/missing.yaml') && m.includes('does not exist'))).toBe(
      true
    )
    expect(run.outputs.files_checked).toBe('1')
    expect(run.stderr).toBe('')
  })

  test('a pattern that matches nothing beside one that matches: a warning, and the step passes', async () => {
    const run = await runAction({
      inputs: {
        validate_only: 'true',
        job_file:
          '__fixtures__/jobs/valid/*.yaml\n__fixtures__/jobs/valid/**/*.yml\n__fixtures__/jobs/valid/*.json'
      }
    })
    expect(run.code).toBe(0)
    const warnings = run.commands.filter(c => c.command === 'warning')
    expect(warnings.map(c => c.message)).toEqual([
      '`job_file` pattern `__fixtures__/jobs/valid/**/*.yml` matches no file; skipped.'
    ])
    // Files only: the pattern that matched nothing is no row and no count.
    const files = readdirSync(join(REPO_ROOT, '__fixtures__/jobs/valid')).filter(f =>
      /\.(yaml|json)$/.test(f)
    )
    expect(run.outputs).toMatchObject({ valid: 'true', files_checked: String(files.length), problems: '0' })
    expect(run.summary).toContain(
      '> [!WARNING]\n> `job_file` pattern `__fixtures__/jobs/valid/**/*.yml` matches no file'
    )
    expect(run.summary).toContain(`All ${files.length} job files are valid.`)
    expect(run.summary).not.toContain('| `__fixtures__/jobs/valid/**/*.yml` |')
  })

  test('patterns that together match no file fail the step with one line', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-jobs-'))
    const run = await runAction({
      inputs: { validate_only: 'true', job_file: 'jobs/**/*.yaml\njobs/**/*.json' },
      cwd: empty
    }).finally(() => rmSync(empty, { recursive: true, force: true }))
    expect(run.code).toBe(1)
    const lines = run.commands.filter(c => c.command === 'error' || c.command === 'warning')
    expect(lines).toHaveLength(1)
    expect(lines[0]!.command).toBe('error')
    expect(lines[0]!.message).toMatch(
      /^No job file matches `job_file` \(`jobs\/\*\*\/\*\.yaml`, `jobs\/\*\*\/\*\.json`\) under .+; check the paths and globs\.$/
    )
    expect(run.outputs).toMatchObject({ valid: 'false', files_checked: '0', problems: '0' })
    expect(run.summary).toContain('> [!CAUTION]')
    expect(run.stderr).toBe('')
  })

  test('the vendor sample bodies pass, with a resource pool warning each (they set spec_id and pool_id)', async () => {
    const run = await runAction({
      inputs: { validate_only: 'true', job_file: '__fixtures__/jobs/vendor/*.json' }
    })
    expect(run.code).toBe(0)
    expect(annotations(run).filter(a => a.severity === 'error')).toEqual([])
    const found = annotations(run).filter(a => a.severity === 'warning')
    expect(found).toHaveLength(3)
    expect(new Set(found.map(a => a.rule))).toEqual(new Set(['Resource pool']))
  })

  test('a structured input whose first line is indented keeps its indentation', async () => {
    const run = await runAction({
      inputs: {
        validate_only: 'true',
        job_name: 'indented',
        worker_server_num: '1',
        data_url: '/bucket/data/',
        spec_id: '1',
        model_id: '3',
        parameter: '  - label: lr\n    value: "0.1"\n  - label: epochs\n    value: "3"\n'
      }
    })
    expect(run.code).toBe(0)
    const afterGroup = run.stdout.split('::group::')[1]!.split('::endgroup::')[0]!
    const body = JSON.parse(afterGroup.slice(afterGroup.indexOf('\n') + 1))
    expect(body.config.parameter).toEqual([
      { label: 'lr', value: '0.1' },
      { label: 'epochs', value: '3' }
    ])
  })
})

/**
 * validate_only on one glob of v1 and v2 files, end to end: each file is judged by its own API, and every
 * problem is annotated at its exact position (no credentials, nothing sent).
 */
import { runAction, type RunResult } from '../emulator/run-action.mjs'
import { expectedDiagnostics } from '../job/fixtures.js'
import { failure } from './helpers.js'

const V1 = '__fixtures__/jobs/invalid'
const V2 = '__fixtures__/jobs/v2/invalid'

const annotations = (run: RunResult) =>
  run.commands
    .filter(c => (c.command === 'error' || c.command === 'warning') && c.properties.file)
    .map(c => ({
      file: c.properties.file!,
      line: Number(c.properties.line),
      endLine: Number(c.properties.endLine),
      column: c.properties.col === undefined ? undefined : Number(c.properties.col),
      endColumn: c.properties.endColumn === undefined ? undefined : Number(c.properties.endColumn),
      severity: c.command,
      rule: c.properties.title
    }))

const byPosition = (a: { file: string; line: number; column?: number }, b: typeof a) =>
  a.file.localeCompare(b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0)

/** The annotations the fixtures promise for these files of a folder, as the runner receives them. */
function expectedFor(folder: string, prefix: string, files: string[]) {
  const all = expectedDiagnostics(folder)
  return files.flatMap(file =>
    (all[file] ?? []).map(d => ({
      file: `${prefix}/${file}`,
      line: d.line,
      endLine: d.endLine,
      // GitHub takes columns only on single-line annotations.
      column: d.endLine === d.line ? d.column : undefined,
      endColumn: d.endLine === d.line ? d.endColumn : undefined,
      severity: d.severity,
      rule: d.rule
    }))
  )
}

test('a mixed v1/v2 glob: each file judged by its API, every problem at its exact place', async () => {
  const v1Files = ['boot-file.yaml', 'code-pair.yaml', 'data-both.yaml']
  const v2Files = ['mixed.yaml', 'rules-code.yaml']
  const run = await runAction({
    inputs: {
      validate_only: 'true',
      job_file: [
        ...v1Files.map(file => `${V1}/${file}`),
        ...v2Files.map(file => `${V2}/${file}`),
        '__fixtures__/jobs/valid/own-code.yaml',
        '__fixtures__/jobs/v2/own-code.yaml'
      ].join('\n')
    }
  })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(1)
  const expected = [...expectedFor('invalid', V1, v1Files), ...expectedFor('v2/invalid', V2, v2Files)]
  expect(expected.length).toBe(8)
  expect(annotations(run).sort(byPosition)).toEqual(expected.sort(byPosition))
  expect(run.outputs).toEqual({ valid: 'false', files_checked: '7', problems: String(expected.length) })
  expect(failure(run)).toMatch(/^5 of 7 job files have problems/)
  // Each valid file passes under its own API.
  expect(run.stdout).toContain('✓ __fixtures__/jobs/valid/own-code.yaml: v1 request body')
  expect(run.stdout).toContain('✓ __fixtures__/jobs/v2/own-code.yaml: v2 request body')
})

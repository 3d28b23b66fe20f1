/** action.yml, the code and the README tell the same story: every input and output, with its default. */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { DEFINITION_INPUT_NAMES } from '../src/job/input-names.js'
import { REPO_ROOT } from './emulator/run-action.mjs'

const read = (file: string): string => readFileSync(join(REPO_ROOT, file), 'utf8')
const action = parse(read('action.yml')) as {
  inputs: Record<string, { default?: string; description: string }>
  outputs: Record<string, { description: string }>
  runs: Record<string, string>
}
const readme = read('README.md')

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : []
  )
}
const source = sourceFiles('src').map(read).join('\n')
const matches = (pattern: RegExp): string[] => [...source.matchAll(pattern)].map(m => m[1]!)

describe('the contract', () => {
  test('every input of the design is declared, with the design defaults', () => {
    const behaviour = {
      api_version: 'auto',
      validate_only: 'false',
      preflight: 'true',
      if_exists: 'fail',
      wait: 'false',
      timeout: '5h50m',
      poll_interval: '30s',
      fail_on_job_failure: 'true',
      stop_on_cancel: 'true',
      stream_logs: 'true',
      describe_origin: 'true',
      github_token: '${{ github.token }}'
    }
    const others = [
      'region',
      'project_id',
      'endpoint',
      'iam_endpoint',
      'access_key',
      'secret_key',
      'security_token'
    ]
    const more = ['auth_token', 'idp_id', 'oidc_audience', 'job_file', 'overrides']
    for (const name of [...others, ...more, ...DEFINITION_INPUT_NAMES]) {
      expect(action.inputs[name]).toBeDefined()
      expect(action.inputs[name]!.default).toBeUndefined()
    }
    for (const [name, value] of Object.entries(behaviour)) expect(action.inputs[name]?.default).toBe(value)
  })

  test('the code reads only declared inputs and sets only declared outputs', () => {
    const used = new Set([
      ...matches(/\b(?:input|bool|duration|getInput)\('([a-z_]+)'/g),
      ...DEFINITION_INPUT_NAMES
    ])
    expect(used.size).toBeGreaterThan(30)
    for (const name of used) expect(Object.keys(action.inputs)).toContain(name)
    const set = new Set(matches(/setOutput\('([a-z_]+)'/g))
    expect([...set].sort()).toEqual(Object.keys(action.outputs).sort())
  })

  test('the README documents every input and output', () => {
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
      expect(readme).toContain(`\`${name}\``)
    }
  })

  test('the runner starts the one bundle the build writes, on node24, with a post step only on cancel', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/index.js',
      'post-if': 'cancelled()'
    })
  })
})

/** Hostile job files are bounded: problems per file, list sizes. */
import { buildJobDefinition } from '../../src/job/index.js'
import { MAX_PROBLEMS_PER_FILE } from '../../src/job/build.js'
import { v1Profile } from '../../src/job/v1/profile.js'
import { v2Profile } from '../../src/job/v2/profile.js'
import { MAX_ENTRIES, MAX_NESTING_DEPTH, shapeBeyond } from '../../src/job/load.js'
import { jobSource } from './fixtures.js'

const valid = jobSource('valid/own-code.yaml').text
const validV2 = jobSource('v2/own-code.yaml').text
const MAX_PARAMETERS = v1Profile.listLimits['config.parameter'] ?? 0
/** The valid file with its parameter map replaced. */
const withParameters = (lines: string): string =>
  valid.replace(/ {2}parameter:\n( {4}.*\n)+/, `  parameter:\n${lines}\n`)

describe('job file limits', () => {
  test('12,000 unknown keys: the first 100 located exactly, the rest counted in one closing line', () => {
    const keys = Array.from({ length: 12_000 }, (_, i) => `unknown_${i}: ${i}`).join('\n')
    const result = buildJobDefinition({ file: 'jobs/keys.yaml', text: `${valid}\n${keys}\n` }, {})
    // Keys that are no misspelling are sent as written, with a warning each: the warnings are what is capped.
    expect(result.diagnostics).toHaveLength(MAX_PROBLEMS_PER_FILE + 1)
    expect(result.diagnostics.every(d => d.severity === 'warning')).toBe(true)
    const first = result.diagnostics[0]!
    expect(first).toMatchObject({ rule: 'Unknown key', file: 'jobs/keys.yaml' })
    expect(first.line).toBe(valid.split('\n').length + 1)
    const last = result.diagnostics.at(-1)!
    expect(last.rule).toBe('Too many problems')
    expect(last.message).toBe(
      `${12_000 - MAX_PROBLEMS_PER_FILE} more problems are not listed (at most ${MAX_PROBLEMS_PER_FILE} per file); fix the ones above first.`
    )
  })

  test('too many parameters: one error at the key, the items not checked one by one', () => {
    const count = MAX_PARAMETERS + 1
    const parameters = Array.from({ length: count }, (_, i) => `    p${i}: ${i}`).join('\n')
    const text = withParameters(parameters)
    const result = buildJobDefinition({ file: 'jobs/params.yaml', text }, {})
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        rule: 'List size',
        message: `\`config.parameter\` has ${count} items; at most ${MAX_PARAMETERS} are accepted.`,
        file: 'jobs/params.yaml',
        line: text.split('\n').indexOf('  parameter:') + 1
      })
    ])
  })

  test('a parameter list at the limit is accepted', () => {
    const parameters = Array.from({ length: MAX_PARAMETERS }, (_, i) => `    p${i}: ${i}`).join('\n')
    const result = buildJobDefinition({ file: 'jobs/params.yaml', text: withParameters(parameters) }, {})
    expect(result.diagnostics.filter(d => d.severity === 'error')).toEqual([])
    expect(result.api === 'v1' && result.definition?.config.parameter).toHaveLength(MAX_PARAMETERS)
  })

  test('v2 lists have their limits too: algorithm.parameters, inputs, outputs, spec.volumes', () => {
    expect(Object.keys(v2Profile.listLimits).sort()).toEqual([
      'algorithm.inputs',
      'algorithm.outputs',
      'algorithm.parameters',
      'spec.volumes'
    ])
    const max = v2Profile.listLimits['algorithm.parameters'] ?? 0
    const parameters = Array.from({ length: max + 1 }, (_, i) => `    p${i}: ${i}`).join('\n')
    const text = validV2.replace(/ {2}parameters:\n( {4}.*\n)+/, `  parameters:\n${parameters}\n`)
    const result = buildJobDefinition({ file: 'jobs/v2.yaml', text }, {})
    expect(result.api).toBe('v2')
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        rule: 'List size',
        message: `\`algorithm.parameters\` has ${max + 1} items; at most ${max} are accepted.`,
        file: 'jobs/v2.yaml',
        line: text.split('\n').indexOf('  parameters:') + 1
      })
    ])
  })

  test('a list set by an input names the input', () => {
    const parameter = Array.from({ length: MAX_PARAMETERS + 1 }, (_, i) => `p${i}: ${i}`).join('\n')
    const result = buildJobDefinition({ file: 'jobs/a.yaml', text: valid }, { parameter })
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ rule: 'List size', input: 'parameter', path: ['config', 'parameter'] })
    ])
    expect(result.diagnostics[0]?.file).toBeUndefined()
  })
})

describe('nesting depth', () => {
  test('100,000 nested brackets: one error at the place, before the parser recurses', () => {
    const text = `job_name: a\nconfig: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`
    const result = buildJobDefinition({ file: 'jobs/deep.yaml', text }, {})
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        rule: 'YAML syntax',
        message: `The job file nests more than ${MAX_NESTING_DEPTH} levels deep here; a job definition needs a handful.`,
        line: 2,
        column: 9 + MAX_NESTING_DEPTH
      })
    ])
  })

  test('deep block indentation is refused the same way', () => {
    const text =
      'config:\n' + Array.from({ length: 200 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n') + ' 1\n'
    expect(shapeBeyond(text)).toMatchObject({ kind: 'depth' })
  })

  test('real job files, brackets in quotes and comments included, are far from the limit', () => {
    expect(shapeBeyond(valid, 8, 40)).toBeUndefined()
    const quoted = `job_desc: "${'['.repeat(200)}" # ${'{'.repeat(200)}\nuser_command: '${'{'.repeat(200)}'\n`
    expect(shapeBeyond(quoted)).toBeUndefined()
  })
})

describe('entries', () => {
  test('100,000 parameters in a flow mapping: refused before parsing, at the place the limit is passed', () => {
    const text = `config:\n  parameter: {${Array.from({ length: 100_000 }, (_, i) => `${i.toString(36)}: 1`).join(', ')}}\n`
    const result = buildJobDefinition({ file: 'jobs/params.yaml', text }, {})
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        message: `The job file holds more than ${MAX_ENTRIES} keys and list items (here the limit is passed); a job definition has dozens.`,
        line: 2
      })
    ])
  })

  test('as many block lines are refused the same way; commas in quoted values do not count', () => {
    const lines = Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => `k${i}: 1`).join('\n')
    expect(shapeBeyond(lines)).toMatchObject({ kind: 'entries' })
    expect(shapeBeyond(`a: [${'"x,y", '.repeat(10)}]\nb: '${','.repeat(MAX_ENTRIES + 5)}'\n`)).toBeUndefined()
  })
})

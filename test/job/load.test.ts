/** Reading job files: YAML problems stop validation and are reported at their position. */
import { buildJobDefinition } from '../../src/job/index.js'

const load = (text: string) => buildJobDefinition({ file: 'jobs/train.yaml', text }, {})

describe('loading a job file', () => {
  it('reports each duplicate key at the second one, with the file', () => {
    const result = load('job_name: a\nconfig:\n  spec_id: 1\n  spec_id: 2\njob_name: b\n')
    expect(result.diagnostics).toMatchObject([
      { rule: 'Duplicate key', file: 'jobs/train.yaml', line: 4, column: 3, endLine: 4, endColumn: 10 },
      { rule: 'Duplicate key', file: 'jobs/train.yaml', line: 5, column: 1, endLine: 5, endColumn: 9 }
    ])
    expect(result.diagnostics[0]?.message).toContain('`spec_id`')
    expect(result.definition).toBeUndefined()
  })

  it('reports duplicate keys in JSON too', () => {
    expect(load('{"job_name": "a", "job_name": "b"}').diagnostics).toMatchObject([
      { rule: 'Duplicate key', line: 1, column: 19 }
    ])
  })

  it('reports a syntax error with a hint and no schema errors after it', () => {
    const result = load('job_name: a\nconfig:\n\tspec_id: 1\n')
    expect(result.diagnostics).toMatchObject([{ severity: 'error', rule: 'YAML syntax', line: 3, column: 1 }])
    expect(result.diagnostics[0]?.message).toMatch(/spaces, not tabs/)
  })

  it('reports an empty file or one with only comments', () => {
    for (const text of ['', '\n\n', '# nothing yet\n', '---\n']) {
      expect(load(text).diagnostics).toMatchObject([{ rule: 'Empty file', line: 1, column: 1 }])
    }
  })

  it('reports a top level that is not a mapping', () => {
    expect(load('just a string\n').diagnostics).toMatchObject([
      { rule: 'Not a mapping', line: 1, column: 1, endColumn: 14 }
    ])
    expect(load('[1, 2]').diagnostics).toMatchObject([{ rule: 'Not a mapping' }])
  })

  it('reports a second document at its separator', () => {
    expect(load('job_name: a\n---\njob_name: b\n').diagnostics).toMatchObject([
      { rule: 'Multiple documents', line: 2, column: 1, endLine: 2, endColumn: 4 }
    ])
  })

  it('reports an alias without an anchor', () => {
    expect(load('job_name: *name\n').diagnostics).toMatchObject([{ rule: 'YAML syntax' }])
  })

  it('keeps a __proto__ key as plain data, reported as unknown', () => {
    const result = load('job_name: a\n__proto__: {polluted: true}\nconfig: {}\n')
    expect(result.diagnostics.map(d => d.rule)).toContain('Unknown key')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('spans', () => {
  it('end a block scalar on its last line of text', () => {
    const desc = `job_desc: |\n  ${'a'.repeat(150)}\n  ${'b'.repeat(150)}\n\n`
    const result = buildJobDefinition({ file: 'j.yaml', text: `job_name: a\n${desc}config: {}\n` }, {})
    const problem = result.diagnostics.find(d => d.rule === 'Job description')
    expect(problem).toMatchObject({ line: 2, column: 11, endLine: 4, endColumn: 153 })
  })

  it('cover a block mapping from its first key to the end of its last value', () => {
    const text = 'job_name: a\nconfig:\n  worker_server_num: 1\n  model_id: 1\nnote: |\n  x\n'
    const result = buildJobDefinition({ file: 'j.yaml', text }, {})
    expect(result.diagnostics.find(d => d.rule === 'Unknown key')).toMatchObject({
      line: 5,
      column: 1,
      endLine: 5,
      endColumn: 5
    })
  })
})

describe('an empty config in the file', () => {
  it('is filled by the inputs', () => {
    const text = 'job_name: from-file\nconfig:\n'
    const inputs = { worker_server_num: '1', model_id: '2', data_url: '/d/', spec_id: '3' }
    expect(buildJobDefinition({ file: 'j.yaml', text }, inputs).definition).toEqual({
      job_name: 'from-file',
      config: { worker_server_num: 1, data_url: '/d/', spec_id: 3, model_id: 2 }
    })
  })
})

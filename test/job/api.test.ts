/** Which API a definition is for, the inputs over a v2 file, and `overrides` for either API. */
import { buildJobDefinition, type JobSource } from '../../src/job/index.js'
import { jobSource, validConfigWith } from './fixtures.js'

const V2: JobSource = jobSource('v2/samples/sample-3.json')
const V2_YAML: JobSource = jobSource('v2/own-code.yaml')
const V1: JobSource = validConfigWith([])
const briefly = (
  diagnostics: ReadonlyArray<{ severity: string; rule: string; path: unknown; input?: string }>
) => diagnostics.map(d => ({ severity: d.severity, rule: d.rule, path: d.path, input: d.input }))

describe('which API', () => {
  it('reads v2 from kind/metadata/algorithm/spec and v1 from config', () => {
    expect(buildJobDefinition(V2, {}).api).toBe('v2')
    expect(buildJobDefinition(V1, {}).api).toBe('v1')
    expect(buildJobDefinition({ file: 'j.yaml', text: 'spec: {}\n' }, {}).api).toBe('v2')
  })

  it('refuses a file mixing v1 and v2 keys, at each key of the other API, saying so', () => {
    const mixed = { file: 'job.yaml', text: V1.text + 'metadata:\n  name: t\n' }
    const result = buildJobDefinition(mixed, {})
    expect(result.definition).toBeUndefined()
    expect(result.diagnostics).toMatchObject([
      { severity: 'error', rule: 'API version', path: ['metadata'], file: 'job.yaml', line: 7, column: 1 }
    ])
    expect(result.diagnostics[0]?.message).toContain('mixes v1 and v2 keys')
    const v2WithJobName = { file: 'job.yaml', text: 'kind: job\njob_name: x\nmetadata: {name: t}\n' }
    expect(briefly(buildJobDefinition(v2WithJobName, {}).diagnostics)).toEqual([
      { severity: 'error', rule: 'API version', path: ['job_name'], input: undefined }
    ])
  })

  it('refuses an explicit api_version the file contradicts, at the deciding key', () => {
    const result = buildJobDefinition(V1, {}, { apiVersion: 'v2' })
    expect(result.diagnostics).toMatchObject([{ rule: 'API version', path: ['config'], line: 2 }])
    expect(result.diagnostics[0]?.message).toMatch(/api_version input is v2, but this is a v1 job file/)
    expect(buildJobDefinition(V2, {}, { apiVersion: 'v1' }).diagnostics[0]?.message).toMatch(
      /api_version input is v1, but this is a v2 job file/
    )
    expect(buildJobDefinition(V2, {}, { apiVersion: 'v2' }).definition).toBeDefined()
  })

  it('with no file, reads the API from the inputs given', () => {
    expect(buildJobDefinition(undefined, { job_name: 't', spec_id: '1' }).api).toBe('v1')
    expect(buildJobDefinition(undefined, { job_name: 't' }, { overrides: 'spec: {}' }).api).toBe('v2')
    expect(buildJobDefinition(undefined, { job_name: 't' }, { apiVersion: 'v2' }).api).toBe('v2')
  })
})

describe('a v2 definition from inputs alone', () => {
  const overrides =
    'algorithm: {id: algo-1}\nspec: {resource: {flavor_id: modelarts.vm.cpu.8u, node_count: 1}}'

  it('is built from job_name and overrides', () => {
    const result = buildJobDefinition(undefined, { job_name: 'no-file' }, { overrides })
    expect(result.api).toBe('v2')
    expect(result.diagnostics).toEqual([])
    expect(result.definition).toEqual({
      kind: 'job',
      metadata: { name: 'no-file' },
      algorithm: { id: 'algo-1' },
      spec: { resource: { flavor_id: 'modelarts.vm.cpu.8u', node_count: 1 } }
    })
  })

  it('sends kind: job first when neither a file nor the overrides set it', () => {
    const bare = buildJobDefinition(undefined, { job_name: 'no-file' }, { overrides })
    expect(Object.keys(bare.definition ?? {})).toEqual(['kind', 'metadata', 'algorithm', 'spec'])
    expect(bare.definition).toMatchObject({ kind: 'job' })
    const withoutKind = { file: 'job.yaml', text: V2_YAML.text.replace(/^kind: job\n/m, '') }
    expect(withoutKind.text).not.toContain('kind:')
    const fromFile = buildJobDefinition(withoutKind, {})
    expect(fromFile.diagnostics.filter(d => d.severity === 'error')).toEqual([])
    expect(Object.keys(fromFile.definition ?? {})).toEqual(['kind', 'metadata', 'algorithm', 'spec'])
    expect(fromFile.definition).toMatchObject({ kind: 'job' })
    // A kind the file or the overrides write is sent as written, where written.
    const written = buildJobDefinition(withoutKind, {}, { overrides: 'kind: job' })
    expect(Object.keys(written.definition ?? {})).toEqual(['metadata', 'algorithm', 'spec', 'kind'])
  })

  it('names the input to set for a missing name', () => {
    const result = buildJobDefinition(undefined, {}, { overrides })
    expect(briefly(result.diagnostics)).toEqual([
      { severity: 'error', rule: 'Missing key', path: ['metadata'], input: undefined }
    ])
    const named = buildJobDefinition(undefined, {}, { overrides: `${overrides}\nmetadata: {description: d}` })
    // The metadata mapping came from overrides, so the problem is placed there; the fix names the input too.
    expect(briefly(named.diagnostics)).toEqual([
      { severity: 'error', rule: 'Missing key', path: ['metadata', 'name'], input: 'overrides' }
    ])
    expect(named.diagnostics[0]?.message).toContain('set the `job_name` input')
  })
})

describe('inputs over a v2 file', () => {
  it('set metadata.name, description, workspace_id and algorithm.parameters', () => {
    const result = buildJobDefinition(V2_YAML, {
      job_name: 'from-input',
      job_desc: 'described',
      workspace_id: 'ws1',
      parameter: 'learning_rate: 0.5\nnew_one: True'
    })
    expect(result.api).toBe('v2')
    if (result.api !== 'v2') return
    expect(result.diagnostics).toEqual([])
    expect(result.definition?.metadata).toEqual({
      name: 'from-input',
      description: 'described',
      workspace_id: 'ws1'
    })
    // The input replaces the field whole, as for v1.
    expect(result.definition?.algorithm.parameters).toEqual([
      { name: 'learning_rate', value: '0.5' },
      { name: 'new_one', value: 'True' }
    ])
  })

  it('point problems at the input', () => {
    expect(briefly(buildJobDefinition(V2, { job_name: 'bad name' }).diagnostics)).toEqual([
      { severity: 'error', rule: 'Job name', path: ['metadata', 'name'], input: 'job_name' }
    ])
  })

  it('refuse a v1-only input, naming the v2 field to use instead', () => {
    const result = buildJobDefinition(V2, { spec_id: '1', app_url: '/c/', user_command: 'run' })
    expect(result.definition).toBeUndefined()
    expect(result.diagnostics.map(d => [d.input, d.rule])).toEqual([
      ['app_url', 'Input for v1'],
      ['spec_id', 'Input for v1'],
      ['user_command', 'Input for v1']
    ])
    expect(result.diagnostics[1]?.message).toContain('spec.resource.flavor_id')
    expect(result.diagnostics[0]?.message).toContain('algorithm.code_dir')
    expect(result.diagnostics[2]?.message).toContain('algorithm.command')
  })
})

describe('the overrides input', () => {
  it('deep-merges over a v2 file: mappings key by key, named items by name, other lists whole', () => {
    const overrides = [
      'metadata: {description: from overrides}',
      'algorithm:',
      '  parameters: [{name: world_size, value: "4"}, {name: seed, value: "7"}]',
      '  inputs: [{name: data_url, remote: {obs: {obs_url: /other/data/}}}]',
      'spec: {resource: {node_count: 2}}'
    ].join('\n')
    const result = buildJobDefinition(V2, {}, { overrides })
    if (result.api !== 'v2') throw new Error('v2 expected')
    expect(result.diagnostics).toEqual([])
    const definition = result.definition
    expect(definition?.metadata).toEqual({ name: 'test-pytorch-cpu01', description: 'from overrides' })
    expect(definition?.algorithm.parameters).toEqual([
      { name: 'dist', value: 'False' },
      { name: 'world_size', value: '4' },
      { name: 'seed', value: '7' }
    ])
    expect(definition?.algorithm.inputs).toEqual([
      { name: 'data_url', remote: { obs: { obs_url: '/other/data/' } } }
    ])
    expect(definition?.spec.resource).toEqual({ flavor_id: 'modelarts.vm.cpu.8u', node_count: 2 })
  })

  it('replaces a list whose items have no name', () => {
    const source = {
      file: 'j.yaml',
      text: V2_YAML.text + '  volumes: [{obs: {obs_path: /a, local_path: /a}}]\n'
    }
    const result = buildJobDefinition(
      source,
      {},
      { overrides: 'spec: {volumes: [{pfs: {pfs_path: /p, local_path: /p}}]}' }
    )
    if (result.api !== 'v2') throw new Error('v2 expected')
    expect(result.definition?.spec.volumes).toEqual([{ pfs: { pfs_path: '/p', local_path: '/p' } }])
  })

  it('deep-merges over a v1 file too, and wins over the inputs', () => {
    const result = buildJobDefinition(
      V1,
      { job_desc: 'input' },
      { overrides: 'job_desc: override\nconfig: {spec_id: 3}' }
    )
    if (result.api !== 'v1') throw new Error('v1 expected')
    expect(result.definition?.job_desc).toBe('override')
    expect(result.definition?.config.spec_id).toBe(3)
  })

  it('points its problems at the input overrides, not at the file', () => {
    const result = buildJobDefinition(V2, {}, { overrides: 'spec: {resource: {node_count: 0}}' })
    expect(result.diagnostics).toMatchObject([
      { rule: 'Workers', input: 'overrides', path: ['spec', 'resource', 'node_count'] }
    ])
    expect(result.diagnostics[0]?.line).toBeUndefined()
    expect(result.diagnostics[0]?.file).toBeUndefined()
    const typo = buildJobDefinition(V2, {}, { overrides: 'algorithm: {bootfile: x}' })
    expect(typo.diagnostics).toMatchObject([{ rule: 'Unknown key', input: 'overrides' }])
  })

  it('refuses YAML that is not a mapping, and keys of the other API', () => {
    expect(briefly(buildJobDefinition(V2, {}, { overrides: '[1, 2]' }).diagnostics)).toEqual([
      { severity: 'error', rule: 'Overrides', path: [], input: 'overrides' }
    ])
    expect(briefly(buildJobDefinition(V2, {}, { overrides: 'a: [' }).diagnostics)).toMatchObject([
      { rule: 'YAML syntax', input: 'overrides' }
    ])
    const mixed = buildJobDefinition(V2, {}, { overrides: 'config: {spec_id: 1}' })
    expect(briefly(mixed.diagnostics)).toEqual([
      { severity: 'error', rule: 'API version', path: ['config'], input: 'overrides' }
    ])
    expect(mixed.diagnostics[0]?.message).toContain('mixes v1 and v2 keys')
  })
})

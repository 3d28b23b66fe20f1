/** Inputs replace job-file fields key by key; problems with input values name the input. */
import {
  buildJobDefinition,
  DEFINITION_INPUT_NAMES,
  type DefinitionInputs,
  type JobSource
} from '../../src/job/index.js'
import { buildV1, jobSource, jobWithConfig, validConfigWith } from './fixtures.js'

const errorsOf = (inputs: DefinitionInputs, source = validConfigWith([])) =>
  buildV1(source, inputs).diagnostics.filter(d => d.severity === 'error')

describe('inputs over a job file', () => {
  it('lists every definition field that an input can set', () => {
    expect([...DEFINITION_INPUT_NAMES].sort()).toEqual(
      [
        'job_name',
        'job_desc',
        'workspace_id',
        'worker_server_num',
        'app_url',
        'boot_file_url',
        'data_url',
        'dataset_id',
        'dataset_version_id',
        'spec_id',
        'pool_id',
        'engine_id',
        'model_id',
        'train_url',
        'log_url',
        'user_image_url',
        'user_command',
        'create_version',
        'parameter',
        'data_source',
        'volumes'
      ].sort()
    )
  })

  it('replaces only the fields given, top level and config', () => {
    const result = buildV1(jobSource('valid/own-code.yaml'), {
      job_name: 'from-input',
      workspace_id: 'ws-1',
      spec_id: '4',
      train_url: '/elsewhere/out/',
      log_url: ''
    })
    expect(result.diagnostics).toEqual([])
    expect(result.definition).toMatchObject({
      job_name: 'from-input',
      job_desc: 'Train the MNIST classifier from our own training script',
      workspace_id: 'ws-1',
      config: {
        worker_server_num: 1,
        spec_id: 4,
        train_url: '/elsewhere/out/',
        log_url: '/my-bucket/mnist/logs/',
        app_url: '/my-bucket/mnist/code/'
      }
    })
  })

  it('treats empty or blank inputs as not given', () => {
    const result = buildV1(validConfigWith([]), { job_name: '', spec_id: '  ', pool_id: '' })
    expect(result.definition?.job_name).toBe('t')
    expect(result.definition?.config.spec_id).toBe(1)
    expect(result.definition?.config.pool_id).toBeUndefined()
  })

  it('reads integers from whole decimal strings and names the input when they are not', () => {
    expect(
      buildV1(validConfigWith([]), { worker_server_num: '16' }).definition?.config.worker_server_num
    ).toBe(16)
    const [problem, ...rest] = errorsOf({ spec_id: 'gpu-large' })
    expect(rest).toEqual([])
    expect(problem).toMatchObject({ rule: 'Type', input: 'spec_id', path: ['config', 'spec_id'] })
    expect(problem?.file).toBeUndefined()
    expect(problem?.line).toBeUndefined()
    expect(problem?.message).toContain('"gpu-large"')
  })

  it('reads create_version as true or false in any case', () => {
    expect(buildV1(validConfigWith([]), { create_version: 'FALSE' }).definition?.config.create_version).toBe(
      false
    )
    expect(buildV1(validConfigWith([]), { create_version: 'True' }).definition?.config.create_version).toBe(
      true
    )
    expect(errorsOf({ create_version: 'no' })).toMatchObject([{ rule: 'Type', input: 'create_version' }])
  })

  it('takes string inputs as they are', () => {
    const result = buildV1(validConfigWith([]), {
      job_desc: '  spaced: text # not a comment ',
      pool_id: ''
    })
    expect(result.definition?.job_desc).toBe('  spaced: text # not a comment ')
  })

  it('names the input in a value rule about an input value', () => {
    expect(errorsOf({ job_name: 'bad name' })).toMatchObject([
      { rule: 'Job name', input: 'job_name', path: ['job_name'] }
    ])
  })

  it('names the input in a cross-field rule whose offending key came from an input', () => {
    const [both] = errorsOf(
      { data_url: '/d2/' },
      validConfigWith(['data_source:', '  - data_url: /x/'], ['data_url'])
    )
    expect(both).toMatchObject({ rule: 'Data source', input: 'data_url', path: ['config', 'data_url'] })
    expect(both?.line).toBeUndefined()

    // An input counts as written after the file, so it is the later key even when the file's key comes last.
    const poolLast = jobWithConfig(
      'worker_server_num: 1',
      'spec_id: 1',
      'model_id: 1',
      'data_url: /d/',
      'pool_id: p'
    )
    const warnings = buildV1(poolLast, { spec_id: '2' }).diagnostics
    expect(warnings).toMatchObject([{ severity: 'warning', rule: 'Resource pool', input: 'spec_id' }])

    expect(errorsOf({ user_command: 'run.sh' })).toMatchObject([
      { rule: 'Custom image', input: 'user_command' }
    ])
  })

  it('keeps file positions for a cross-field rule whose offending key is in the file', () => {
    const [problem] = errorsOf({ app_url: '/code/' }, validConfigWith(['boot_file_url: /elsewhere/run.py']))
    expect(problem).toMatchObject({ rule: 'Boot file', file: 'job.yaml', line: 7, column: 3 })
    expect(problem?.input).toBeUndefined()
  })
})

describe('structured inputs (parameter, data_source, volumes) as YAML', () => {
  it('replace the whole field', () => {
    const source = validConfigWith(['parameter:', '  - label: from_file', '    value: "1"'])
    const result = buildV1(source, { parameter: 'lr: 0.050\nepochs: 3\n' })
    expect(result.definition?.config.parameter).toEqual([
      { label: 'lr', value: '0.050' },
      { label: 'epochs', value: '3' }
    ])
  })

  it('accept lists, also in flow style', () => {
    const result = buildV1(validConfigWith([], ['data_url']), {
      data_source: '[{type: obs, data_url: /b/in/}]',
      volumes: '- host_path:\n    src_path: /root/work\n    dest_path: /home/mind\n',
      parameter: '- {label: a, value: 1}'
    })
    expect(result.diagnostics).toEqual([])
    expect(result.definition?.config).toMatchObject({
      data_source: [{ type: 'obs', data_url: '/b/in/' }],
      volumes: [{ host_path: { src_path: '/root/work', dest_path: '/home/mind' } }],
      parameter: [{ label: 'a', value: '1' }]
    })
  })

  it('report YAML syntax errors with the input name', () => {
    const result = buildV1(validConfigWith([]), { volumes: '- nfs: {id: a' })
    expect(result.definition).toBeUndefined()
    expect(result.diagnostics).toMatchObject([{ severity: 'error', rule: 'YAML syntax', input: 'volumes' }])
    expect(result.diagnostics[0]?.file).toBeUndefined()
  })

  it('report problems inside them with the input name and no position', () => {
    const volumes = '- nfs:\n    id: a\n    src_path: b\n    dest_path: c\n    readonly: true\n'
    const [problem, ...rest] = errorsOf({ volumes })
    expect(rest).toEqual([])
    expect(problem).toMatchObject({
      rule: 'Unknown key',
      input: 'volumes',
      path: ['config', 'volumes', 0, 'nfs', 'readonly'],
      message: 'unknown key `readonly` in nfs; did you mean `read_only`?'
    })
    expect(problem?.line).toBeUndefined()
  })
})

describe('inputs without a job file', () => {
  it('build the definition from inputs alone', () => {
    const result = buildV1(undefined, {
      job_name: 'only-inputs',
      worker_server_num: '2',
      model_id: '5',
      data_url: '/b/d/',
      pool_id: 'pool-9'
    })
    expect(result.diagnostics).toEqual([])
    expect(result.definition).toEqual({
      job_name: 'only-inputs',
      config: { worker_server_num: 2, data_url: '/b/d/', pool_id: 'pool-9', model_id: 5 }
    })
  })

  it('name the input that would set a missing field', () => {
    const result = buildV1(undefined, { model_id: '5', data_url: '/b/d/', spec_id: '1' })
    expect(result.diagnostics.map(d => [d.rule, d.input, d.file])).toEqual([
      ['Missing key', 'job_name', undefined],
      ['Missing key', 'worker_server_num', undefined]
    ])
  })

  it('report the rules with no single key without an input or a file', () => {
    const result = buildV1(undefined, {
      job_name: 'n',
      worker_server_num: '1',
      model_id: '1',
      data_url: '/d/'
    })
    expect(result.diagnostics).toMatchObject([{ rule: 'Resource pool', path: ['config'] }])
    expect(result.diagnostics[0]?.input).toBeUndefined()
    expect(result.diagnostics[0]?.file).toBeUndefined()
  })
})

describe('parameters written in the other form than the file, merged by overrides', () => {
  const V2_MAP = jobSource('v2/own-code.yaml') // algorithm.parameters as a mapping
  const V2_LIST = jobSource('v2/samples/sample-3.json') // algorithm.parameters as a [{name, value}] list
  const v2Parameters = (source: JobSource, inputs: DefinitionInputs, overrides: string) => {
    const result = buildJobDefinition(source, inputs, { overrides })
    if (result.api !== 'v2') throw new Error('v2 expected')
    expect(result.diagnostics.filter(d => d.severity === 'error')).toEqual([])
    return result.definition?.algorithm.parameters
  }

  it('a list over a file mapping changes the named items and keeps the others, with their source text', () => {
    const overrides = 'algorithm: {parameters: [{name: epochs, value: "20"}, {name: seed, value: "7"}]}'
    expect(v2Parameters(V2_MAP, {}, overrides)).toEqual([
      { name: 'learning_rate', value: '1.0' },
      { name: 'use_amp', value: 'False' },
      { name: 'epochs', value: '20' },
      { name: 'seed', value: '7' }
    ])
  })

  it('a mapping over a file list changes the named items and keeps the others, with their source text', () => {
    const overrides = 'algorithm: {parameters: {world_size: 4, lr: 0.10, dist: True}}'
    expect(v2Parameters(V2_LIST, {}, overrides)).toEqual([
      { name: 'dist', value: 'True' },
      { name: 'world_size', value: '4' },
      { name: 'lr', value: '0.10' }
    ])
  })

  it('a list over a mapping that the parameter input wrote merges the same way', () => {
    const overrides = 'algorithm: {parameters: [{name: b, value: "3", description: third}]}'
    expect(v2Parameters(V2_LIST, { parameter: 'a: 1\nb: 2\n' }, overrides)).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '3', description: 'third' }
    ])
  })

  it('names the overrides input for a problem in an item it wrote, and keeps the file items valid', () => {
    const result = buildJobDefinition(
      V2_MAP,
      {},
      { overrides: 'algorithm: {parameters: [{name: seed, value: [1]}]}' }
    )
    expect(result.diagnostics.filter(d => d.severity === 'error')).toMatchObject([
      { rule: 'Type', input: 'overrides', path: ['algorithm', 'parameters', 3, 'value'] }
    ])
  })

  it.each([
    ['a value that is not text', 'algorithm: {parameters: {learning_rate: {x: 1}}}'],
    ['a new parameter with a value that is not text', 'algorithm: {parameters: {seed: {x: 1}}}'],
    ['a parameter emptied', 'algorithm: {parameters: {learning_rate: null}}']
  ])('a mapping over a file mapping names the overrides input for %s', (_what, overrides) => {
    const errors = buildJobDefinition(V2_MAP, {}, { overrides }).diagnostics.filter(
      d => d.severity === 'error'
    )
    expect(errors.length).toBeGreaterThan(0)
    for (const error of errors) {
      expect(error.input).toBe('overrides')
      expect(error.file).toBeUndefined()
    }
  })

  it('v1: config.parameter merges on label, a mapping over a list and a list over a mapping', () => {
    const list = validConfigWith([
      'parameter:',
      '  - {label: lr, value: "0.01"}',
      '  - {label: epochs, value: "3"}'
    ])
    expect(
      buildV1(list, {}, { overrides: 'config: {parameter: {epochs: 10, seed: 7}}' }).definition?.config
        .parameter
    ).toEqual([
      { label: 'lr', value: '0.01' },
      { label: 'epochs', value: '10' },
      { label: 'seed', value: '7' }
    ])
    const mapping = validConfigWith(['parameter:', '  lr: 0.010', '  amp: False'])
    expect(
      buildV1(mapping, {}, { overrides: 'config: {parameter: [{label: lr, value: "0.5"}]}' }).definition
        ?.config.parameter
    ).toEqual([
      { label: 'lr', value: '0.5' },
      { label: 'amp', value: 'False' }
    ])
  })

  it('the parameter input still replaces the file parameters whole, in either form', () => {
    expect(v2Parameters(V2_MAP, { parameter: '- {name: only, value: "1"}' }, '')).toEqual([
      { name: 'only', value: '1' }
    ])
    expect(v2Parameters(V2_LIST, { parameter: 'only: 1' }, '')).toEqual([{ name: 'only', value: '1' }])
  })
})

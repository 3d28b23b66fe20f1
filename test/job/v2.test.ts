/** The v2 job definition (modelarts-v2-api.md §3-§4): the public samples, and every rule failing and passing. */
import {
  buildJobDefinition,
  type BuildOptions,
  type DefinitionInputs,
  type Diagnostic,
  type JobSource,
  type V2JobDefinition
} from '../../src/job/index.js'
import { jobFiles, jobSource } from './fixtures.js'

function buildV2(
  source: JobSource | undefined,
  inputs: DefinitionInputs = {},
  options: BuildOptions = {}
): { definition?: V2JobDefinition; diagnostics: Diagnostic[] } {
  const result = buildJobDefinition(source, inputs, options)
  if (result.api !== 'v2') throw new Error(`expected a v2 definition, got ${result.api}`)
  return result
}

const errors = (source: JobSource) =>
  buildV2(source)
    .diagnostics.filter(d => d.severity === 'error')
    .map(d => ({ rule: d.rule, path: d.path }))
const warnings = (source: JobSource) =>
  buildV2(source)
    .diagnostics.filter(d => d.severity === 'warning')
    .map(d => ({ rule: d.rule, path: d.path }))

/** A v2 job whose algorithm and spec.resource are the given lines (written without indentation). */
function job(
  algorithm: string[],
  resource = ['flavor_id: modelarts.vm.cpu.8u', 'node_count: 1'],
  spec: string[] = []
) {
  const indent = (lines: string[], by: string) =>
    lines.flatMap(line => line.split('\n')).map(line => by + line)
  return {
    file: 'job.yaml',
    text: [
      'kind: job',
      'metadata:',
      '  name: t',
      'algorithm:',
      ...indent(algorithm, '  '),
      'spec:',
      '  resource:',
      ...indent(resource, '    '),
      ...indent(spec, '  '),
      ''
    ].join('\n')
  }
}
const ALGORITHM_ID = 'id: 3f5d6706-7b67-408d-8ba0-ec08048c45ed'
const valid = (extra: string[] = []) => job([ALGORITHM_ID, ...extra])

function expectValid(source: JobSource): V2JobDefinition | undefined {
  const result = buildV2(source)
  expect(result.diagnostics.filter(d => d.severity === 'error')).toEqual([])
  expect(result.definition).toBeDefined()
  return result.definition
}

function expectOnly(source: JobSource, rule: string, path: ReadonlyArray<string | number>): void {
  expect(errors(source)).toEqual([{ rule, path }])
  expect(buildV2(source).definition).toBeUndefined()
}

describe('the public sample bodies (§12)', () => {
  it('are all there', () => {
    expect(jobFiles('v2/samples')).toEqual([
      'sample-1.json',
      'sample-2.json',
      'sample-3.json',
      'sample-4.json'
    ])
  })

  it.each(jobFiles('v2/samples'))('%s is valid and sent exactly as written', name => {
    const source = jobSource(`v2/samples/${name}`)
    const result = buildV2(source)
    expect(result.diagnostics.filter(d => d.severity === 'error')).toEqual([])
    expect(JSON.stringify(result.definition)).toBe(JSON.stringify(JSON.parse(source.text)))
  })

  it('warn only where §4 says so: the Terraform sample names its engine two ways', () => {
    expect(warnings(jobSource('v2/samples/sample-4.json'))).toEqual([
      { rule: 'Engine', path: ['algorithm', 'engine'] }
    ])
    for (const name of ['sample-1.json', 'sample-2.json', 'sample-3.json'])
      expect(buildV2(jobSource(`v2/samples/${name}`)).diagnostics).toEqual([])
  })
})

describe('a hand-written v2 job file', () => {
  it('turns the parameters mapping into name/value items, source text and order kept', () => {
    const definition = expectValid(jobSource('v2/own-code.yaml'))
    expect(definition?.algorithm.parameters).toEqual([
      { name: 'learning_rate', value: '1.0' },
      { name: 'use_amp', value: 'False' },
      { name: 'epochs', value: '10' }
    ])
    expect(definition?.algorithm.environments).toEqual({ OMP_NUM_THREADS: '4' })
    expect(definition?.spec.resource.node_count).toBe(1)
  })

  it('keeps the source text of numbers and booleans in a parameters list too', () => {
    const definition = expectValid(
      valid(['parameters:', '  - {name: lr, value: 1.0}', '  - {name: dist, value: False}'])
    )
    expect(definition?.algorithm.parameters).toEqual([
      { name: 'lr', value: '1.0' },
      { name: 'dist', value: 'False' }
    ])
  })
})

describe('metadata', () => {
  const withMetadata = (...lines: string[]): JobSource => ({
    file: 'job.yaml',
    text: [
      'metadata:',
      ...lines.map(l => `  ${l}`),
      'algorithm:',
      `  ${ALGORITHM_ID}`,
      'spec:',
      '  resource:',
      '    flavor_id: f',
      '    node_count: 1',
      ''
    ].join('\n')
  })

  it('requires a name of 1 to 64 letters, digits, _ and -', () => {
    expectValid(withMetadata(`name: ${'n'.repeat(64)}`))
    expectOnly(withMetadata(`name: ${'n'.repeat(65)}`), 'Job name', ['metadata', 'name'])
    expectOnly(withMetadata('name: "my job"'), 'Job name', ['metadata', 'name'])
    expectOnly(withMetadata('description: no name'), 'Missing key', ['metadata', 'name'])
  })

  it('takes a description of at most 256 characters', () => {
    expectValid(withMetadata('name: t', `description: ${'d'.repeat(256)}`))
    expectOnly(withMetadata('name: t', `description: ${'d'.repeat(257)}`), 'Job description', [
      'metadata',
      'description'
    ])
  })

  it('takes annotations as a map of strings', () => {
    expectValid(withMetadata('name: t', 'annotations: {"fault-tolerance/job-retry-num": 3}'))
    expectOnly(withMetadata('name: t', 'annotations: [a]'), 'Type', ['metadata', 'annotations'])
  })
})

describe('rule 1: something runs', () => {
  it('passes with an algorithm id, a subscription, own code on an engine, or a custom image with a command', () => {
    expectValid(valid())
    expectValid(job(['subscription_id: s', 'item_version_id: v']))
    expectValid(
      job(['code_dir: /b/code/', 'boot_file: /b/code/train.py', 'engine: {engine_id: pytorch_1.8.0}'])
    )
    expectValid(
      job([
        'code_dir: /b/code/',
        'boot_file: /b/code/train.py',
        'engine: {engine_name: PyTorch, engine_version: "1.8"}'
      ])
    )
    expectValid(job(['engine: {image_url: "org/image:tag"}', 'command: python train.py']))
    // A custom image downloads code_dir and runs its command there: no boot file needed.
    expectValid(
      job(['engine: {image_url: "org/image:tag"}', 'command: python train.py', 'code_dir: /b/code/'])
    )
  })

  it('fails with nothing to run, at algorithm', () => {
    expectOnly(job(['command: python train.py']), 'Code to run', ['algorithm'])
  })

  it('allows id with code_dir and boot_file (Terraform sends them)', () => {
    expectValid(valid(['code_dir: /b/code/', 'boot_file: /b/code/train.py']))
  })

  it('fails with id and subscription_id together, at the later', () => {
    expectOnly(valid(['subscription_id: s', 'item_version_id: v']), 'Algorithm', [
      'algorithm',
      'subscription_id'
    ])
  })

  it('fails with a custom image without command (ModelArts.2806)', () => {
    expectOnly(job(['engine: {image_url: "org/image:tag"}']), 'Custom image', [
      'algorithm',
      'engine',
      'image_url'
    ])
  })

  it('fails with own code and no engine', () => {
    expectOnly(job(['code_dir: /b/code/', 'boot_file: /b/code/train.py']), 'Engine', [
      'algorithm',
      'boot_file'
    ])
  })
})

describe('rule 2: pairs', () => {
  it('subscription_id with item_version_id', () => {
    expectOnly(job(['subscription_id: s']), 'Algorithm', ['algorithm', 'subscription_id'])
    expectOnly(job(['item_version_id: v']), 'Algorithm', ['algorithm', 'item_version_id'])
  })

  it('code_dir with boot_file (except for a custom image)', () => {
    expectOnly(job(['code_dir: /b/', 'engine: {engine_id: e}']), 'Code to run', ['algorithm', 'code_dir'])
    expectOnly(job(['boot_file: /b/t.py', 'engine: {engine_id: e}']), 'Code to run', [
      'algorithm',
      'boot_file'
    ])
  })

  it('engine_name with engine_version', () => {
    const own = ['code_dir: /b/', 'boot_file: /b/t.py']
    expectOnly(job([...own, 'engine: {engine_id: e, engine_name: PyTorch}']), 'Engine', [
      'algorithm',
      'engine',
      'engine_name'
    ])
    expectValid(job([...own, 'engine: {engine_name: PyTorch, engine_version: "1.8"}']))
  })
})

describe('rule 3: boot_file inside code_dir', () => {
  const own = (dir: string, boot: string) =>
    job([`code_dir: ${dir}`, `boot_file: ${boot}`, 'engine: {engine_id: e}'])

  it('passes in either OBS form', () => {
    expectValid(own('/b/code/', '/b/code/train.py'))
    expectValid(own('obs://b/code/', '/b/code/train.py'))
    expectValid(own('/b/code', 'obs://b/code/sub/train.py'))
  })

  it('fails for a file elsewhere, a sibling with the same prefix, or the directory itself', () => {
    expectOnly(own('/b/code/', '/b/other/train.py'), 'Boot file', ['algorithm', 'boot_file'])
    expectOnly(own('/b/code', '/b/code2/train.py'), 'Boot file', ['algorithm', 'boot_file'])
    expectOnly(own('/b/code/', 'obs://b/code/'), 'Boot file', ['algorithm', 'boot_file'])
  })

  it('fails for "//" inside an OBS path (ModelArts.4315)', () => {
    expect(errors(own('/b//code/', '/b//code/train.py'))).toEqual([
      { rule: 'OBS path', path: ['algorithm', 'code_dir'] },
      { rule: 'OBS path', path: ['algorithm', 'boot_file'] }
    ])
    expectValid(own('obs://b/code/', 'obs://b/code/train.py'))
  })
})

describe('rule 4: engine combinations warn, never fail', () => {
  it('warns about engine with an algorithm id', () => {
    const source = valid(['engine: {engine_id: e}'])
    expectValid(source)
    expect(warnings(source)).toEqual([{ rule: 'Engine', path: ['algorithm', 'engine'] }])
  })

  it('warns about a preset engine named together with a custom image, which is accepted', () => {
    const source = job([
      'code_dir: /b/',
      'boot_file: /b/t.py',
      'engine: {engine_name: PyTorch, engine_version: "1.8", image_url: "org/image:tag"}'
    ])
    expectValid(source)
    expect(warnings(source)).toEqual([{ rule: 'Engine', path: ['algorithm', 'engine'] }])
  })

  it('says nothing about one way of naming the engine', () => {
    expect(warnings(job(['code_dir: /b/', 'boot_file: /b/t.py', 'engine: {engine_id: e}']))).toEqual([])
  })
})

describe('rule 5: pool and flavor', () => {
  it('passes a public flavor, or a dedicated pool with a pool flavor or none', () => {
    expectValid(valid())
    expectValid(
      job([ALGORITHM_ID], ['pool_id: p', 'flavor_id: modelarts.pool.visual.xlarge', 'node_count: 1'])
    )
    expectValid(job([ALGORITHM_ID], ['pool_id: p', 'node_count: 2']))
  })

  it('fails with neither flavor_id nor pool_id', () => {
    expectOnly(job([ALGORITHM_ID], ['node_count: 1']), 'Resource pool', ['spec', 'resource'])
  })

  it('fails with a public flavor on a dedicated pool, or a pool flavor without a pool', () => {
    expectOnly(
      job([ALGORITHM_ID], ['pool_id: p', 'flavor_id: modelarts.vm.cpu.8u', 'node_count: 1']),
      'Resource pool',
      ['spec', 'resource', 'flavor_id']
    )
    expectOnly(
      job([ALGORITHM_ID], ['flavor_id: modelarts.pool.visual.xlarge', 'node_count: 1']),
      'Resource pool',
      ['spec', 'resource', 'flavor_id']
    )
  })

  it('requires node_count of at least 1', () => {
    expectOnly(job([ALGORITHM_ID], ['flavor_id: f']), 'Missing key', ['spec', 'resource', 'node_count'])
    expectOnly(job([ALGORITHM_ID], ['flavor_id: f', 'node_count: 0']), 'Workers', [
      'spec',
      'resource',
      'node_count'
    ])
    expectOnly(job([ALGORITHM_ID], ['flavor_id: f', 'node_count: 1.5']), 'Type', [
      'spec',
      'resource',
      'node_count'
    ])
  })
})

describe('rule 6: channels', () => {
  const input = (remote: string, name = 'data_url') => [`  - name: ${name}`, `    remote: ${remote}`]

  it('passes an OBS or dataset input and an OBS output', () => {
    expectValid(
      valid([
        'inputs:',
        ...input('{obs: {obs_url: /b/d/}}'),
        ...input('{dataset: {id: d, version_id: v}}', 'ds')
      ])
    )
    expectValid(valid(['outputs:', '  - {name: train_url, remote: {obs: {obs_url: /b/o/}}}']))
  })

  it('fails an input remote with both or neither of obs and dataset', () => {
    expectOnly(valid(['inputs:', ...input('{obs: {obs_url: /b/}, dataset: {id: d}}')]), 'Channel', [
      'algorithm',
      'inputs',
      0,
      'remote',
      'dataset'
    ])
    expectOnly(valid(['inputs:', ...input('{}')]), 'Channel', ['algorithm', 'inputs', 0, 'remote'])
  })

  it('fails an output without obs, and a channel without name or remote', () => {
    expectOnly(valid(['outputs:', '  - {name: o, remote: {}}']), 'Missing key', [
      'algorithm',
      'outputs',
      0,
      'remote',
      'obs'
    ])
    expectOnly(valid(['inputs:', '  - {remote: {obs: {obs_url: /b/}}}']), 'Missing key', [
      'algorithm',
      'inputs',
      0,
      'name'
    ])
  })

  it('fails a channel name used twice, at the second', () => {
    expectOnly(
      valid([
        'inputs:',
        ...input('{obs: {obs_url: /b/}}', 'x'),
        'outputs:',
        '  - {name: x, remote: {obs: {obs_url: /o/}}}'
      ]),
      'Channel',
      ['algorithm', 'outputs', 0, 'name']
    )
  })
})

describe('rule 7: environments', () => {
  it('passes names of letters, digits and _, with values of text', () => {
    expectValid(valid(['environments: {NCCL_DEBUG: INFO, _X1: "0"}']))
  })

  it('fails a bad name, a "$" value, a value over 4096 characters', () => {
    expectOnly(valid(['environments: {1BAD: x}']), 'Environment', ['algorithm', 'environments', '1BAD'])
    expectOnly(valid(['environments: {A-B: x}']), 'Environment', ['algorithm', 'environments', 'A-B'])
    expectOnly(valid(['environments: {PATH: "$HOME/bin"}']), 'Environment', [
      'algorithm',
      'environments',
      'PATH'
    ])
    expectOnly(valid([`environments: {LONG: ${'v'.repeat(4097)}}`]), 'Environment', [
      'algorithm',
      'environments',
      'LONG'
    ])
  })

  it('fails more than 100 pairs', () => {
    const many = Array.from({ length: 101 }, (_, i) => `V${i}: x`).join(', ')
    expectOnly(valid([`environments: {${many}}`]), 'Environment', ['algorithm', 'environments', 'V100'])
    const enough = Array.from({ length: 100 }, (_, i) => `V${i}: x`).join(', ')
    expectValid(valid([`environments: {${enough}}`]))
  })
})

describe('rule 8: volumes', () => {
  const volumes = (...items: string[]) =>
    job([ALGORITHM_ID], undefined, ['volumes:', ...items.map(i => `  - ${i}`)])

  it('passes one of nfs, pfs, obs per item', () => {
    expectValid(
      volumes(
        '{nfs: {nfs_server_path: "10.0.0.1:/", local_path: /mnt/nfs, read_only: false}}',
        '{pfs: {pfs_path: /b/p, local_path: /mnt/p}}',
        '{obs: {obs_path: /b/o, local_path: /mnt/o}}'
      )
    )
  })

  it('fails two in one item, at the later, or none', () => {
    expectOnly(
      volumes('{pfs: {pfs_path: /b/p, local_path: /p}, obs: {obs_path: /b/o, local_path: /o}}'),
      'Volume',
      ['spec', 'volumes', 0, 'obs']
    )
    expectOnly(volumes('{}'), 'Volume', ['spec', 'volumes', 0])
  })
})

describe('local_code_dir', () => {
  it('is under /home, not /home/ma-user itself nor the platform directories', () => {
    expectValid(valid(['local_code_dir: /home/ma-user/code']))
    expectValid(valid(['local_code_dir: /home/work/']))
    for (const bad of ['/opt/code', '/home/ma-user', '/home/ma-user/modelarts/code', '/home/ma-user/infer'])
      expectOnly(valid([`local_code_dir: ${bad}`]), 'Code directory', ['algorithm', 'local_code_dir'])
  })
})

describe('unknown keys and null, as for v1', () => {
  it('warn about an unknown key and send it in its place', () => {
    const result = buildV2(valid(['my_extra: 2', 'command: run']))
    expect(result.diagnostics.map(d => [d.severity, d.rule, d.path])).toEqual([
      ['warning', 'Unknown key', ['algorithm', 'my_extra']]
    ])
    expect(Object.keys(result.definition?.algorithm ?? {})).toEqual(['id', 'my_extra', 'command'])
    expect(result.definition?.algorithm.my_extra).toBe(2)
  })

  it('are errors when misspelt, with the suggestion', () => {
    const result = buildV2(valid(['bootfile: /b/t.py']))
    expect(result.diagnostics.map(d => [d.severity, d.message])).toEqual([
      ['error', 'unknown key `bootfile` in algorithm; did you mean `boot_file`?']
    ])
    expect(errors(job([ALGORITHM_ID], ['flavor_id: f', 'nodeCount: 1']))).toEqual([
      { rule: 'Unknown key', path: ['spec', 'resource', 'nodeCount'] }
    ])
  })

  it('suggest v2 name for the v1 label in a parameters item', () => {
    const result = buildV2(valid(['parameters: [{label: lr, value: "1"}]']))
    expect(result.diagnostics.map(d => d.message)).toContain(
      'unknown key `label` in a parameters item; did you mean `name`?'
    )
  })

  it('leave out null at optional keys', () => {
    const definition = expectValid(valid(['working_dir: null', 'engine: null']))
    expect(definition?.algorithm).toEqual({ id: '3f5d6706-7b67-408d-8ba0-ec08048c45ed' })
  })

  it('pass a file that writes null for whatever it does not set, sent without those keys', () => {
    const result = buildV2(jobSource('v2/null-optionals.yaml'))
    expect(result.diagnostics).toEqual([])
    expect(result.definition?.metadata).toEqual({ name: 'mnist-v2-nulls' })
    expect(Object.keys(result.definition?.algorithm ?? {})).not.toContain('parameters')
    expect(result.definition?.algorithm.inputs).toEqual([
      { name: 'data_url', remote: { obs: { obs_url: '/my-bucket/mnist/data/' } } }
    ])
    expect(Object.keys(result.definition?.spec ?? {})).toEqual(['resource'])
  })
})

describe('positions', () => {
  it('point at the offending key or value in the file', () => {
    const source = job(['code_dir: /b/code/', 'boot_file: /b/other/t.py', 'engine: {engine_id: e}'])
    const [problem] = buildV2(source).diagnostics
    expect(problem).toMatchObject({
      file: 'job.yaml',
      line: 6,
      column: 3,
      endLine: 6,
      endColumn: 12,
      rule: 'Boot file'
    })
    expect(problem?.message).toContain('/b/code/')
  })
})

describe('spec settings', () => {
  const withSpec = (...lines: string[]) => job([ALGORITHM_ID], undefined, lines)

  it('schedule_policy.priority is 1 to 3', () => {
    expectValid(withSpec('schedule_policy: {priority: 3, preemptible: true}'))
    expectOnly(withSpec('schedule_policy: {priority: 4}'), 'Schedule policy', [
      'spec',
      'schedule_policy',
      'priority'
    ])
    expect(buildV2(withSpec('schedule_policy: {priority: 4}')).diagnostics[0]?.message).toBe(
      '`spec.schedule_policy.priority` must be at most 3, not "4".'
    )
  })

  it('auto_stop takes HOURS and a duration of at least 1', () => {
    expectValid(withSpec('auto_stop: {time_unit: HOURS, duration: 2}'))
    expectOnly(withSpec('auto_stop: {time_unit: HOURS, duration: 0}'), 'Value', [
      'spec',
      'auto_stop',
      'duration'
    ])
    expectOnly(withSpec('auto_stop: {duration: 1}'), 'Missing key', ['spec', 'auto_stop', 'time_unit'])
  })

  it('notification events are the documented ones', () => {
    expectValid(withSpec('notification: {topic_urn: "urn:smn:x", events: [JobStarted, JobFailed]}'))
    expectOnly(withSpec('notification: {events: [JobBegan]}'), 'Value', ['spec', 'notification', 'events', 0])
  })

  it('main_container_customized_flavor is for dedicated pools only', () => {
    const flavor = 'main_container_customized_flavor: {cpu_core_num: 4, mem_size: 16, accelerator_num: 0}'
    expectValid(job([ALGORITHM_ID], ['pool_id: p', 'node_count: 1', flavor]))
    expectOnly(job([ALGORITHM_ID], ['flavor_id: f', 'node_count: 1', flavor]), 'Resource pool', [
      'spec',
      'resource',
      'main_container_customized_flavor'
    ])
  })

  it('install_sys_packages needs a preset engine on a custom image', () => {
    const own = ['code_dir: /b/', 'boot_file: /b/t.py']
    const engine = 'engine_name: PyTorch, engine_version: "1.8", image_url: "org/i:1"'
    expectValid(job([...own, `engine: {${engine}, install_sys_packages: true}`]))
    expectOnly(job([...own, 'engine: {engine_id: e, install_sys_packages: true}']), 'Engine', [
      'algorithm',
      'engine',
      'install_sys_packages'
    ])
  })
})

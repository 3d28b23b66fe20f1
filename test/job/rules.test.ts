/** Every rule of shared/reference/job-definition.md, each with a failing and a passing case. */
import { buildJobDefinition, type BuildResult, type JobSource } from '../../src/job/index.js'
import { jobWithConfig, validConfigWith } from './fixtures.js'

const build = (source: JobSource): BuildResult => buildJobDefinition(source, {})
const errors = (result: BuildResult) => result.diagnostics.filter(d => d.severity === 'error')
const problems = (result: BuildResult) => errors(result).map(d => ({ rule: d.rule, path: d.path }))

function expectValid(source: JobSource): void {
  const result = build(source)
  expect(errors(result)).toEqual([])
  expect(result.definition).toBeDefined()
}

function expectOnly(source: JobSource, rule: string, path: ReadonlyArray<string | number>): BuildResult {
  const result = build(source)
  expect(problems(result)).toEqual([{ rule, path }])
  expect(result.definition).toBeUndefined()
  return result
}

const top = (...lines: string[]): JobSource => ({
  file: 'job.yaml',
  text: [
    ...lines,
    'config:',
    '  worker_server_num: 1',
    '  model_id: 1',
    '  data_url: /d/',
    '  spec_id: 1',
    ''
  ].join('\n')
})

describe('top level (Table 2)', () => {
  it('requires job_name', () => {
    expectOnly(top('job_desc: no name'), 'Missing key', ['job_name'])
    expectValid(top('job_name: named'))
  })

  it('takes 1 to 64 letters, digits, _ and - as job_name', () => {
    expectValid(top('job_name: A-z_0-9'))
    expectValid(top(`job_name: ${'n'.repeat(64)}`))
    expectOnly(top(`job_name: ${'n'.repeat(65)}`), 'Job name', ['job_name'])
    expectOnly(top('job_name: "my job"'), 'Job name', ['job_name'])
    expectOnly(top('job_name: job.v1'), 'Job name', ['job_name'])
    expectOnly(top('job_name: ""'), 'Job name', ['job_name'])
  })

  it('takes 0 to 256 characters as job_desc', () => {
    expectValid(top('job_name: t', 'job_desc: ""'))
    expectValid(top('job_name: t', `job_desc: ${'d'.repeat(256)}`))
    const result = expectOnly(top('job_name: t', `job_desc: ${'d'.repeat(257)}`), 'Job description', [
      'job_desc'
    ])
    expect(result.diagnostics[0]?.message).toContain('257')
  })

  it('requires config, as a mapping', () => {
    expectOnly({ file: 'job.yaml', text: 'job_name: t\n' }, 'Missing key', ['config'])
    expectOnly({ file: 'job.yaml', text: 'job_name: t\nconfig: [1]\n' }, 'Type', ['config'])
  })

  it('takes workspace_id as text', () => {
    expectValid(top('job_name: t', 'workspace_id: af261af2218841ec960b01ab3cf1a5fa'))
    expectOnly(top('job_name: t', 'workspace_id: [a]'), 'Type', ['workspace_id'])
  })
})

describe('config fields (Table 3)', () => {
  it('requires worker_server_num, at least 1', () => {
    const missing = expectOnly(validConfigWith([], ['worker_server_num']), 'Missing key', [
      'config',
      'worker_server_num'
    ])
    expect(missing.diagnostics[0]).toMatchObject({ line: 2, column: 1, endLine: 2, endColumn: 7 })
    expectOnly(validConfigWith(['worker_server_num: 0'], ['worker_server_num']), 'Workers', [
      'config',
      'worker_server_num'
    ])
    expectValid(validConfigWith(['worker_server_num: 8'], ['worker_server_num']))
  })

  it.each(['spec_id', 'engine_id', 'model_id', 'worker_server_num'])(
    'takes %s only as a whole number',
    key => {
      for (const bad of ['abc', '1.5', '"1.0"', '1e3', 'true', '[1]', '"99999999999999999999"']) {
        const result = build(validConfigWith([`${key}: ${bad}`], [key]))
        expect(problems(result)).toContainEqual({ rule: 'Type', path: ['config', key] })
      }
      expectValid(validConfigWith([`${key}: 3`], [key]))
    }
  )

  it('rejects negative ids', () => {
    expectOnly(validConfigWith(['spec_id: -1'], ['spec_id']), 'Value', ['config', 'spec_id'])
  })

  it.each(['app_url', 'data_url', 'pool_id', 'train_url', 'log_url', 'user_image_url', 'user_command'])(
    'takes %s only as text',
    key => {
      const result = build(validConfigWith([`${key}: [a, b]`], [key]))
      expect(problems(result)).toContainEqual({ rule: 'Type', path: ['config', key] })
    }
  )

  it('takes create_version as true or false', () => {
    expectValid(validConfigWith(['create_version: false']))
    expectOnly(validConfigWith(['create_version: "false"']), 'Type', ['config', 'create_version'])
    expectOnly(validConfigWith(['create_version: yes']), 'Type', ['config', 'create_version'])
  })

  it('takes parameter as a list of label/value items', () => {
    expectValid(
      validConfigWith(['parameter:', '  - label: lr', '    value: "0.01"', '  - value: only-a-value'])
    )
    expectOnly(validConfigWith(['parameter:', '  - label: lr', '    value: [1]']), 'Type', [
      'config',
      'parameter',
      0,
      'value'
    ])
    expectOnly(validConfigWith(['parameter: lr=1']), 'Type', ['config', 'parameter'])
  })
})

describe('rule 1: exactly one source of training data', () => {
  const data = ['data_url', 'dataset_id', 'dataset_version_id', 'data_source']

  it('fails without any, at the config key', () => {
    const result = expectOnly(validConfigWith([], data), 'Data source', ['config'])
    expect(result.diagnostics[0]).toMatchObject({ line: 2, column: 1 })
  })

  it('passes with each one alone', () => {
    expectValid(validConfigWith([]))
    expectValid(validConfigWith(['dataset_id: a', 'dataset_version_id: b'], data))
    expectValid(validConfigWith(['data_source:', '  - data_url: /b/x/'], data))
  })

  it('fails with two, at the later key, naming both', () => {
    const result = expectOnly(
      validConfigWith(['dataset_id: a', 'dataset_version_id: b', 'data_url: /b/'], data),
      'Data source',
      ['config', 'data_url']
    )
    expect(result.diagnostics[0]?.message).toContain('data_url')
    expect(result.diagnostics[0]?.message).toContain('dataset_id with dataset_version_id')
    expectOnly(validConfigWith(['data_source:', '  - data_url: /b/x/']), 'Data source', [
      'config',
      'data_source'
    ])
  })
})

describe('rule 2: dataset_id and dataset_version_id together', () => {
  it('fails with one of them', () => {
    expectOnly(validConfigWith(['dataset_id: a'], ['data_url']), 'Dataset', ['config', 'dataset_id'])
    expectOnly(validConfigWith(['dataset_version_id: b'], ['data_url']), 'Dataset', [
      'config',
      'dataset_version_id'
    ])
  })

  it('passes with both', () => {
    expectValid(validConfigWith(['dataset_id: a', 'dataset_version_id: b'], ['data_url']))
  })
})

describe('rule 3: the job names its resources', () => {
  const warningsOf = (source: JobSource) =>
    build(source)
      .diagnostics.filter(d => d.severity === 'warning')
      .map(d => ({ rule: d.rule, path: d.path }))

  it('warns (does not fail) with spec_id and pool_id, at the later key, saying which to keep', () => {
    const both = validConfigWith(['pool_id: p'])
    expectValid(both)
    expect(warningsOf(both)).toEqual([{ rule: 'Resource pool', path: ['config', 'pool_id'] }])
    const message = build(both).diagnostics[0]?.message ?? ''
    expect(message).toMatch(/keep spec_id for a public resource pool/)
    expect(message).toMatch(/pool_id .*for a dedicated resource pool/)
    const reversed = jobWithConfig(
      'pool_id: p',
      'worker_server_num: 1',
      'model_id: 1',
      'data_url: /d/',
      'spec_id: 1'
    )
    expect(warningsOf(reversed)).toEqual([{ rule: 'Resource pool', path: ['config', 'spec_id'] }])
  })

  it('fails with none of spec_id, pool_id, flavor.code', () => {
    expectOnly(validConfigWith([], ['spec_id']), 'Resource pool', ['config'])
  })

  it('passes with one', () => {
    expectValid(validConfigWith([]))
    expectValid(validConfigWith(['pool_id: p'], ['spec_id']))
    expectValid(validConfigWith(['flavor:', '  code: modelarts.vm.cpu.2u'], ['spec_id']))
  })
})

describe('rule 4: something to run', () => {
  const code = ['model_id']

  it('fails with none of model_id, app_url + boot_file_url, user_image_url', () => {
    expectOnly(validConfigWith(['engine_id: 1'], code), 'Code to run', ['config'])
  })

  it('passes with a built-in algorithm, own code or a custom image', () => {
    expectValid(validConfigWith([]))
    expectValid(validConfigWith(['app_url: /c/', 'boot_file_url: /c/run.py', 'engine_id: 1'], code))
    expectValid(validConfigWith(['user_image_url: swr.example.com/a/b:1', 'user_command: run'], code))
  })

  it('allows model_id with app_url, boot_file_url and engine_id', () => {
    expectValid(validConfigWith(['app_url: /c/', 'boot_file_url: /c/run.py', 'engine_id: 1']))
  })

  it('passes with user_image_url and app_url alone (the code directory the image runs from)', () => {
    expectValid(
      validConfigWith(['user_image_url: swr.example.com/a/b:1', 'user_command: run', 'app_url: /c/'], code)
    )
    expectOnly(
      validConfigWith(
        ['user_image_url: swr.example.com/a/b:1', 'user_command: run', 'boot_file_url: /c/r.py'],
        code
      ),
      'Code to run',
      ['config', 'boot_file_url']
    )
  })

  it('fails with app_url or boot_file_url alone', () => {
    expectOnly(validConfigWith(['app_url: /c/'], code), 'Code to run', ['config', 'app_url'])
    expectOnly(validConfigWith(['boot_file_url: /c/run.py'], code), 'Code to run', [
      'config',
      'boot_file_url'
    ])
  })
})

describe('rule 5: boot_file_url inside app_url', () => {
  const own = (app: string, boot: string) =>
    validConfigWith([`app_url: ${app}`, `boot_file_url: ${boot}`], ['model_id'])

  it('passes for a file below the directory, with or without a trailing /', () => {
    expectValid(own('/usr/app/', '/usr/app/boot.py'))
    expectValid(own('/usr/app', '/usr/app/boot.py'))
    expectValid(own('obs://bucket/code/', 'obs://bucket/code/sub/train.py'))
  })

  it('fails for a sibling directory with the same prefix, at boot_file_url', () => {
    const result = expectOnly(own('/usr/app', '/usr/app2/boot.py'), 'Boot file', ['config', 'boot_file_url'])
    expect(result.diagnostics[0]).toMatchObject({ line: 7, column: 3, endLine: 7, endColumn: 16 })
  })

  it('fails for a file elsewhere, or the directory itself', () => {
    expectOnly(own('/usr/app/', '/other/boot.py'), 'Boot file', ['config', 'boot_file_url'])
    expectOnly(own('/usr/app/', '/usr/app/'), 'Boot file', ['config', 'boot_file_url'])
  })
})

describe('rule 6: user_command needs user_image_url', () => {
  it('fails without the image', () => {
    expectOnly(validConfigWith(['user_command: bash run.sh']), 'Custom image', ['config', 'user_command'])
  })

  it('passes with the image', () => {
    expectValid(validConfigWith(['user_image_url: swr.example.com/a/b:1', 'user_command: bash run.sh']))
  })
})

describe('data_source items (Table 4)', () => {
  const items = (...lines: string[]) =>
    validConfigWith(['data_source:', ...lines.map(line => `  ${line}`)], ['data_url'])

  it('passes OBS and dataset items', () => {
    expectValid(
      items('- type: obs', '  data_url: /b/x/', '- type: dataset', '  dataset_id: a', '  dataset_version: v1')
    )
    expectValid(items('- data_url: /b/x/'))
  })

  it('takes type obs or dataset only', () => {
    expectOnly(items('- type: s3', '  data_url: /b/x/'), 'Data source', ['config', 'data_source', 0, 'type'])
  })

  it('fails for data_url with a dataset, at the later key', () => {
    const result = items('- data_url: /b/x/', '  dataset_id: a', '  dataset_version: v1')
    expectOnly(result, 'Data source', ['config', 'data_source', 0, 'dataset_version'])
  })

  it('fails for half a dataset', () => {
    expectOnly(items('- dataset_id: a'), 'Dataset', ['config', 'data_source', 0, 'dataset_id'])
    expectOnly(items('- dataset_version: v1'), 'Dataset', ['config', 'data_source', 0, 'dataset_version'])
  })

  it('fails when type does not match what the item reads', () => {
    expectOnly(items('- type: obs', '  dataset_id: a', '  dataset_version: v1'), 'Data source', [
      'config',
      'data_source',
      0,
      'type'
    ])
    expectOnly(items('- type: dataset', '  data_url: /b/x/'), 'Data source', [
      'config',
      'data_source',
      0,
      'type'
    ])
  })

  it('fails for an item without data, or an empty list', () => {
    expectOnly(items('- type: obs'), 'Data source', ['config', 'data_source', 0])
    expectOnly(validConfigWith(['data_source: []'], ['data_url']), 'Data source', ['config', 'data_source'])
  })
})

describe('volumes (Tables 5 to 7)', () => {
  const volumes = (...lines: string[]) => validConfigWith(['volumes:', ...lines.map(line => `  ${line}`)])
  const nfs = ['- nfs:', '    id: fs-1', '    src_path: 192.168.8.150:/', '    dest_path: /home/work/nas']
  const hostPath = ['- host_path:', '    src_path: /root/work', '    dest_path: /home/mind']

  it('passes nfs and host_path volumes, with read_only or without', () => {
    expectValid(volumes(...nfs, '    read_only: true', ...hostPath))
    expectValid(volumes(...hostPath, '    read_only: false'))
  })

  it('requires id, src_path and dest_path of nfs, and src_path and dest_path of host_path', () => {
    for (const key of ['id', 'src_path', 'dest_path']) {
      const lines = nfs.filter(line => !line.trim().startsWith(`${key}:`))
      expectOnly(volumes(...lines), 'Missing key', ['config', 'volumes', 0, 'nfs', key])
    }
    for (const key of ['src_path', 'dest_path']) {
      const lines = hostPath.filter(line => !line.trim().startsWith(`${key}:`))
      expectOnly(volumes(...lines), 'Missing key', ['config', 'volumes', 0, 'host_path', key])
    }
  })

  it('takes read_only as true or false', () => {
    expectOnly(volumes(...nfs, '    read_only: "no"'), 'Type', ['config', 'volumes', 0, 'nfs', 'read_only'])
  })

  it('fails for both kinds in one item, at the later key', () => {
    const both = [...nfs, ...hostPath.map((line, index) => (index === 0 ? '  host_path:' : line))]
    expectOnly(volumes(...both), 'Volume', ['config', 'volumes', 0, 'host_path'])
  })

  it('fails for an item of neither kind', () => {
    expectOnly(volumes('- {}'), 'Volume', ['config', 'volumes', 0])
  })
})

describe('unknown keys at any depth', () => {
  const cases: Array<[string, JobSource, string, ReadonlyArray<string | number>]> = [
    [
      'top level',
      top('job_name: t', 'jobname: x'),
      'unknown key `jobname` in the job; did you mean `job_name`?',
      ['jobname']
    ],
    [
      'config',
      validConfigWith(['boot_file: /c/b.py']),
      'unknown key `boot_file` in config; did you mean `boot_file_url`?',
      ['config', 'boot_file']
    ],
    [
      'config',
      validConfigWith(['spec: 1']),
      'unknown key `spec` in config; did you mean `spec_id`?',
      ['config', 'spec']
    ],
    [
      'config',
      validConfigWith(['worker_num: 1']),
      'unknown key `worker_num` in config; did you mean `worker_server_num`?',
      ['config', 'worker_num']
    ],
    [
      'parameter item',
      validConfigWith(['parameter:', '  - lable: lr', '    value: "1"']),
      'unknown key `lable` in a parameter item; did you mean `label`?',
      ['config', 'parameter', 0, 'lable']
    ],
    [
      'data_source item',
      validConfigWith(['data_source:', '  - data_url: /b/', '    typ: obs'], ['data_url']),
      'unknown key `typ` in a data_source item; did you mean `type`?',
      ['config', 'data_source', 0, 'typ']
    ],
    [
      'volumes item',
      validConfigWith([
        'volumes:',
        '  - nfs:',
        '      id: a',
        '      src_path: b',
        '      dest_path: c',
        '    hostpath: {}'
      ]),
      'unknown key `hostpath` in a volumes item; did you mean `host_path`?',
      ['config', 'volumes', 0, 'hostpath']
    ],
    [
      'nfs',
      validConfigWith([
        'volumes:',
        '  - nfs:',
        '      id: a',
        '      src_path: b',
        '      dest_path: c',
        '      readonly: true'
      ]),
      'unknown key `readonly` in nfs; did you mean `read_only`?',
      ['config', 'volumes', 0, 'nfs', 'readonly']
    ],
    [
      'host_path',
      validConfigWith([
        'volumes:',
        '  - host_path:',
        '      src_path: b',
        '      dest_path: c',
        '      src-path: rw'
      ]),
      'unknown key `src-path` in host_path; did you mean `src_path`?',
      ['config', 'volumes', 0, 'host_path', 'src-path']
    ]
  ]

  it.each(cases)('are errors in %s, with the nearest known key', (_, source, message, path) => {
    const result = build(source)
    expect(errors(result).map(d => ({ rule: d.rule, message: d.message, path: d.path }))).toEqual([
      { rule: 'Unknown key', message, path }
    ])
  })

  it('reports a misspelt required key once, as the unknown key', () => {
    const result = build(jobWithConfig('worker_num: 1', 'model_id: 1', 'data_url: /d/', 'spec_id: 1'))
    expect(problems(result)).toEqual([{ rule: 'Unknown key', path: ['config', 'worker_num'] }])
  })

  it('reports every problem of a file at once', () => {
    const result = build(jobWithConfig('worker_server_num: 0', 'spec: 1', 'app_url: /a/', 'user_command: x'))
    // `spec` is read as the spec_id it likely means, so the resource pool rule is not broken as well.
    expect(problems(result).map(problem => problem.rule)).toEqual([
      'Data source',
      'Workers',
      'Unknown key',
      'Code to run',
      'Custom image'
    ])
  })
})

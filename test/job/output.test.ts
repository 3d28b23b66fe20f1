/** The conveniences, the warnings, and the body that is sent: key order, types, nothing invented. */
import { type JobSource } from '../../src/job/index.js'
import { buildV1, jobFiles, jobSource, validConfigWith } from './fixtures.js'

const definitionOf = (source: JobSource) => {
  const result = buildV1(source, {})
  expect(result.diagnostics.filter(d => d.severity === 'error')).toEqual([])
  return result.definition
}

describe('conveniences', () => {
  it('turns a parameter mapping into the label/value list, order and number text kept', () => {
    const config = definitionOf(
      validConfigWith([
        'parameter:',
        '  zeta: 0.10',
        '  alpha: 32',
        '  use_amp: true',
        '  note: plain text',
        '  big: 1e-5'
      ])
    )?.config
    expect(config?.parameter).toEqual([
      { label: 'zeta', value: '0.10' },
      { label: 'alpha', value: '32' },
      { label: 'use_amp', value: 'true' },
      { label: 'note', value: 'plain text' },
      { label: 'big', value: '1e-5' }
    ])
  })

  it('turns numbers and booleans in parameter list values into text', () => {
    const config = definitionOf(
      validConfigWith(['parameter:', '  - {label: lr, value: 0.010}', '  - {label: on, value: false}'])
    )
    expect(config?.config.parameter).toEqual([
      { label: 'lr', value: '0.010' },
      { label: 'on', value: 'false' }
    ])
  })

  it('locates a problem in a parameter mapping at its value, named by its label', () => {
    const result = buildV1(validConfigWith(['parameter:', '  lr: 0.1', '  layers: [1, 2]']), {})
    expect(result.diagnostics).toMatchObject([
      {
        rule: 'Type',
        path: ['config', 'parameter', 1, 'value'],
        line: 9,
        column: 13,
        endLine: 9,
        endColumn: 19
      }
    ])
    expect(result.diagnostics[0]?.message).toContain('`config.parameter.layers`')
  })

  it('accepts whole decimal strings where integers are expected', () => {
    const config = definitionOf(
      validConfigWith(['worker_server_num: "4"', 'engine_id: "10"'], ['worker_server_num'])
    )?.config
    expect(config?.worker_server_num).toBe(4)
    expect(config?.engine_id).toBe(10)
  })

  it('sends plain YAML numbers and booleans in text fields as their source text', () => {
    const source: JobSource = {
      file: 'job.yaml',
      text: [
        'job_name: 2024',
        'workspace_id: 0',
        'job_desc: 1.50',
        'config:',
        '  worker_server_num: 1',
        '  model_id: 1',
        '  data_url: /d/',
        '  pool_id: 0x1F',
        '  user_image_url: img',
        '  user_command: true',
        ''
      ].join('\n')
    }
    const definition = definitionOf(source)
    expect(definition).toMatchObject({ job_name: '2024', workspace_id: '0', job_desc: '1.50' })
    expect(definition?.config).toMatchObject({ pool_id: '0x1F', user_command: 'true' })
  })

  it('reads JSON job files', () => {
    expect(definitionOf(jobSource('valid/minimal.json'))?.config.spec_id).toBe(1)
  })

  it('expands YAML anchors and aliases', () => {
    const source = validConfigWith(['train_url: &out /b/out/', 'log_url: *out'])
    expect(definitionOf(source)?.config.log_url).toBe('/b/out/')
  })
})

describe('the body sent', () => {
  it.each(jobFiles('valid'))('%s has the keys in the order of Tables 2 and 3', name => {
    const definition = definitionOf(jobSource(`valid/${name}`))
    const topOrder = ['job_name', 'job_desc', 'workspace_id', 'config']
    const configOrder = [
      'worker_server_num',
      'app_url',
      'boot_file_url',
      'parameter',
      'data_url',
      'dataset_id',
      'dataset_version_id',
      'data_source',
      'spec_id',
      'pool_id',
      'engine_id',
      'model_id',
      'train_url',
      'log_url',
      'user_image_url',
      'user_command',
      'create_version',
      'volumes',
      // Keys real clients send although Table 3 lacks them: after it, in the schema's order.
      'flavor',
      'priority',
      'nas_share_addr',
      'nas_mount_path',
      'nas_type'
    ]
    const keys = Object.keys(definition ?? {})
    expect(keys).toEqual(topOrder.filter(key => keys.includes(key)))
    const configKeys = Object.keys(definition?.config ?? {})
    expect(configKeys).toEqual(configOrder.filter(key => configKeys.includes(key)))
  })

  it('is exactly what own-code.yaml says, with integers as numbers and no defaults added', () => {
    expect(JSON.stringify(definitionOf(jobSource('valid/own-code.yaml')))).toBe(
      JSON.stringify({
        job_name: 'mnist-own-code',
        job_desc: 'Train the MNIST classifier from our own training script',
        config: {
          worker_server_num: 1,
          app_url: '/my-bucket/mnist/code/',
          boot_file_url: '/my-bucket/mnist/code/train.py',
          parameter: [
            { label: 'learning_rate', value: '0.010' },
            { label: 'batch_size', value: '32' },
            { label: 'use_amp', value: 'true' }
          ],
          data_url: '/my-bucket/mnist/data/',
          spec_id: 1,
          engine_id: 10,
          train_url: '/my-bucket/mnist/output/',
          log_url: '/my-bucket/mnist/logs/'
        }
      })
    )
  })

  it('keeps nested keys in table order too', () => {
    const config = definitionOf(jobSource('valid/custom-image.yaml'))?.config
    expect(config?.volumes?.map(volume => Object.keys(volume.nfs ?? volume.host_path ?? {}))).toEqual([
      ['id', 'src_path', 'dest_path', 'read_only'],
      ['src_path', 'dest_path']
    ])
    expect(config?.create_version).toBe(false)
    expect(config?.parameter).toEqual([
      { label: 'EPOCHS', value: '90' },
      { label: 'LR_SCHEDULE', value: 'cosine' }
    ])
  })
})

describe('warnings', () => {
  const warningsOf = (source: JobSource) => {
    const result = buildV1(source, {})
    expect(result.definition).toBeDefined()
    return result.diagnostics.map(d => ({ severity: d.severity, rule: d.rule, path: d.path }))
  }

  it('warn about train_url and log_url without a trailing /', () => {
    expect(warningsOf(validConfigWith(['train_url: /b/out', 'log_url: /b/log']))).toEqual([
      { severity: 'warning', rule: 'Output directory', path: ['config', 'train_url'] },
      { severity: 'warning', rule: 'Log directory', path: ['config', 'log_url'] }
    ])
    expect(warningsOf(validConfigWith(['train_url: /b/out/', 'log_url: obs://b/log/']))).toEqual([])
  })

  it('warn about user_image_url without user_command', () => {
    expect(warningsOf(validConfigWith(['user_image_url: swr.example.com/a/b:1']))).toEqual([
      { severity: 'warning', rule: 'Custom image', path: ['config', 'user_image_url'] }
    ])
    expect(
      warningsOf(validConfigWith(['user_image_url: swr.example.com/a/b:1', 'user_command: run']))
    ).toEqual([])
  })

  it('warn about a parameter label given twice, at the later one', () => {
    const twice = validConfigWith([
      'parameter:',
      '  - {label: lr, value: "1"}',
      '  - {label: lr, value: "2"}'
    ])
    expect(warningsOf(twice)).toEqual([
      { severity: 'warning', rule: 'Parameter', path: ['config', 'parameter', 1, 'label'] }
    ])
    const result = buildV1(twice, {})
    expect(result.diagnostics[0]).toMatchObject({ line: 9, column: 15 })
    expect(
      warningsOf(
        validConfigWith(['parameter:', '  - {label: lr, value: "1"}', '  - {label: bs, value: "2"}'])
      )
    ).toEqual([])
  })
})

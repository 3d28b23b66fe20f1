/**
 * The v1 rules calibrated on real request bodies (job-definition.md, issue #9): shapes that the vendor's
 * SDK, its walk-throughs and users' production code send are valid and sent as they are; misspellings of
 * known keys stay errors with their suggestion. The bodies are written here, after those sources' shapes.
 */
import type { JobSource } from '../../src/job/index.js'
import { buildV1 } from './fixtures.js'

const json = (body: unknown): JobSource => ({ file: 'job.json', text: JSON.stringify(body, null, 2) })
const errorsOf = (source: JobSource) => buildV1(source).diagnostics.filter(d => d.severity === 'error')

const config = {
  worker_server_num: 1,
  app_url: '/bucket/code/',
  boot_file_url: '/bucket/code/train.py',
  data_url: '/bucket/data/',
  spec_id: 1,
  engine_id: 1
}

describe('keys real clients send (accepted, sent as they are)', () => {
  it('takes the Python SDK shape: job_desc null, job_type, autosearch_config, notification', () => {
    const body = {
      job_name: 'sdk-job',
      job_desc: null,
      job_type: 'train',
      autosearch_config: { enable: false },
      config,
      notification: { topic_urn: '', events: [] }
    }
    const result = buildV1(json(body))
    expect(result.diagnostics).toEqual([])
    // null means not given: job_desc is left out, not sent as null.
    expect(result.definition).toEqual({
      job_name: 'sdk-job',
      job_type: 'train',
      autosearch_config: { enable: false },
      config,
      notification: { topic_urn: '', events: [] }
    })
    expect(Object.keys(result.definition ?? {})).toEqual([
      'job_name',
      'job_type',
      'autosearch_config',
      'config',
      'notification'
    ])
  })

  it('takes the TensorFlow walk-through shape: flavor.code names the resources, with priority and nas_*', () => {
    const { spec_id: _dropped, ...withoutSpec } = config
    const body = {
      job_name: 'tf-walkthrough',
      config: {
        ...withoutSpec,
        flavor: { code: 'modelarts.vm.gpu.p100' },
        priority: 1,
        nas_type: 'efs',
        nas_share_addr: '192.168.0.10:/',
        nas_mount_path: '/home/work/nas'
      }
    }
    const result = buildV1(json(body))
    expect(result.diagnostics).toEqual([])
    expect(result.definition?.config.flavor).toEqual({ code: 'modelarts.vm.gpu.p100' })
    // A number sent as it is stays a number.
    expect(result.definition?.config.priority).toBe(1)
    expect(result.definition?.config.nas_mount_path).toBe('/home/work/nas')
  })

  it('takes the custom-image shape: image, code directory and boot command, no boot file', () => {
    const result = buildV1(
      json({
        job_name: 'custom-image',
        config: {
          worker_server_num: 1,
          user_image_url: '100.125.5.235:20202/jobmng/custom-cpu-base:1.0',
          user_command: 'bash /home/work/run_train.sh',
          app_url: '/bucket/code/',
          data_url: '/bucket/data/',
          spec_id: 1
        }
      })
    )
    expect(result.diagnostics).toEqual([])
    expect(result.definition?.config.app_url).toBe('/bucket/code/')
  })

  it('warns about spec_id with pool_id (the seed page samples set both) and sends the body', () => {
    const result = buildV1(json({ job_name: 'both', config: { ...config, pool_id: 'pool-1' } }))
    expect(result.diagnostics.map(d => [d.severity, d.rule])).toEqual([['warning', 'Resource pool']])
    expect(result.diagnostics[0]?.message).toMatch(/spec_id for a public resource pool.*pool_id .*dedicated/)
    expect(result.definition?.config.pool_id).toBe('pool-1')
  })

  it('treats null at any optional key as not given', () => {
    const result = buildV1(
      json({ job_name: 'nulls', workspace_id: null, config: { ...config, pool_id: null, log_url: null } })
    )
    expect(result.diagnostics).toEqual([])
    expect(result.definition?.config).toEqual(config)
    expect(result.definition).not.toHaveProperty('workspace_id')
  })

  it('reports null at a required key as missing', () => {
    const result = buildV1(json({ job_name: null, config }))
    expect(errorsOf(json({ job_name: null, config })).map(d => [d.rule, d.path])).toEqual([
      ['Missing key', ['job_name']]
    ])
    expect(result.definition).toBeUndefined()
  })
})

describe('other unknown keys', () => {
  it('warn, are kept in their place, and keep their values as written', () => {
    const source: JobSource = {
      file: 'job.yaml',
      text: [
        'job_name: keep-mine',
        'config:',
        '  worker_server_num: 1',
        '  max_retries: 3',
        '  app_url: /bucket/code/',
        '  boot_file_url: /bucket/code/train.py',
        '  data_url: /bucket/data/',
        '  spec_id: 1',
        '  tags: {team: vision, budget: 1.5}',
        ''
      ].join('\n')
    }
    const result = buildV1(source)
    expect(result.diagnostics.map(d => [d.severity, d.rule, d.path, d.line])).toEqual([
      ['warning', 'Unknown key', ['config', 'max_retries'], 4],
      ['warning', 'Unknown key', ['config', 'tags'], 9]
    ])
    expect(result.diagnostics[0]?.message).toBe(
      '`max_retries` in config is not in the documented request; sent as it is (known keys: ' +
        'worker_server_num, app_url, boot_file_url, parameter, data_url, dataset_id, dataset_version_id, ' +
        'data_source, spec_id, pool_id, engine_id, model_id, train_url, log_url, user_image_url, ' +
        'user_command, create_version, volumes, flavor, priority, nas_share_addr, nas_mount_path, nas_type).'
    )
    expect(Object.keys(result.definition?.config ?? {})).toEqual([
      'worker_server_num',
      'max_retries',
      'app_url',
      'boot_file_url',
      'data_url',
      'spec_id',
      'tags'
    ])
    expect(result.definition?.config.max_retries).toBe(3)
    expect(result.definition?.config.tags).toEqual({ team: 'vision', budget: 1.5 })
  })

  it.each([
    ['boot_file', 'boot_file_url'],
    ['bootfile_url', 'boot_file_url'],
    ['spec-id', 'spec_id'],
    ['Data_url', 'data_url'],
    ['worker_server_nums', 'worker_server_num'],
    ['pararmeter', 'parameter']
  ])('are errors when likely misspellings: %s (did you mean %s?)', (typed, meant) => {
    const errors = errorsOf(json({ job_name: 'typo', config: { ...config, [typed]: 'x' } }))
    expect(errors.map(d => [d.rule, d.path])).toEqual([['Unknown key', ['config', typed]]])
    expect(errors[0]?.message).toBe(`unknown key \`${typed}\` in config; did you mean \`${meant}\`?`)
  })

  it('suggest v1 label for the v2 name in a parameter item', () => {
    const body = { job_name: 'p', config: { ...config, parameter: [{ name: 'lr', value: '1' }] } }
    expect(errorsOf(json(body)).map(d => d.message)).toEqual([
      'unknown key `name` in a parameter item; did you mean `label`?'
    ])
  })
})

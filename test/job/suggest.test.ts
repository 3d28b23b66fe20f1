import { nearestKey } from '../../src/job/suggest.js'

const config = [
  'worker_server_num',
  'app_url',
  'boot_file_url',
  'spec_id',
  'pool_id',
  'engine_id',
  'model_id',
  'data_url'
]

describe('nearest known key', () => {
  it.each([
    ['boot_file', 'boot_file_url'],
    ['spec', 'spec_id'],
    ['worker_num', 'worker_server_num'],
    ['Spec_ID', 'spec_id'],
    ['pool-id', 'pool_id'],
    ['enigne_id', 'engine_id'],
    ['modelid', 'model_id']
  ])('suggests %s → %s', (typed, meant) => {
    expect(nearestKey(typed, config)).toBe(meant)
  })

  it('suggests read_only for readonly', () => {
    expect(nearestKey('readonly', ['id', 'src_path', 'dest_path', 'read_only'])).toBe('read_only')
  })

  it('suggests nothing for an unrelated key', () => {
    expect(nearestKey('gpu_count', config)).toBeUndefined()
    expect(nearestKey('x', config)).toBeUndefined()
  })
})

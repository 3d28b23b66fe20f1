/** `locate` beside a valid definition: later checks report where validation would. */
import { buildJobDefinition } from '../../src/job/index.js'

const FILE = `kind: job
metadata:
  name: nightly
algorithm:
  id: a1
spec:
  resource:
    flavor_id: modelarts.vm.cpu.8u
    node_count: 1
`

test('a value in the file is located at its line and column; one set by overrides at that input', () => {
  const built = buildJobDefinition(
    { file: 'j.yaml', text: FILE },
    {},
    { overrides: 'spec: {resource: {node_count: 4}}' }
  )
  expect(built.definition).toBeDefined()
  expect(built.locate?.(['spec', 'resource', 'flavor_id'])).toEqual({
    file: 'j.yaml',
    line: 8,
    column: 16,
    endLine: 8,
    endColumn: 35
  })
  expect(built.locate?.(['spec', 'resource', 'node_count'])).toEqual({ input: 'overrides' })
  expect(built.locate?.([])).toMatchObject({ file: 'j.yaml', line: 1, column: 1 })
})

test('without a job file a field is located at the input that sets it', () => {
  const built = buildJobDefinition(undefined, {
    job_name: 'm',
    app_url: '/b/c/',
    boot_file_url: '/b/c/t.py',
    data_url: '/b/d/',
    worker_server_num: '2',
    spec_id: '1'
  })
  expect(built.locate?.(['config', 'worker_server_num'])).toEqual({ input: 'worker_server_num' })
  expect(built.locate?.(['config', 'spec_id'])).toEqual({ input: 'spec_id' })
})

test('an invalid definition has no locate', () => {
  expect(buildJobDefinition({ file: 'j.yaml', text: 'kind: job\n' }, {}).locate).toBeUndefined()
})

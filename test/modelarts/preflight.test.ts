/** The pre-flight on fake lists: each problem at its line or input, with the nearest valid values; reads never block. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildJobDefinition, type DefinitionInputs, type JobSource } from '../../src/job/index.js'
import {
  parseV1Engines,
  parseV1Specs,
  parseV2Engines,
  parseV2Flavors,
  type NameCheck,
  type ServiceListsV1,
  type ServiceListsV2,
  type V2Quota
} from '../../src/modelarts/lists.js'
import { levenshtein, runPreflight, type PreflightMode } from '../../src/modelarts/preflight.js'
import { HuaweiCloudError } from '../../src/huaweicloud/errors.js'
import { parseJob, type V2Job } from '../../src/modelarts/v2.js'

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(process.cwd(), '__fixtures__/service-lists', name), 'utf8'))
const FLAVORS = parseV2Flavors(fixture('v2-flavors.json'))
const ENGINES = parseV2Engines(fixture('v2-engines.json'))
const SPECS = parseV1Specs(fixture('v1-resource-specs.json'))
const V1_ENGINES = parseV1Engines(fixture('v1-ai-engines.json'))

const forbidden = (status: number) =>
  new HuaweiCloudError(`GET /v2/p/list: HTTP ${status} ModelArts.0108`, {
    kind: 'service',
    status,
    code: 'ModelArts.0108',
    requestSent: true
  })

interface FakeV2 {
  lists: ServiceListsV2
  search: (name: string, workspace?: string) => Promise<V2Job[]>
  calls: string[]
}

function fakeV2(
  over: {
    flavors?: () => Promise<unknown>
    engines?: () => Promise<unknown>
    quotas?: V2Quota[] | Error
    name?: NameCheck | Error
    existing?: string[]
  } = {}
): FakeV2 {
  const calls: string[] = []
  const fail = (value: unknown) => (value instanceof Error ? Promise.reject(value) : Promise.resolve(value))
  return {
    calls,
    lists: {
      flavors: async () => {
        calls.push('flavors')
        return over.flavors ? parseV2Flavors(await over.flavors()) : FLAVORS
      },
      engines: async () => {
        calls.push('engines')
        return over.engines ? parseV2Engines(await over.engines()) : ENGINES
      },
      quotas: async () => {
        calls.push('quotas')
        return (await fail(over.quotas ?? [{ resource: 'job-num', quota: 50, used: 3 }])) as V2Quota[]
      },
      nameCheck: async (name: string) => {
        calls.push(`name ${name}`)
        return (await fail(over.name ?? 'free')) as NameCheck
      }
    },
    search: async (name: string) => {
      calls.push(`search ${name}`)
      return (over.existing ?? [])
        .filter(existing => existing.includes(name))
        .map(existing => parseJob({ metadata: { id: `id-${existing}`, name: existing } }))
    }
  }
}

const V2_FILE = (
  resource: string,
  engine = '    engine_id: pytorch_1.8.0-cuda_10.2-py_3.7-ubuntu_18.04-x86_64'
) =>
  [
    'kind: job',
    'metadata:',
    '  name: mnist',
    'algorithm:',
    '  code_dir: obs://b/code/',
    '  boot_file: obs://b/code/train.py',
    '  engine:',
    engine,
    'spec:',
    '  resource:',
    resource,
    ''
  ].join('\n')

function v2(text: string, fake: FakeV2, mode: PreflightMode = 'create', name: string | null = 'mnist') {
  const source: JobSource = { file: 'jobs/train.yaml', text }
  const built = buildJobDefinition(source, {})
  if (built.api !== 'v2' || !built.definition || !built.locate) {
    throw new Error(`fixture invalid: ${JSON.stringify(built.diagnostics)}`)
  }
  return runPreflight({
    api: 'v2',
    definition: built.definition,
    locate: built.locate,
    lists: fake.lists,
    mode,
    search: fake.search,
    ...(name !== null && { name })
  })
}

const lineOf = (text: string, needle: string): number =>
  text.split('\n').findIndex(l => l.includes(needle)) + 1

describe('v2 pre-flight', () => {
  test('a valid job passes after one round of four parallel reads', async () => {
    const fake = fakeV2()
    const result = await v2(V2_FILE('    flavor_id: modelarts.vm.cpu.8u\n    node_count: 2'), fake)
    expect(result).toEqual({ diagnostics: [], reads: 4, rounds: 1 })
    expect(fake.calls.sort()).toEqual(['engines', 'flavors', 'name mnist', 'quotas'])
  })

  test('an unknown flavor is an error at its value, with the three closest flavors and their resources', async () => {
    const text = V2_FILE('    flavor_id: modelarts.p3.larg.public\n    node_count: 1')
    const { diagnostics } = await v2(text, fakeV2())
    expect(diagnostics).toHaveLength(1)
    const [d] = diagnostics
    expect(d).toMatchObject({
      severity: 'error',
      rule: 'Flavor',
      file: 'jobs/train.yaml',
      line: lineOf(text, 'flavor_id'),
      column: 16,
      path: ['spec', 'resource', 'flavor_id']
    })
    expect(d?.message).toContain('"modelarts.p3.larg.public" is not a public training flavor')
    expect(d?.message).toContain('modelarts.p3.large.public (8 vCPUs, 1× NVIDIA-V100 32GB, 64 GiB)')
    const suggested = d?.message.match(/modelarts\.[a-z0-9.]+ \(/g) ?? []
    expect(suggested).toHaveLength(3)
  })

  test('more nodes than the flavor allows is an error at node_count, naming flavors that allow them', async () => {
    const text = V2_FILE('    flavor_id: modelarts.vm.gpu.t4\n    node_count: 8')
    const { diagnostics } = await v2(text, fakeV2())
    expect(diagnostics).toEqual([
      expect.objectContaining({ rule: 'Node count', line: lineOf(text, 'node_count'), column: 17 })
    ])
    expect(diagnostics[0]?.message).toMatch(
      /node_count is 8, but flavor modelarts\.vm\.gpu\.t4 runs at most 4 nodes/
    )
    expect(diagnostics[0]?.message).toContain('modelarts.p3.large.public (')
    expect(diagnostics[0]?.message).not.toContain('modelarts.p3.large.public.free')
  })

  test('a dedicated pool is not checked against the public flavors, nor its node count', async () => {
    const fake = fakeV2()
    const text = V2_FILE(
      '    pool_id: pool-abc\n    flavor_id: modelarts.pool.visual.xlarge\n    node_count: 64'
    )
    const result = await v2(text, fake)
    expect(result.diagnostics).toEqual([])
    expect(fake.calls).not.toContain('flavors')
  })

  test('an unknown engine_id is an error at it; a known name with another version points at the version', async () => {
    const text = V2_FILE(
      '    flavor_id: modelarts.vm.cpu.8u\n    node_count: 1',
      '    engine_id: pytorch_1.9.0-cuda_10.2'
    )
    const byId = await v2(text, fakeV2())
    expect(byId.diagnostics).toEqual([
      expect.objectContaining({
        rule: 'Engine',
        line: lineOf(text, 'engine_id'),
        path: ['algorithm', 'engine', 'engine_id']
      })
    ])
    expect(byId.diagnostics[0]?.message).toContain('pytorch_1.8.0-cuda_10.2-py_3.7-ubuntu_18.04-x86_64')

    const versioned = V2_FILE(
      '    flavor_id: modelarts.vm.cpu.8u\n    node_count: 1',
      '    engine_name: PyTorch\n    engine_version: pytorch_1.9.0'
    )
    const byName = await v2(versioned, fakeV2())
    expect(byName.diagnostics).toEqual([
      expect.objectContaining({
        line: lineOf(versioned, 'engine_version'),
        path: ['algorithm', 'engine', 'engine_version']
      })
    ])
    expect(byName.diagnostics[0]?.message).toMatch(
      /^PyTorch has no engine_version "pytorch_1\.9\.0" here; the nearest are pytorch_1\.8\.0/
    )
  })

  test('an unknown engine name is an error at engine_name with the nearest engines', async () => {
    const text = V2_FILE(
      '    flavor_id: modelarts.vm.cpu.8u\n    node_count: 1',
      '    engine_name: Pytorch-X\n    engine_version: pytorch_1.8.0-cuda_10.2-py_3.7-ubuntu_18.04-x86_64'
    )
    const { diagnostics } = await v2(text, fakeV2())
    expect(diagnostics[0]).toMatchObject({ rule: 'Engine', path: ['algorithm', 'engine', 'engine_name'] })
    expect(diagnostics[0]?.message).toContain('PyTorch pytorch_1.8.0')
  })

  test('a taken name is found before the create', async () => {
    const text = V2_FILE('    flavor_id: modelarts.vm.cpu.8u\n    node_count: 1')
    const { diagnostics } = await v2(text, fakeV2({ name: 'taken' }))
    expect(diagnostics).toEqual([
      expect.objectContaining({
        rule: 'Job name',
        line: lineOf(text, 'name: mnist'),
        path: ['metadata', 'name']
      })
    ])
    // The same line as a create refused with ModelArts.2751 (v2-submit.test.ts): the code and what to do.
    expect(diagnostics[0]?.message).toBe(
      'A training job named "mnist" already exists in workspace 0 (ModelArts.2751): set if_exists: new_version ' +
        "to name each run's job mnist-V0001, mnist-V0002, ..., choose another job_name, or delete the old job."
    )
  })

  test('when the name check is not served, a search stands in: a second round, exact names only', async () => {
    const text = V2_FILE('    flavor_id: modelarts.vm.cpu.8u\n    node_count: 1')
    const similar = fakeV2({ name: 'unavailable', existing: ['mnist-2'] })
    const free = await v2(text, similar)
    expect(free).toEqual({ diagnostics: [], reads: 5, rounds: 2 })
    expect(similar.calls).toContain('search mnist')

    const taken = await v2(text, fakeV2({ name: 'unavailable', existing: ['mnist'] }))
    expect(taken.diagnostics.map(d => d.rule)).toEqual(['Job name'])

    // An empty search is the usual answer for a free name, not an unread list: no warning.
    const none = await v2(text, fakeV2({ name: 'unavailable', existing: [] }))
    expect(none).toEqual({ diagnostics: [], reads: 5, rounds: 2 })
  })

  test('an empty quota list is an answer (nothing limited), not an unread list', async () => {
    const text = V2_FILE('    flavor_id: modelarts.vm.cpu.8u\n    node_count: 1')
    expect(await v2(text, fakeV2({ quotas: [] }))).toEqual({ diagnostics: [], reads: 4, rounds: 1 })
  })

  test('a used-up job quota is an error naming the quota and its use', async () => {
    const text = V2_FILE('    flavor_id: modelarts.vm.cpu.8u\n    node_count: 1')
    const { diagnostics } = await v2(text, fakeV2({ quotas: [{ resource: 'job-num', quota: 20, used: 20 }] }))
    expect(diagnostics).toEqual([
      expect.objectContaining({ rule: 'Quota', file: 'jobs/train.yaml', line: 1 })
    ])
    expect(diagnostics[0]?.message).toContain('job-num 20 of 20 used')
  })

  test('lists that cannot be read give one warning for all, and never an error', async () => {
    const text = V2_FILE('    flavor_id: modelarts.nonexistent\n    node_count: 1')
    const fake = fakeV2({
      flavors: () => Promise.reject(forbidden(403)),
      quotas: forbidden(503),
      name: new Error('socket hang up')
    })
    const result = await v2(text, fake)
    expect(result.diagnostics).toEqual([])
    expect(result.warning).toMatch(
      /^Pre-flight could not read training-job-flavors \(.*403.*\); training-quotas \(.*503.*\); training-job-names \(socket hang up\)/
    )
    expect(result.warning?.match(/could not read/g)).toHaveLength(1)
  })

  test('an empty list is unread, never "not in the list": it joins the one warning', async () => {
    const text = V2_FILE(
      '    flavor_id: modelarts.vm.cpu.8u\n    node_count: 1',
      '    engine_id: pytorch_0.0'
    )
    const fake = fakeV2({
      flavors: async () => ({ total_count: 0, items: [] }),
      engines: async () => ({ items: [] })
    })
    const result = await v2(text, fake)
    expect(result.diagnostics).toEqual([])
    expect(result.warning).toMatch(
      /^Pre-flight could not read training-job-flavors \(no entries in the answer\); training-job-engines \(no entries in the answer\)/
    )
    expect(result.warning?.match(/could not read/g)).toHaveLength(1)
  })

  test('a quota of -1 is unlimited: no error however many jobs are used', async () => {
    const text = V2_FILE('    flavor_id: modelarts.vm.cpu.8u\n    node_count: 1')
    const result = await v2(text, fakeV2({ quotas: [{ resource: 'job-num', quota: -1, used: 120 }] }))
    expect(result.diagnostics).toEqual([])
  })

  test('an unknown engine suggests its own family first (pytorch_ before tf-)', async () => {
    const text = V2_FILE(
      '    flavor_id: modelarts.vm.cpu.8u\n    node_count: 1',
      '    engine_id: pytorch_9.9'
    )
    const { diagnostics } = await v2(text, fakeV2())
    const suggested = /the nearest are (.*)\.$/.exec(diagnostics[0]?.message ?? '')?.[1]?.split('; ') ?? []
    expect(suggested.slice(0, 2).every(id => id.startsWith('pytorch_'))).toBe(true)
    expect(suggested).toHaveLength(3)
  })

  test('validate mode checks resources only: no name check, no quota', async () => {
    const fake = fakeV2({ name: 'taken', quotas: [{ resource: 'job-num', quota: 1, used: 1 }] })
    const result = await v2(
      V2_FILE('    flavor_id: modelarts.vm.cpu.8u\n    node_count: 1'),
      fake,
      'validate'
    )
    expect(result.diagnostics).toEqual([])
    expect(fake.calls.sort()).toEqual(['engines', 'flavors'])
  })

  test('without a name (if_exists: new_version) the name is not checked', async () => {
    const fake = fakeV2({ name: 'taken' })
    const result = await v2(
      V2_FILE('    flavor_id: modelarts.vm.cpu.8u\n    node_count: 1'),
      fake,
      'create',
      null
    )
    expect(result.diagnostics).toEqual([])
    expect(fake.calls.some(call => call.startsWith('name'))).toBe(false)
  })
})

function fakeV1(fail?: Error): ServiceListsV1 & { calls: string[] } {
  const calls: string[] = []
  return {
    calls,
    resourceSpecs: async () => {
      calls.push('specs')
      if (fail) throw fail
      return SPECS
    },
    aiEngines: async () => {
      calls.push('engines')
      if (fail) throw fail
      return V1_ENGINES
    }
  }
}

function v1(text: string | undefined, inputs: DefinitionInputs, lists: ServiceListsV1) {
  const built = buildJobDefinition(text === undefined ? undefined : { file: 'jobs/v1.yaml', text }, inputs)
  if (built.api !== 'v1' || !built.definition || !built.locate) {
    throw new Error(`fixture invalid: ${JSON.stringify(built.diagnostics)}`)
  }
  return runPreflight({
    api: 'v1',
    definition: built.definition,
    locate: built.locate,
    lists,
    mode: 'create'
  })
}

const V1_FILE = (config: string) =>
  [
    'job_name: mnist',
    'config:',
    '  app_url: /b/code/',
    '  boot_file_url: /b/code/train.py',
    '  data_url: /b/data/',
    config,
    ''
  ].join('\n')

describe('v1 pre-flight', () => {
  test('a spec_id the project does not have is an error at it, with the nearest specs', async () => {
    const text = V1_FILE('  spec_id: 5\n  worker_server_num: 1')
    const { diagnostics } = await v1(text, {}, fakeV1())
    expect(diagnostics).toEqual([
      expect.objectContaining({
        rule: 'Resource spec',
        line: lineOf(text, 'spec_id'),
        column: 12,
        path: ['config', 'spec_id']
      })
    ])
    expect(diagnostics[0]?.message).toContain('use one of 3 (modelarts.vm.cpu.8u: 8 cores, 32 GB); 7 (')
  })

  test('a spec_id given as an input is reported at the input', async () => {
    const { diagnostics } = await v1(
      undefined,
      {
        job_name: 'mnist',
        app_url: '/b/c/',
        boot_file_url: '/b/c/t.py',
        data_url: '/b/d/',
        worker_server_num: '1',
        spec_id: '99'
      },
      fakeV1()
    )
    expect(diagnostics).toEqual([expect.objectContaining({ input: 'spec_id', rule: 'Resource spec' })])
    expect(diagnostics[0]?.file).toBeUndefined()
  })

  test('worker_server_num over the spec max_num is an error at worker_server_num', async () => {
    const text = V1_FILE('  spec_id: 1\n  worker_server_num: 6')
    const { diagnostics } = await v1(text, {}, fakeV1())
    expect(diagnostics).toEqual([
      expect.objectContaining({ rule: 'Node count', line: lineOf(text, 'worker_server_num') })
    ])
    expect(diagnostics[0]?.message).toContain('runs at most 4 nodes')
  })

  test('an unknown engine_id is an error with the nearest engines', async () => {
    const text = V1_FILE('  spec_id: 1\n  worker_server_num: 1\n  engine_id: 11')
    const { diagnostics } = await v1(text, {}, fakeV1())
    expect(diagnostics).toEqual([expect.objectContaining({ rule: 'Engine', path: ['config', 'engine_id'] })])
    expect(diagnostics[0]?.message).toContain('10 (PyTorch PyTorch-1.0.0-python3.6)')
  })

  test('a dedicated pool is not checked; failing reads warn once', async () => {
    const pooled = fakeV1()
    const text = V1_FILE('  pool_id: pool-1\n  worker_server_num: 64')
    expect((await v1(text, {}, pooled)).diagnostics).toEqual([])
    expect(pooled.calls).toEqual([])

    const failing = await v1(
      V1_FILE('  spec_id: 99\n  worker_server_num: 1\n  engine_id: 1'),
      {},
      fakeV1(forbidden(500))
    )
    expect(failing.diagnostics).toEqual([])
    expect(failing.warning).toMatch(/resource-specs .*; ai-engines /)
  })
})

test('v1: an empty spec or engine list is unread, with the one warning', async () => {
  const lists: ServiceListsV1 = {
    resourceSpecs: async () => parseV1Specs({ specs: [] }),
    aiEngines: async () => parseV1Engines({})
  }
  const result = await v1(V1_FILE('  spec_id: 1\n  worker_server_num: 1\n  engine_id: 10'), {}, lists)
  expect(result.diagnostics).toEqual([])
  expect(result.warning).toMatch(
    /resource-specs \(no entries in the answer\); ai-engines \(no entries in the answer\)/
  )
})

describe('credentials refused while reading a list', () => {
  const refused = (status: number, code: string) =>
    new HuaweiCloudError(`GET /v2/p/list: HTTP ${status} ${code}`, {
      kind: 'service',
      status,
      code,
      requestSent: true
    })

  test.each([
    [401, 'APIGW.0301'],
    [401, 'ModelArts.0203'],
    [403, 'ModelArts.0206'],
    [401, 'ModelArts.2784']
  ])('HTTP %i %s is the answer: thrown once, no warning about each list', async (status, code) => {
    const error = refused(status, code)
    const v2Fake = fakeV2({
      flavors: () => Promise.reject(error),
      engines: () => Promise.reject(error),
      quotas: error
    })
    await expect(v2(V2_FILE('    flavor_id: modelarts.vm.cpu.8u\n    node_count: 1'), v2Fake)).rejects.toBe(
      error
    )
    await expect(
      v1(V1_FILE('  spec_id: 99\n  worker_server_num: 1\n  engine_id: 1'), {}, fakeV1(error))
    ).rejects.toBe(error)
  })

  test('a refused permission (403 ModelArts.0108) stays a warning: other lists may still be readable', async () => {
    const result = await v1(
      V1_FILE('  spec_id: 99\n  worker_server_num: 1\n  engine_id: 1'),
      {},
      fakeV1(forbidden(403))
    )
    expect(result.warning).toMatch(/^Pre-flight could not read resource-specs/)
  })
})

test('levenshtein counts single-character edits', () => {
  expect(levenshtein('kitten', 'sitting')).toBe(3)
  expect(levenshtein('', 'abc')).toBe(3)
  expect(levenshtein('same', 'same')).toBe(0)
})

/**
 * Pre-flight, post-mortem and metrics end to end: the bundled action against the emulator's lists, events,
 * logs and metrics. Before the create, a job the service would refuse is annotated where it is written and
 * nothing is created; after a wait, the step says why the job did not complete and shows its metrics.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../emulator/server.mjs'
import { runAction, type RunResult } from '../emulator/run-action.mjs'
import { failure, uniqueName } from './helpers.js'

let emulator: Emulator
let workspace: string

beforeAll(async () => {
  emulator = await startEmulator({ stopDelayMs: 50 })
  workspace = mkdtempSync(join(tmpdir(), 'insight-'))
})
afterAll(async () => {
  await emulator.close()
  rmSync(workspace, { recursive: true, force: true })
})

/** A list answer as the emulator serves it by default. */
const listFixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(process.cwd(), '__fixtures__/service-lists', name), 'utf8'))

const credentials = () => ({
  endpoint: emulator.url,
  project_id: emulator.projectId,
  access_key: emulator.accessKey,
  secret_key: emulator.secretKey
})

/** A v1 job file in the temporary workspace; `config` lines are written as given, in order. */
function v1File(name: string, config: string[]): string {
  const file = `${name}.yaml`
  const text = [
    `job_name: ${name}`,
    'config:',
    '  app_url: /bucket/code/',
    '  boot_file_url: /bucket/code/train.py',
    '  data_url: /bucket/data/',
    '  train_url: /bucket/output/',
    ...config.map(line => `  ${line}`),
    ''
  ].join('\n')
  writeFileSync(join(workspace, file), text)
  return file
}
/** 1-based line of the first line of `file` that starts with `  key:` (as annotations count). */
const lineIn = (config: string[], key: string): number =>
  6 + config.findIndex(line => line.startsWith(`${key}:`)) + 1

const v1Creates = (name: string) =>
  emulator.requests.filter(
    r =>
      r.method === 'POST' &&
      /\/v1\/[^/]+\/training-jobs$/.test(r.path) &&
      JSON.parse(r.body || '{}').job_name === name
  )
const listReads = (since: number, pattern: RegExp) =>
  emulator.requests.slice(since).filter(r => r.method === 'GET' && pattern.test(r.path))

/** File annotations (errors and warnings at a file's line). */
const fileAnnotations = (run: RunResult) =>
  run.commands.filter(c => (c.command === 'error' || c.command === 'warning') && c.properties.file)

async function runIn(inputs: Record<string, string>): Promise<RunResult> {
  return runAction({ inputs: { ...credentials(), ...inputs }, cwd: workspace })
}

describe('pre-flight before a v1 create', () => {
  test('a spec the project does not have: annotated at its line with the nearest specs, nothing created', async () => {
    const name = uniqueName('wrong-spec')
    const config = ['worker_server_num: 1', 'spec_id: 5', 'engine_id: 10']
    const before = emulator.requests.length
    const run = await runIn({ job_file: v1File(name, config) })
    expect(run.code).toBe(1)
    expect(v1Creates(name)).toHaveLength(0)
    // Both lists read, once each, before anything else was sent.
    expect(listReads(before, /\/job\/resource-specs$/)).toHaveLength(1)
    expect(listReads(before, /\/job\/ai-engines$/)).toHaveLength(1)

    // One problem: its annotation, at the value, is the step's one failure line.
    const errors = run.commands.filter(c => c.command === 'error')
    expect(errors).toHaveLength(1)
    const [error] = errors
    expect(error!.properties).toMatchObject({
      file: `${name}.yaml`,
      line: String(lineIn(config, 'spec_id')),
      title: 'Resource spec'
    })
    expect(error!.message).toContain(`${name}.yaml:${lineIn(config, 'spec_id')}`)
    expect(error!.message).toContain('use one of 3 (modelarts.vm.cpu.8u: 8 cores, 32 GB)')
    expect(error!.message).toMatch(/No job was created\.$/)
    expect(run.summary).toContain('No job was created.')
  })

  test('too many nodes for the spec and an unknown engine: each annotated, then one summary line', async () => {
    const name = uniqueName('too-many')
    const config = ['worker_server_num: 6', 'spec_id: 1', 'engine_id: 11']
    const run = await runIn({ job_file: v1File(name, config) })
    expect(run.code).toBe(1)
    expect(v1Creates(name)).toHaveLength(0)
    const annotations = fileAnnotations(run)
    expect(annotations.map(a => [a.properties.title, Number(a.properties.line)])).toEqual([
      ['Node count', lineIn(config, 'worker_server_num')],
      ['Engine', lineIn(config, 'engine_id')]
    ])
    expect(annotations[0]!.message).toContain('runs at most 4 nodes')
    expect(annotations[1]!.message).toContain('10 (PyTorch PyTorch-1.0.0-python3.6)')
    expect(failure(run)).toBe(
      "The pre-flight found 2 problems against the service's lists (annotated above); no job was created."
    )
  })

  test('a spec set by an input is reported at the input', async () => {
    const name = uniqueName('spec-input')
    const run = await runIn({
      job_file: v1File(name, ['worker_server_num: 1', 'spec_id: 1', 'engine_id: 10']),
      spec_id: '42'
    })
    expect(run.code).toBe(1)
    expect(v1Creates(name)).toHaveLength(0)
    expect(failure(run)).toMatch(/^input `spec_id`: .*42.*No job was created\.$/)
  })

  test('a list answering 403: one warning, and the job is created', async () => {
    const name = uniqueName('list-403')
    const faults = [
      emulator.inject({ path: /\/job\/resource-specs$/, kind: 'status', status: 403, times: 20 }),
      emulator.inject({ path: /\/job\/ai-engines$/, kind: 'status', status: 403, times: 20 })
    ]
    const run = await runIn({
      job_file: v1File(name, ['worker_server_num: 1', 'spec_id: 5', 'engine_id: 10'])
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(v1Creates(name)).toHaveLength(1)
    const warnings = run.commands.filter(c => c.command === 'warning')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.message).toMatch(/^Pre-flight could not read .*resource-specs.*ai-engines/)
    expect(run.outputs.created).toBe('job')
    // A 403 is not retried: one read of each list.
    expect(faults.map(f => 20 - f.remaining)).toEqual([1, 1])
    faults.forEach(f => (f.remaining = 0))
  })

  test('preflight: false sends no list read and creates the job as written', async () => {
    const name = uniqueName('no-preflight')
    const before = emulator.requests.length
    const run = await runIn({
      job_file: v1File(name, ['worker_server_num: 1', 'spec_id: 5', 'engine_id: 10']),
      preflight: 'false'
    })
    expect(run.code).toBe(0)
    expect(listReads(before, /\/job\/(resource-specs|ai-engines)$/)).toHaveLength(0)
    expect(v1Creates(name)).toHaveLength(1)
  })
})

describe('pre-flight under validate_only', () => {
  test('with credentials and a target: resource checks at the line, nothing created', async () => {
    const name = uniqueName('validate-spec')
    const config = ['worker_server_num: 1', 'spec_id: 5', 'engine_id: 10']
    const good = v1File(uniqueName('validate-good'), ['worker_server_num: 1', 'spec_id: 3', 'engine_id: 10'])
    const before = emulator.requests.length
    const run = await runIn({ validate_only: 'true', job_file: `${v1File(name, config)}\n${good}` })
    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ valid: 'false', files_checked: '2', problems: '1' })
    const [annotation] = fileAnnotations(run)
    expect(annotation!.properties).toMatchObject({
      file: `${name}.yaml`,
      line: String(lineIn(config, 'spec_id'))
    })
    // Two files, each list read once; no create.
    expect(listReads(before, /\/job\/resource-specs$/)).toHaveLength(1)
    expect(emulator.requests.slice(before).filter(r => r.method !== 'GET')).toEqual([])
    expect(failure(run)).toMatch(/nothing was created\.$/)
  })

  test('without credentials nothing is sent, as before', async () => {
    const before = emulator.requests.length
    const run = await runAction({
      inputs: {
        validate_only: 'true',
        endpoint: emulator.url,
        project_id: emulator.projectId,
        job_file: v1File(uniqueName('validate-offline'), ['worker_server_num: 1', 'spec_id: 5'])
      },
      cwd: workspace
    })
    expect(run.code).toBe(0)
    expect(emulator.requests.length).toBe(before)
  })
})

describe('after a v1 wait', () => {
  const waitInputs = (name: string, extra: Record<string, string> = {}) => ({
    job_file: v1File(name, ['worker_server_num: 2', 'spec_id: 1', 'engine_id: 10']),
    wait: 'true',
    poll_interval: '100ms',
    ...extra
  })

  test('a failed job: failure_reason, the failure line and the log tail in the summary', async () => {
    const name = uniqueName('fails')
    emulator.setScript(name, {
      statuses: [{ status: 8, forMs: 500 }, { status: 11 }],
      logLinesPerTick: 3,
      tickMs: 50
    })
    const run = await runIn(waitInputs(name, { fail_on_job_failure: 'false' }))
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('failed')
    // v1 documents no error fields: the status and its meaning, then the last log line.
    expect(run.outputs.failure_reason).toMatch(/^Training job failed \(.+\); last log line: .+/)
    const [job] = emulator.jobs.filter(j => j.job_name === name)
    expect(job).toBeDefined()
    expect(run.summary).toContain('### Why the job did not complete')
    expect(run.summary).toMatch(/<details>\n<summary>Last \d+ lines of [^<]+<\/summary>/)
    const warning = run.commands.find(c => c.command === 'warning' && /ended failed/.test(c.message))
    // A sentence of its own after the status: capitalised.
    expect(warning?.message).toMatch(/ ended failed[^.]*\. Last log line: /)
  })

  test('a completed job: failure_reason empty, metrics as JSON and as a table with sparklines', async () => {
    const name = uniqueName('metrics')
    emulator.setScript(name, { statuses: [{ status: 8, forMs: 700 }, { status: 10 }], tickMs: 50 })
    const run = await runIn({
      ...waitInputs(name),
      job_file: v1File(name, ['worker_server_num: 1', 'spec_id: 2', 'engine_id: 10'])
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.outputs.failure_reason).toBe('')
    const metrics = JSON.parse(run.outputs.metrics!) as Record<
      string,
      { avg: number; max: number; samples: number }
    >
    expect(Object.keys(metrics)).toEqual(expect.arrayContaining(['cpuUsage', 'memUsage', 'gpuUtil']))
    for (const { avg, max, samples } of Object.values(metrics)) {
      expect(samples).toBeGreaterThan(0)
      expect(avg).toBeGreaterThan(0)
      expect(max).toBeGreaterThanOrEqual(avg)
    }
    expect(run.summary).toContain('### Metrics')
    expect(run.summary).toMatch(/\| GPU utilisation \| [\d.]+ \| [\d.]+ \| [▁▂▃▄▅▆▇█]+ \| \d+ \|/)
    expect(run.summary).not.toContain('Why the job did not complete')
  })

  test('stopped at the timeout: failure_reason says so', async () => {
    const name = uniqueName('slow')
    emulator.setScript(name, { statuses: [{ status: 8, forMs: 60_000 }, { status: 10 }] })
    const run = await runIn(waitInputs(name, { timeout: '1' }))
    expect(run.code).toBe(1)
    expect(run.outputs.failure_reason).toMatch(/^Stopped at the timeout \(1s\), while running/)
  })
})

/** A v2 job file in the temporary workspace; `spec` lines go under spec.resource, written as given. */
function v2File(
  name: string,
  resource: string[],
  engine = ['engine_name: PyTorch', 'engine_version: pytorch_1.8.0-cuda_10.2-py_3.7-ubuntu_18.04-x86_64']
): string {
  const file = `${name}.yaml`
  const text = [
    'kind: job',
    'metadata:',
    `  name: ${name}`,
    'algorithm:',
    '  code_dir: obs://bucket/code/',
    '  boot_file: /bucket/code/train.py',
    '  engine:',
    ...engine.map(line => `    ${line}`),
    'spec:',
    '  resource:',
    ...resource.map(line => `    ${line}`),
    ''
  ].join('\n')
  writeFileSync(join(workspace, file), text)
  return file
}
const v2Creates = (since = 0) =>
  emulator.requests
    .slice(since)
    .filter(r => r.method === 'POST' && r.path === `/v2/${emulator.projectId}/training-jobs`)

describe('pre-flight before a v2 create', () => {
  test('a wrong flavor: annotated at flavor_id with the nearest flavors, nothing created', async () => {
    const name = uniqueName('v2-flavor')
    const before = emulator.requests.length
    const run = await runIn({
      job_file: v2File(name, ['flavor_id: modelarts.vm.cpu.9u', 'node_count: 1'])
    })
    expect(run.code).toBe(1)
    expect(v2Creates(before)).toHaveLength(0)
    const errors = run.commands.filter(c => c.command === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]!.properties).toMatchObject({ file: `${name}.yaml`, line: '12', title: 'Flavor' })
    expect(errors[0]!.message).toContain('modelarts.vm.cpu.8u (')
    expect(errors[0]!.message).toMatch(/No job was created\.$/)
  })

  test('an unknown engine and too many nodes: each at its line, then one line', async () => {
    const name = uniqueName('v2-engine')
    const run = await runIn({
      job_file: v2File(
        name,
        ['flavor_id: modelarts.vm.cpu.8u', 'node_count: 64'],
        ['engine_name: PyTorch', 'engine_version: pytorch_0.1']
      )
    })
    expect(run.code).toBe(1)
    const titles = fileAnnotations(run).map(a => [a.properties.title, a.properties.line])
    expect(titles).toEqual(
      expect.arrayContaining([
        ['Engine', '9'],
        ['Node count', '13']
      ])
    )
    expect(failure(run)).toMatch(/^The pre-flight found 2 problems/)
    expect(emulator.jobsV2.filter(j => j.name === name)).toHaveLength(0)
  })

  test('a taken name is found before the create, at metadata.name', async () => {
    const name = uniqueName('v2-taken')
    const file = v2File(name, ['flavor_id: modelarts.vm.cpu.8u', 'node_count: 1'])
    const first = await runIn({ job_file: file })
    expect(first.code).toBe(0)
    const before = emulator.requests.length
    const again = await runIn({ job_file: file })
    expect(again.code).toBe(1)
    // The name check answered: no create was sent to be refused.
    expect(v2Creates(before)).toHaveLength(0)
    const [error] = again.commands.filter(c => c.command === 'error')
    expect(error!.properties).toMatchObject({ file, line: '3', title: 'Job name' })
    // The same line as the create's ModelArts.2751 (v2-create.test.ts): the code and what to do.
    expect(error!.message).toContain(
      `A training job named "${name}" already exists in workspace 0 (ModelArts.2751): set if_exists: new_version to name each run's job ${name}-V0001, ${name}-V0002, ..., choose another job_name, or delete the old job.`
    )
  })

  test('training-job-names answering 404: a search finds the taken name (a second round)', async () => {
    const name = uniqueName('v2-search')
    const file = v2File(name, ['flavor_id: modelarts.vm.cpu.8u', 'node_count: 1'])
    expect((await runIn({ job_file: file })).code).toBe(0)
    emulator.setNameCheck(404)
    try {
      const before = emulator.requests.length
      const again = await runIn({ job_file: file })
      expect(again.code).toBe(1)
      expect(v2Creates(before)).toHaveLength(0)
      expect(failure(again) + again.commands.map(c => c.message).join('\n')).toContain(
        `A training job named "${name}" already exists in workspace 0 (ModelArts.2751): set if_exists: new_version`
      )
    } finally {
      emulator.setNameCheck('ok')
    }
  })

  test('the flavor list answering 403: one warning, and the job is created', async () => {
    const name = uniqueName('v2-403')
    const fault = emulator.inject({ path: /\/training-job-flavors$/, kind: 'status', status: 403, times: 5 })
    const before = emulator.requests.length
    const run = await runIn({ job_file: v2File(name, ['flavor_id: modelarts.vm.cpu.9u', 'node_count: 1']) })
    fault.remaining = 0
    expect(run.code).toBe(0)
    expect(v2Creates(before)).toHaveLength(1)
    const warnings = run.commands.filter(c => c.command === 'warning')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.message).toMatch(/^Pre-flight could not read training-job-flavors/)
  })
})

describe('pre-flight lists that say nothing or hang', () => {
  test('an empty flavor list is unread, not "no flavor exists": one warning, and the job is created', async () => {
    const name = uniqueName('v2-empty')
    emulator.setLists({ v2Flavors: { total_count: 0, items: [] } })
    try {
      const before = emulator.requests.length
      const run = await runIn({ job_file: v2File(name, ['flavor_id: modelarts.vm.cpu.8u', 'node_count: 1']) })
      expect(run.code).toBe(0)
      expect(v2Creates(before)).toHaveLength(1)
      expect(run.commands.filter(c => c.command === 'error')).toEqual([])
      const warnings = run.commands.filter(c => c.command === 'warning')
      expect(warnings.map(w => w.message)).toEqual([
        expect.stringMatching(/^Pre-flight could not read training-job-flavors \(no entries in the answer\):/)
      ])
    } finally {
      emulator.setLists({ v2Flavors: listFixture('v2-flavors.json') })
    }
  })

  test('a hanging engine list holds the create back for its 3 s budget, not its 10 s timeout', async () => {
    const name = uniqueName('v2-hang')
    const hang = emulator.inject({ path: /\/training-job-engines$/, kind: 'hang', times: 5 })
    try {
      const before = emulator.requests.length
      const run = await runIn({ job_file: v2File(name, ['flavor_id: modelarts.vm.cpu.8u', 'node_count: 1']) })
      expect(run.code).toBe(0)
      const [create] = v2Creates(before)
      const [read] = listReads(before, /\/training-job-engines$/)
      expect(create).toBeDefined()
      // The budget is 3 s; well under the 10 s an attempt may otherwise take, with room for a loaded machine.
      expect(create!.at - read!.at).toBeLessThan(7_000)
      const warnings = run.commands.filter(c => c.command === 'warning')
      expect(warnings).toHaveLength(1)
      expect(warnings[0]!.message).toMatch(/training-job-engines \(not read within 3 s\)/)
    } finally {
      hang.remaining = 0
    }
  })
})

describe('pre-flight of v2 files under validate_only', () => {
  test('resources only: a wrong flavor annotated, no name check, no quota, nothing created', async () => {
    const name = uniqueName('v2-validate')
    const v1 = v1File(uniqueName('v1-beside'), ['worker_server_num: 1', 'spec_id: 5'])
    const before = emulator.requests.length
    const run = await runIn({
      validate_only: 'true',
      job_file: `${v2File(name, ['flavor_id: modelarts.vm.cpu.9u', 'node_count: 1'])}\n${v1}`
    })
    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ valid: 'false', files_checked: '2', problems: '2' })
    expect(fileAnnotations(run).map(a => [a.properties.file, a.properties.title])).toEqual(
      expect.arrayContaining([
        [`${name}.yaml`, 'Flavor'],
        [v1, 'Resource spec']
      ])
    )
    const sent = emulator.requests.slice(before)
    expect(sent.filter(r => /training-job-names|training-quotas|\/training-jobs/.test(r.path))).toEqual([])
    expect(sent.filter(r => r.method !== 'GET')).toEqual([])
  })
})

describe('after a v2 wait', () => {
  const waitInputs = (file: string, extra: Record<string, string> = {}) => ({
    job_file: file,
    wait: 'true',
    poll_interval: '100ms',
    ...extra
  })

  test('a failed job: failure_reason in the service words, events and the log tail in the summary', async () => {
    const name = uniqueName('v2-fails')
    emulator.setScriptV2(name, {
      phases: [{ phase: 'Running', forMs: 500 }, { phase: 'Failed' }],
      logLinesPerTick: 2,
      tickMs: 50,
      failure: {
        exitCode: 137,
        message: 'Container killed: OOMKilled',
        events: ['Back-off restarting failed container']
      }
    })
    const run = await runIn(waitInputs(v2File(name, ['flavor_id: modelarts.vm.cpu.8u', 'node_count: 2'])))
    expect(run.code).toBe(1)
    expect(run.outputs.status).toBe('failed')
    expect(run.outputs.failure_reason).toMatch(
      /^Training job failed .*worker-0 exit code 137: Container killed: OOMKilled/
    )
    // The failure line says why in the service's words.
    expect(failure(run)).toContain('worker-0 exit code 137: Container killed: OOMKilled')
    expect(run.summary).toContain('### Why the job did not complete')
    expect(run.summary).toContain('Back-off restarting failed container')
    expect(run.summary).toMatch(/<summary>Last \d+ lines? of worker-0<\/summary>/)
    expect(run.summary).toMatch(/<summary>Last \d+ lines? of worker-1<\/summary>/)
  })

  test('a completed job: metrics JSON without the missing samples, and the table with sparklines', async () => {
    const name = uniqueName('v2-metrics')
    emulator.setScriptV2(name, {
      phases: [{ phase: 'Running', forMs: 300 }, { phase: 'Completed' }],
      metrics: { cpuUsage: [-1, 10, 30, 20], memUsage: [40, -1, 60, 50] }
    })
    const run = await runIn(waitInputs(v2File(name, ['flavor_id: modelarts.vm.cpu.8u', 'node_count: 1'])))
    expect(run.code).toBe(0)
    expect(run.outputs.failure_reason).toBe('')
    expect(JSON.parse(run.outputs.metrics!)).toEqual({
      cpuUsage: { avg: 20, max: 30, samples: 3 },
      memUsage: { avg: 50, max: 60, samples: 3 }
    })
    expect(run.summary).toMatch(/\| CPU usage \| 20 \| 30 \| [▁▂▃▄▅▆▇█]{3} \| 3 \|/)
  })
})

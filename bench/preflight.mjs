#!/usr/bin/env node
// What the pre-flight adds to the create path: the action's own pre-flight (signed HTTP client, parallel list
// reads) against the emulator on loopback, median of N runs per case, next to one signed read alone.
// Usage: node bench/preflight.mjs [N]   (default 30)
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { cpus } from 'node:os'
import ts from 'typescript'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const RUNS = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 30
const LATENCY_MS = 20

/** Transpiles src/ once into node_modules/.cache so plain Node can import it (imports already end in .js). */
function transpileSources() {
  const out = join(root, 'node_modules', '.cache', 'bench-preflight')
  rmSync(out, { recursive: true, force: true })
  const walk = dir =>
    readdirSync(dir).flatMap(name => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : []
    })
  for (const file of walk(join(root, 'src'))) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
    })
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js')
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, outputText)
  }
  return out
}

const built = transpileSources()
const load = path => import(pathToFileURL(join(built, path)).href)
const { startEmulator } = await import(pathToFileURL(join(root, 'test/emulator/server.mjs')).href)
const { accessKeyAuthorizer } = await load('src/huaweicloud/credentials.js')
const { createHttpClient } = await load('src/huaweicloud/http.js')
const { buildJobDefinition } = await load('src/job/build.js')
const { serviceListsV1, serviceListsV2 } = await load('src/modelarts/lists.js')
const { runPreflight } = await load('src/modelarts/preflight.js')
const { trainingJobsV2 } = await load('src/modelarts/v2.js')

const V1_FILE = `job_name: bench
config:
  worker_server_num: 2
  app_url: /bucket/code/
  boot_file_url: /bucket/code/train.py
  data_url: /bucket/data/
  spec_id: 3
  engine_id: 1
`
const V2_FILE = `kind: job
metadata:
  name: bench-v2
algorithm:
  code_dir: obs://bucket/code/
  boot_file: obs://bucket/code/train.py
  engine:
    engine_id: pytorch_1.8.0-cuda_10.2-py_3.7-ubuntu_18.04-x86_64
spec:
  resource:
    flavor_id: modelarts.vm.cpu.8u
    node_count: 2
`

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]
}

async function timed(work, runs) {
  const times = []
  let last
  for (let i = 0; i < runs + 2; i++) {
    const start = process.hrtime.bigint()
    last = await work()
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    if (i >= 2) times.push(ms) // the first two warm the connection and the JIT
  }
  return { median: percentile(times, 0.5), p90: percentile(times, 0.9), min: Math.min(...times), last }
}

const emulator = await startEmulator()
const http = createHttpClient({
  authorizer: accessKeyAuthorizer({
    accessKey: emulator.accessKey,
    secretKey: emulator.secretKey,
    projectId: emulator.projectId
  }),
  userAgent: 'bench'
})
const v1 = buildJobDefinition({ file: 'v1.yaml', text: V1_FILE }, {})
const v2 = buildJobDefinition({ file: 'v2.yaml', text: V2_FILE }, {})
const listsV1 = serviceListsV1(http, emulator.url, emulator.projectId)
const listsV2 = serviceListsV2(http, emulator.url, emulator.projectId)
const jobsV2 = trainingJobsV2(http, emulator.url, emulator.projectId)
const preflightV2 = mode => () =>
  runPreflight({
    api: 'v2',
    definition: v2.definition,
    locate: v2.locate,
    lists: listsV2,
    search: (name, workspace) => jobsV2.search(name, workspace),
    name: 'bench-v2',
    mode
  })

const rows = []
const add = async (label, work, runs = RUNS) => {
  const result = await timed(work, runs)
  const reads = result.last?.reads ?? 1
  const rounds = result.last?.rounds ?? 1
  rows.push([label, reads, rounds, result.median, result.p90, result.min])
}
try {
  await add('one signed GET (training-job-flavors)', () => listsV2.flavors())
  await add('v1 pre-flight (specs, engines)', () =>
    runPreflight({ api: 'v1', definition: v1.definition, locate: v1.locate, lists: listsV1, mode: 'create' })
  )
  await add('v2 pre-flight, validate_only (flavors, engines)', preflightV2('validate'))
  await add('v2 pre-flight, create (+ quota, name check)', preflightV2('create'))
  emulator.setNameCheck(404)
  await add('v2 pre-flight, create, name check 404 → search', preflightV2('create'))
  emulator.setNameCheck('ok')
  const latency = emulator.inject({ kind: 'delay', delayMs: LATENCY_MS, times: 1e6 })
  await add(`with ${LATENCY_MS} ms per request: one signed GET`, () => listsV2.flavors())
  await add(`with ${LATENCY_MS} ms per request: v2 create pre-flight`, preflightV2('create'))
  emulator.setNameCheck(404)
  await add(`with ${LATENCY_MS} ms per request: name check 404 → search`, preflightV2('create'))
  emulator.setNameCheck('ok')
  latency.remaining = 0
  const forbidden = emulator.inject({
    path: /training-job-flavors$/,
    kind: 'status',
    status: 403,
    code: 'ModelArts.0108',
    times: 1e6
  })
  await add('v2 pre-flight, create, flavors answer 403', preflightV2('create'))
  forbidden.remaining = 0
  const unavailable = emulator.inject({
    path: /training-job-flavors$/,
    kind: 'status',
    status: 503,
    times: 1e6
  })
  // Retried with backoff until the list budget (3 s) runs out: few runs.
  await add('v2 pre-flight, create, flavors answer 503', preflightV2('create'), 3)
  unavailable.remaining = 0
  // No answer at all: the attempt on the wire ends with the budget too, not at its 10 s timeout.
  const hang = emulator.inject({ path: /training-job-engines$/, kind: 'hang', times: 1e6 })
  await add('v2 pre-flight, create, engines hang', preflightV2('create'), 3)
  hang.remaining = 0
} finally {
  http.dispose()
  await emulator.close()
}

const fmt = ms => `${ms.toFixed(2)} ms`
console.log(
  `Pre-flight cost on loopback, ${RUNS} runs each after 2 warm-ups (${cpus().length} CPUs, Node ${process.version})`
)
console.log('')
const head = ['case', 'reads', 'rounds', 'median', 'p90', 'min']
const table = [
  head,
  ...rows.map(([label, reads, rounds, median, p90, min]) => [
    label,
    String(reads),
    String(rounds),
    fmt(median),
    fmt(p90),
    fmt(min)
  ])
]
const widths = head.map((_, i) => Math.max(...table.map(row => row[i].length)))
for (const row of table)
  console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '))
console.log('')
console.log('Reads of one round go out in parallel: a round costs about one round trip, not one per list.')
console.log(
  'A list answering 5xx, or not at all, costs at most its 3 s budget (retries and the attempt on the wire),'
)
console.log('then it is skipped with the one warning.')

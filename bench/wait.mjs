#!/usr/bin/env node
// A long wait, compressed: the wait loop and log follower of src/ follow one version through N status polls
// (default 10,000) about a millisecond apart, against the emulator (in its own process) over real HTTP, while
// the training log grows throughout. Prints the heap kept after a full GC at the start and at each quarter:
// it must stay flat, whatever the number of polls. Usage: node bench/wait.mjs [polls]
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'

if (typeof globalThis.gc !== 'function') {
  // Heap figures mean something only after a full collection: run again with the collector exposed.
  const again = spawnSync(process.execPath, ['--expose-gc', ...process.argv.slice(1)], { stdio: 'inherit' })
  process.exit(again.status ?? 1)
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const polls = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 10_000

// The modules as they are in src/, compiled once to a scratch directory under node_modules (so that their
// imports of yaml, zod and @actions/http-client resolve); no bundle needed.
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true })
const out = mkdtempSync(join(root, 'node_modules', '.cache', 'bench-wait-'))
const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', root, '--noEmit', 'false', '--outDir', out],
  { stdio: 'inherit' }
)
if (tsc.status !== 0) process.exit(1)
const load = path => import(pathToFileURL(join(out, path)).href)
const { waitForTerminalStatus } = await load('src/modelarts/wait.js')
const { createHttpClient } = await load('src/huaweicloud/http.js')
const { accessKeyAuthorizer } = await load('src/huaweicloud/credentials.js')
const { trainingJobsV1 } = await load('src/modelarts/v1.js')
const { v1Api } = await load('src/modelarts/v1-api.js')
const { buildJobDefinition } = await load('src/job/index.js')

// The emulator in a child process, so that its own records never count in this heap.
const emulatorProcess = spawn(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `import { startEmulator } from ${JSON.stringify(pathToFileURL(join(root, 'test/emulator/server.mjs')).href)}
     const e = await startEmulator({ logLinesPerTick: 5, tickMs: 20,
       defaultScript: { statuses: [{ status: 8, forMs: 24 * 3600_000 }, { status: 10 }] } })
     console.log(JSON.stringify({ url: e.url, projectId: e.projectId, accessKey: e.accessKey, secretKey: e.secretKey }))`
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] }
)
const emulator = JSON.parse(
  await new Promise(resolve => createInterface({ input: emulatorProcess.stdout }).once('line', resolve))
)

const http = createHttpClient({
  authorizer: accessKeyAuthorizer({ accessKey: emulator.accessKey, secretKey: emulator.secretKey }),
  userAgent: 'bench/1'
})
const calls = trainingJobsV1(http, emulator.url, emulator.projectId)
const file = '__fixtures__/jobs/valid/own-code.yaml'
const { definition } = buildJobDefinition({ file, text: readFileSync(join(root, file), 'utf8') }, {})
const created = await calls.createJob({ ...definition, job_name: `bench-wait-${process.pid}` })

const heapKept = () => {
  globalThis.gc()
  return process.memoryUsage().heapUsed
}
const mib = bytes => `${(bytes / 1024 / 1024).toFixed(2)} MiB`
const samples = []
let statusReads = 0
let lines = 0
const stop = new AbortController()
const api = v1Api(calls)
const counted = {
  ...api,
  getRun: async ref => {
    statusReads++
    if (statusReads === 100 || statusReads % (polls / 4) === 0)
      samples.push({ poll: statusReads, heap: heapKept(), lines })
    if (statusReads >= polls) stop.abort()
    return api.getRun(ref)
  }
}
const started = performance.now()
const result = await waitForTerminalStatus({
  api: counted,
  ref: { jobId: created.jobId, versionId: created.versionId },
  pollIntervalMs: 1,
  timeoutMs: 24 * 3600_000,
  streamLogs: true,
  signal: stop.signal,
  // Compressed time: the loop asks for its interval (at least 100 ms); the bench waits 1 ms.
  sleep: ms => new Promise(resolve => setTimeout(resolve, Math.min(ms, 1))),
  callbacks: {
    statusChanged: () => undefined,
    logLine: () => {
      lines++
    },
    transientFailure: message => console.error(`  (transient) ${message}`),
    logNotice: message => console.error(`  (log) ${message}`)
  }
})
const seconds = (performance.now() - started) / 1000
samples.push({ poll: statusReads, heap: heapKept(), lines })
http.dispose()
emulatorProcess.kill()
rmSync(out, { recursive: true, force: true })

console.log(
  `wait loop: ${statusReads} status polls in ${seconds.toFixed(1)} s, ${lines} log lines followed (${result.outcome})`
)
console.log('  after poll | log lines so far | heap kept after GC')
for (const s of samples)
  console.log(
    `  ${String(s.poll).padStart(10)} | ${String(s.lines).padStart(16)} | ${mib(s.heap).padStart(18)}`
  )
const growth = (from, to) =>
  `${mib(to.heap - from.heap)} (${(((to.heap - from.heap) / from.heap) * 100).toFixed(1)} %)`
// Before the first quarter the heap still takes in compiled code and kept-alive sockets: warm-up, not growth.
console.log(`growth from poll 100 to the end: ${growth(samples[0], samples.at(-1))}`)
console.log(`growth from the first quarter to the end: ${growth(samples[1], samples.at(-1))}`)

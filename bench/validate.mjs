#!/usr/bin/env node
// Times the bundled action in validate-only mode on N generated job files (half with problems),
// next to a bare `node -e 0` start, and prints one table; then the cold start of validate_only on one
// file (a plain path, no glob) as a ratio to `node -e 0` measured in the same run.
// Usage: node bench/validate.mjs [N ...]
import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir, cpus, totalmem } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const entry = join(root, 'dist', 'index.js')
if (!existsSync(entry)) {
  console.error('dist/index.js is missing: run `npm run build` first.')
  process.exit(1)
}
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter(n => n > 0)
const counts = sizes.length > 0 ? sizes : [1, 100, 1000, 5000]
const RUNS = 3

/** A realistic job file; every other one carries planted problems. */
function jobFile(i) {
  const good = i % 2 === 0
  return [
    `# generated job ${i}`,
    `job_name: bench-job-${i}`,
    `job_desc: Benchmark job number ${i} for the validate-only path`,
    'config:',
    `  worker_server_num: ${1 + (i % 4)}`,
    '  app_url: /bucket/code/',
    good ? '  boot_file_url: /bucket/code/train.py' : '  boot_file: /bucket/code/train.py',
    '  engine_id: 1',
    `  data_url: /bucket/data/set-${i}/`,
    good ? `  spec_id: ${1 + (i % 3)}` : '  spec_id: 1\n  pool_id: pool-a',
    '  train_url: /bucket/output/',
    '  log_url: /bucket/logs/',
    '  parameter:',
    '    learning_rate: 0.01',
    `    batch_size: ${32 * (1 + (i % 4))}`,
    '    epochs: 10',
    '  volumes:',
    '    - host_path:',
    '        src_path: /root/work',
    '        dest_path: /home/work',
    good ? '        read_only: false' : '        readonly: false',
    ''
  ].join('\n')
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/**
 * Runs a command; returns wall ms, the child's peak RSS (KiB) and its heap still in use after a full GC at
 * exit (bytes), both read from inside the child: what it holds on to, as opposed to what V8 let grow.
 */
function timed(args, env) {
  const rssFile = join(tmpdir(), `bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`)
  const code = `import{writeFileSync}from'node:fs';process.on('exit',()=>{globalThis.gc?.();writeFileSync(${JSON.stringify(rssFile)},process.resourceUsage().maxRSS+' '+process.memoryUsage().heapUsed)})`
  const probe = `data:text/javascript,${encodeURIComponent(code)}`
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, ['--import', probe, ...args], {
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 30
  })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  const [rss, heap] = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').split(' ').map(Number) : [NaN, NaN]
  rmSync(rssFile, { force: true })
  return { ms, rss, heap, result }
}

const bare = median(Array.from({ length: 5 }, () => timed(['-e', '0'], process.env).ms))
const rows = []
for (const n of counts) {
  const workspace = mkdtempSync(join(tmpdir(), 'bench-validate-'))
  for (let i = 0; i < n; i++) {
    const dir = join(workspace, 'jobs', `team-${i % 10}`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, `job-${i}.yaml`), jobFile(i))
  }
  const env = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(workspace, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(workspace, 'summary.md'),
    RUNNER_TEMP: workspace,
    INPUT_VALIDATE_ONLY: 'true',
    INPUT_JOB_FILE: 'jobs/**/*.yaml'
  }
  const runs = []
  for (let r = 0; r < RUNS; r++) {
    writeFileSync(env.GITHUB_OUTPUT, '')
    writeFileSync(env.GITHUB_STEP_SUMMARY, '')
    runs.push(timed([entry], { ...env, PWD: workspace }))
  }
  const output = readFileSync(env.GITHUB_OUTPUT, 'utf8')
  const checked = /files_checked<<(\S+)\n(\d+)\n/.exec(output)?.[2]
  if (Number(checked) !== n) {
    console.error(`N=${n}: the action checked ${checked} files, expected ${n}`)
    console.error(runs[0].result.stderr.slice(0, 2000))
    process.exit(1)
  }
  const ms = median(runs.map(r => r.ms))
  const target = 3 * bare + n
  rows.push({
    n,
    ms,
    perSecond: (n / ms) * 1000,
    rssMiB: Math.max(...runs.map(r => r.rss)) / 1024,
    heapMiB: Math.max(...runs.map(r => r.heap)) / 2 ** 20,
    target,
    ok: ms < target
  })
  rmSync(workspace, { recursive: true, force: true })
}

/** Cold start: the action checking one file, against `node -e 0`, runs interleaved so load hits both alike. */
function coldStart() {
  const workspace = mkdtempSync(join(tmpdir(), 'bench-cold-'))
  writeFileSync(join(workspace, 'job.yaml'), jobFile(0))
  for (const file of ['output.txt', 'summary.md', 'state.txt']) writeFileSync(join(workspace, file), '')
  const env = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(workspace, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(workspace, 'summary.md'),
    GITHUB_STATE: join(workspace, 'state.txt'),
    RUNNER_TEMP: workspace,
    INPUT_VALIDATE_ONLY: 'true',
    INPUT_JOB_FILE: 'job.yaml',
    PWD: workspace
  }
  const action = []
  const node = []
  for (let r = 0; r < COLD_RUNS; r++) {
    node.push(timed(['-e', '0'], process.env).ms)
    const run = timed([entry], env)
    if (run.result.status !== 0) {
      console.error('validate_only on one file failed:', run.result.stderr.slice(-2000))
      process.exit(1)
    }
    action.push(run.ms)
  }
  rmSync(workspace, { recursive: true, force: true })
  return { actionMs: median(action), nodeMs: median(node) }
}
const COLD_RUNS = 7
const cold = coldStart()

const cpu = cpus()[0]?.model ?? 'unknown cpu'
console.log(
  `Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; median of ${RUNS} runs`
)
console.log(`Bare node start (node -e 0): ${bare.toFixed(0)} ms\n`)
console.log(
  '| files | wall ms | files/s | peak RSS MiB | heap kept MiB | target ms (3×bare + 1 ms/file) | within |'
)
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | :---: |')
for (const r of rows) {
  console.log(
    `| ${r.n} | ${r.ms.toFixed(0)} | ${r.perSecond.toFixed(0)} | ${r.rssMiB.toFixed(0)} | ${r.heapMiB.toFixed(1)} | ${r.target.toFixed(0)} | ${r.ok ? 'yes' : 'NO'} |`
  )
}
console.log(
  `\nCold start of validate_only on one file: ${cold.actionMs.toFixed(0)} ms, ` +
    `${(cold.actionMs / cold.nodeMs).toFixed(2)}× node -e 0 (${cold.nodeMs.toFixed(0)} ms; median of ${COLD_RUNS}, interleaved)`
)

// `npm start`: the action against the local ModelArts emulator, run exactly as the GitHub runner runs it.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { startEmulator } from './server.mjs'
import { REPO_ROOT, parseWorkflowCommands, runAction } from './run-action.mjs'

const JOB_FILE = '__fixtures__/jobs/valid/own-code.yaml'
const V2_JOB_FILE = '__fixtures__/jobs/v2/own-code.yaml'
// Another script can stand in for the bundle: `node test/emulator/demo.mjs path/to/entry.js`.
const entry = process.argv[2] ?? 'dist/index.js'

if (!existsSync(resolve(REPO_ROOT, entry))) {
  console.error(`${entry} is missing: run \`npm run build\` first`)
  process.exit(1)
}

/** Prints a block of text indented under a heading. @param {string} title @param {string} text */
function block(title, text) {
  console.log(`  ${title}`)
  const body = text.replace(/\s+$/, '')
  console.log(body === '' ? '    (empty)' : body.replace(/^/gm, '    '))
}

/** Shows one line of the action's log the way the runner's log view does. */
function runnerView() {
  /** @type {string[]} */
  const masks = []
  /** @param {string} text */
  const masked = text => masks.reduce((shown, secret) => shown.split(secret).join('***'), text)
  /** @param {string} line @returns {string | undefined} */
  return line => {
    const command = parseWorkflowCommands(line)[0]
    if (!command) return masked(line)
    const { file, line: row, col } = command.properties
    const where = file ? ` (${[file, row, col].filter(Boolean).join(':')})` : ''
    switch (command.command) {
      case 'add-mask':
        if (command.message !== '') masks.push(command.message)
        return undefined
      case 'group':
        return `▸ ${masked(command.message)}`
      case 'error':
      case 'warning':
      case 'notice':
        return `${command.command[0]?.toUpperCase()}${command.command.slice(1)}${where}: ${masked(command.message)}`
      default:
        // debug lines are hidden unless step debugging is on; endgroup has nothing to show.
        return undefined
    }
  }
}

/** Streams the action's log indented, a whole line at a time. */
function indenter() {
  const view = runnerView()
  let pending = ''
  /** @param {string} line */
  const show = line => {
    const shown = view(line)
    if (shown !== undefined) console.log(`    ${shown}`)
  }
  return {
    /** @param {string} text */
    write(text) {
      const lines = (pending + text).split('\n')
      pending = lines.pop() ?? ''
      lines.forEach(show)
    },
    flush() {
      if (pending !== '') show(pending)
      pending = ''
    }
  }
}

/** Request lines, with runs of the same line folded into one with a count. @param {string[]} lines */
function folded(lines) {
  /** @type {{ line: string, count: number }[]} */
  const runs = []
  for (const line of lines) {
    const last = runs.at(-1)
    if (last?.line === line) last.count += 1
    else runs.push({ line, count: 1 })
  }
  return runs.map(({ line, count }) => (count > 1 ? `${line}  x${count}` : line))
}

const emulator = await startEmulator({
  defaultScript: {
    statuses: [{ status: 1, forMs: 400 }, { status: 8, forMs: 1600 }, { status: 10 }],
    logLinesPerTick: 1,
    tickMs: 200
  },
  defaultScriptV2: {
    phases: [
      { phase: 'Creating', forMs: 200 },
      { phase: 'Pending', forMs: 200 },
      { phase: 'Running', forMs: 1600 },
      { phase: 'Completed' }
    ],
    logLinesPerTick: 1,
    tickMs: 200
  }
})
const connection = {
  endpoint: emulator.url,
  iam_endpoint: emulator.url,
  region: emulator.region,
  project_id: emulator.projectId,
  access_key: emulator.accessKey,
  secret_key: emulator.secretKey
}
const runs = [
  {
    title:
      'Validate every job file in __fixtures__/jobs/valid and a v2 one (validate_only: no credentials, no network)',
    inputs: { job_file: `__fixtures__/jobs/valid/*.yaml\n${V2_JOB_FILE}`, validate_only: true }
  },
  {
    title: `ModelArts v2 (Huawei Cloud's public regions): train on merge from ${V2_JOB_FILE}, two nodes, and wait`,
    inputs: {
      ...connection,
      job_file: V2_JOB_FILE,
      if_exists: 'new_version',
      overrides: 'spec:\n  resource:\n    node_count: 2\n',
      wait: true,
      poll_interval: '200ms'
    }
  },
  {
    title: `Create a training job from ${JOB_FILE} and wait for it`,
    inputs: { ...connection, job_file: JOB_FILE, wait: true, poll_interval: '200ms' }
  },
  {
    title: 'The same job again: if_exists: new_version adds a version to it',
    inputs: {
      ...connection,
      job_file: JOB_FILE,
      wait: true,
      poll_interval: '200ms',
      if_exists: 'new_version'
    }
  }
]

console.log(`ModelArts emulator listening on ${emulator.url} (project ${emulator.projectId})\n`)
let failed = 0
try {
  for (const [index, run] of runs.entries()) {
    console.log(`=== Run ${index + 1}: ${run.title}`)
    console.log('  action log:')
    const log = indenter()
    const result = await runAction({
      entry,
      inputs: run.inputs,
      onStdout: text => log.write(text),
      onStderr: text => log.write(text)
    })
    log.flush()
    const outputs = Object.entries(result.outputs).map(([name, value]) => `${name} = ${value}`)
    block('outputs (GITHUB_OUTPUT):', outputs.join('\n'))
    block('job summary (GITHUB_STEP_SUMMARY):', result.summary)
    const ok = result.code === 0
    if (!ok) failed += 1
    console.log(`  exit code ${result.code ?? result.signal}${ok ? '' : '  <-- unexpected failure'}\n`)
  }
} finally {
  const seen = emulator.requests.map(r => {
    const signature = r.auth === 'aksk' ? `signature ${r.signatureValid ? 'valid' : 'INVALID'}` : r.auth
    return `${r.method.padEnd(5)}${String(r.status).padEnd(5)}${r.path.replace(emulator.projectId, '{project_id}')}  (${signature})`
  })
  block(`What the emulator saw (${seen.length} requests):`, folded(seen).join('\n'))
  await emulator.close()
}
console.log(failed === 0 ? '\nAll runs behaved as expected.' : `\n${failed} run(s) failed unexpectedly.`)
process.exit(failed === 0 ? 0 : 1)

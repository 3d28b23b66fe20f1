/** `npm run emulator`: the emulator alone, and the environment it prints runs the action as it is. */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, REPO_ROOT } from '../emulator/run-action.mjs'

const script = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>
  }
).scripts.emulator

let server: ChildProcess | undefined
afterEach(() => {
  if (server?.exitCode === null) server.kill('SIGKILL')
})

/** Starts the script and resolves with everything it printed up to its last line of set-up. */
function start(): Promise<string> {
  if (script === undefined) throw new Error('package.json has no "emulator" script')
  // `node file.mjs`: run on this Node, without a shell between the test and the server it must stop.
  const [command, ...args] = script.split(' ')
  expect(command).toBe('node')
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  server = child
  return new Promise((resolve, reject) => {
    let printed = ''
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      printed += text
      if (printed.includes('Stop with Ctrl-C.')) resolve(printed)
    })
    child.once('exit', code => reject(new Error(`the script ended (${code}) after printing:\n${printed}`)))
  })
}

test('prints its URL and a ready-to-use environment, with which the action creates and follows a job', async () => {
  const printed = await start()
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1]
  expect(url).toBeDefined()
  const env = Object.fromEntries(
    [...printed.matchAll(/^export (INPUT_[A-Z_]+)='([^']*)'$/gm)].map(m => [m[1] ?? '', m[2] ?? ''])
  )
  expect(env).toMatchObject({ INPUT_ENDPOINT: url })
  expect(Object.keys(env)).toEqual(
    expect.arrayContaining(['INPUT_PROJECT_ID', 'INPUT_ACCESS_KEY', 'INPUT_SECRET_KEY', 'INPUT_JOB_FILE'])
  )

  const run = await runAction({ env })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(run.outputs.status).toBe('completed')

  const exited = new Promise(resolve => server?.once('exit', resolve))
  server?.kill('SIGINT')
  expect(await exited).toBe(0)
})

test('--port that is not a port: one line saying what to write, exit 2, nothing started', async () => {
  const [, ...args] = (script ?? '').split(' ')
  const child = spawn(process.execPath, [...args, '--port', '70000'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  server = child
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text))
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  const code = await new Promise(resolve => child.once('exit', resolve))
  expect(code).toBe(2)
  expect(stdout).toBe('')
  expect(stderr.trim().split('\n')).toEqual([
    '--port 70000 is not a port: write a number from 0 (any free port) to 65535.'
  ])
})

// Runs the bundled action the way the GitHub runner does: inputs as INPUT_* variables (with action.yml defaults),
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE / GITHUB_ENV files, SIGINT then SIGTERM on cancel.
import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { staleDist } from '../../.ci/src-digest.mjs'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** Variables of the test's own environment that must not leak into the action as if the runner had set them. */
const RUNNER_VARIABLES = /^(INPUT_|STATE_|GITHUB_|RUNNER_|ACTIONS_|HUAWEI_CLOUD_|HUAWEICLOUD_SDK_)/

/** `job file` → `INPUT_JOB_FILE`, as the runner names it. @param {string} name */
export function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * Reads a file written by @actions/core: `name<<delimiter` … `delimiter` blocks, or `name=value` lines.
 * @param {string} text @returns {Record<string, string>}
 */
export function parseCommandFile(text) {
  /** @type {Record<string, string>} */
  const values = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = /** @type {string} */ (lines[i])
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = /** @type {[string, string, string]} */ (/** @type {unknown} */ (heredoc))
      const end = lines.indexOf(delimiter, i + 1)
      if (end < 0) throw new Error(`${name}: delimiter ${delimiter} is never closed`)
      values[name] = lines.slice(i + 1, end).join('\n')
      i = end
    } else if (line.includes('=')) {
      const at = line.indexOf('=')
      values[line.slice(0, at)] = line.slice(at + 1)
    }
  }
  return values
}

/** @param {string} value */
const unescapeData = value => value.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/gi, '%')
/** @param {string} value */
const unescapeProperty = value => unescapeData(value.replace(/%3A/gi, ':').replace(/%2C/gi, ','))
/** @param {string} value */
const unescapeLegacy = value =>
  value
    .replace(/%3B/gi, ';')
    .replace(/%0D/gi, '\r')
    .replace(/%0A/gi, '\n')
    .replace(/%5D/gi, ']')
    .replace(/%25/gi, '%')

/** The commands the runner knows; it compares names in any case. Others are printed as text. */
const RUNNER_COMMANDS = new Set([
  'set-env',
  'set-output',
  'save-state',
  'add-path',
  'add-mask',
  'add-matcher',
  'remove-matcher',
  'warning',
  'error',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo',
  'stop-commands'
])

/**
 * The runner trims a line with .NET's `TrimStart()`, whose white space (`Char.IsWhiteSpace`) is U+0009–U+000D,
 * U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000: not JavaScript's
 * `\s` (which lacks U+0085 and adds U+FEFF).
 */
const DOTNET_LEADING_WHITE_SPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/

/**
 * One line as the runner reads it: `::name props::data` after leading whitespace, or the legacy
 * `##[name k=v;k=v]data` anywhere in the line.
 * @param {string} line @param {Set<string>} known
 */
function parseLine(line, known) {
  const trimmed = line.replace(DOTNET_LEADING_WHITE_SPACE, '')
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2)
    if (end >= 0) {
      const info = trimmed.slice(2, end)
      const space = info.indexOf(' ')
      const command = (space < 0 ? info : info.slice(0, space)).toLowerCase()
      if (known.has(command)) {
        /** @type {Record<string, string>} */
        const properties = {}
        if (space >= 0) {
          for (const pair of info
            .slice(space + 1)
            .split(',')
            .filter(Boolean)) {
            const at = pair.indexOf('=')
            if (at > 0) properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1))
          }
        }
        return { command, properties, message: unescapeData(trimmed.slice(end + 2)) }
      }
    }
  }
  const start = line.indexOf('##[')
  if (start < 0) return undefined
  const close = line.indexOf(']', start)
  if (close < 0) return undefined
  const info = line.slice(start + 3, close)
  const space = info.indexOf(' ')
  const command = (space < 0 ? info : info.slice(0, space)).toLowerCase()
  if (!known.has(command)) return undefined
  /** @type {Record<string, string>} */
  const properties = {}
  if (space >= 0) {
    for (const pair of info
      .slice(space + 1)
      .split(';')
      .filter(Boolean)) {
      const at = pair.indexOf('=')
      if (at > 0) properties[pair.slice(0, at)] = unescapeLegacy(pair.slice(at + 1))
    }
  }
  return { command, properties, message: unescapeLegacy(line.slice(close + 1)), legacy: true }
}

/**
 * Workflow commands printed on stdout (and stderr), read as strictly as the runner reads them: lines end at
 * `\n`, `\r\n` and a bare `\r`; `::` commands after leading .NET white space, in any case; the legacy `##[`
 * form anywhere in a line; `::stop-commands::token` pauses everything until a line `::token::` (also in any
 * case).
 * @param {string} stdout @param {string} [stderr]
 * @returns {{ command: string, properties: Record<string, string>, message: string, legacy?: boolean }[]}
 */
export function parseWorkflowCommands(stdout, stderr = '') {
  return readWorkflowCommands(stdout, stderr).commands
}

/**
 * The runner reads both streams for commands. Their interleaving is lost here, so each is read on its own
 * (stderr's commands after stdout's); a stop on either that never ends counts.
 * @param {string} stdout @param {string} [stderr]
 * @returns {{ commands: ReturnType<typeof parseLine>[] & { command: string, properties: Record<string, string>, message: string }[], stoppedAtEnd: boolean }}
 */
export function readWorkflowCommands(stdout, stderr = '') {
  const out = readStream(stdout)
  const err = readStream(stderr)
  return {
    commands: /** @type {any} */ ([...out.commands, ...err.commands]),
    stoppedAtEnd: out.stoppedAtEnd || err.stoppedAtEnd
  }
}

/** @param {string} text */
function readStream(text) {
  const commands = []
  /** @type {string | undefined} */
  let stopToken
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (stopToken !== undefined) {
      const resume = parseLine(line, new Set([stopToken]))
      if (resume) stopToken = undefined
      continue
    }
    const parsed = parseLine(line, RUNNER_COMMANDS)
    if (!parsed) continue
    commands.push(parsed)
    if (parsed.command === 'stop-commands' && parsed.message !== '') stopToken = parsed.message.toLowerCase()
  }
  return { commands, stoppedAtEnd: stopToken !== undefined }
}

/**
 * What the runner makes of `name` commands: the files, then any `::set-output`/`::save-state` on stdout (the
 * runner still honours them), so a forged one would show.
 * @param {Record<string, string>} fromFile @param {ReturnType<typeof parseWorkflowCommands>} commands @param {string} name
 */
function withCommands(fromFile, commands, name) {
  const values = { ...fromFile }
  for (const c of commands) if (c.command === name && c.properties.name) values[c.properties.name] = c.message
  return values
}

/**
 * The script action.yml runs for a step (`runs.main` or `runs.post`), as the runner reads it.
 * @param {string} actionYml @param {'main' | 'post'} step @returns {string}
 */
export function actionEntry(actionYml, step) {
  const action = parseYaml(readFileSync(actionYml, 'utf8'))
  const entry = action?.runs?.[step]
  if (typeof entry !== 'string') throw new Error(`${actionYml} has no runs.${step}`)
  return entry
}

/**
 * Inputs the runner would fill in from action.yml defaults (expressions like `${{ github.token }}` are skipped).
 * @param {string} actionYml @returns {Record<string, string>}
 */
export function actionDefaults(actionYml) {
  if (!existsSync(actionYml)) return {}
  const action = parseYaml(readFileSync(actionYml, 'utf8'))
  /** @type {Record<string, string>} */
  const defaults = {}
  for (const [name, input] of Object.entries(action?.inputs ?? {})) {
    const value = /** @type {{ default?: unknown } | null} */ (input)?.default
    if (value !== undefined && value !== null && !String(value).includes('${{'))
      defaults[name] = String(value)
  }
  return defaults
}

/**
 * @typedef {{ inputs?: Record<string, string | number | boolean | undefined>, env?: Record<string, string | undefined>,
 *   state?: Record<string, string>, step?: 'main' | 'post', entry?: string, cwd?: string, actionYml?: string | false,
 *   signal?: AbortSignal, onStdout?: (text: string) => void, onStderr?: (text: string) => void,
 *   timeoutMs?: number, keepTemp?: boolean, measure?: boolean }} RunOptions
 * @typedef {{ code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string,
 *   outputs: Record<string, string>, summary: string, state: Record<string, string>,
 *   exportedEnv: Record<string, string>, commands: ReturnType<typeof parseWorkflowCommands>,
 *   stoppedAtEnd: boolean, elapsedMs: number, maxRssKb?: number, tempDir?: string }} RunResult
 */

/** Why dist/ is stale ('' when it is not), judged once per test file. @type {string | undefined} */
let checkedDist

/**
 * Starts the action and returns at once, so a test can cancel it while it runs. The action runs on this
 * Node unless env ACTION_NODE names another binary. `step: 'post'` runs what action.yml's `runs.post` names,
 * with `state` (what the main step saved: a RunResult's `state`) as the runner passes it, STATE_ variables;
 * `entry` overrides the script for tests of the harness itself.
 * @param {RunOptions} [options]
 */
export function spawnAction(options = {}) {
  const {
    inputs = {},
    env = {},
    state = {},
    step = 'main',
    cwd = REPO_ROOT,
    actionYml = join(REPO_ROOT, 'action.yml'),
    signal,
    onStdout,
    onStderr,
    timeoutMs = 120_000,
    keepTemp = false,
    measure = false
  } = options
  const entry = options.entry ?? (actionYml === false ? 'dist/index.js' : actionEntry(actionYml, step))
  const script = isAbsolute(entry) ? entry : join(REPO_ROOT, entry)
  if (!existsSync(script)) throw new Error(`${entry} does not exist: run \`npm run build\` first`)
  // Never test a dist/ that src/ has moved on from.
  if (script.startsWith(join(REPO_ROOT, 'dist'))) {
    checkedDist ??= staleDist() ?? ''
    if (checkedDist) throw new Error(checkedDist)
  }

  const temp = mkdtempSync(join(tmpdir(), 'action-run-'))
  const files = {
    GITHUB_OUTPUT: join(temp, 'output'),
    GITHUB_STEP_SUMMARY: join(temp, 'step_summary.md'),
    GITHUB_STATE: join(temp, 'state'),
    GITHUB_ENV: join(temp, 'env'),
    GITHUB_PATH: join(temp, 'path')
  }
  for (const file of Object.values(files)) writeFileSync(file, '')
  mkdirSync(join(temp, 'runner-temp'))

  /** @type {Record<string, string>} */
  const childEnv = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !RUNNER_VARIABLES.test(name)) childEnv[name] = value
  }
  const given = Object.fromEntries(Object.entries(inputs).filter(([, value]) => value !== undefined))
  const allInputs = { ...(actionYml === false ? {} : actionDefaults(actionYml)), ...given }
  Object.assign(
    childEnv,
    {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: cwd,
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_RUN_ID: '1',
      GITHUB_SERVER_URL: 'https://github.com',
      RUNNER_TEMP: join(temp, 'runner-temp'),
      ...files
    },
    Object.fromEntries(
      Object.entries(allInputs).map(([name, value]) => [inputVariable(name), String(value)])
    ),
    Object.fromEntries(Object.entries(state).map(([name, value]) => [`STATE_${name}`, value]))
  )
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[name]
    else childEnv[name] = value
  }

  const usageFile = join(temp, 'usage.json')
  // The child's own peak memory (resident set), written as it exits, whatever way it exits.
  const measureArgs = measure
    ? ['--import', pathToFileURL(join(REPO_ROOT, 'test/emulator/measure.mjs')).href]
    : []
  if (measure) childEnv.ACTION_USAGE_FILE = usageFile
  const startedAt = performance.now()
  const child = spawn(process.env.ACTION_NODE || process.execPath, [...measureArgs, script], {
    cwd,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', text => {
    stdout += text
    onStdout?.(text)
  })
  child.stderr.setEncoding('utf8').on('data', text => {
    stderr += text
    onStderr?.(text)
  })

  /** @type {NodeJS.Timeout | undefined} */
  let termTimer
  /** The runner's cancellation: SIGINT, then SIGTERM once the grace period is over. */
  function cancel(graceMs = 7500) {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGINT')
    termTimer ??= setTimeout(() => child.kill('SIGTERM'), graceMs)
  }
  const onAbort = () => cancel()
  signal?.addEventListener('abort', onAbort, { once: true })
  if (signal?.aborted) cancel()
  const killTimer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)

  /** @type {Promise<RunResult>} */
  const result = new Promise((resolvePromise, reject) => {
    child.once('error', reject)
    child.once('close', (code, exitSignal) => {
      clearTimeout(killTimer)
      clearTimeout(termTimer)
      signal?.removeEventListener('abort', onAbort)
      try {
        const elapsedMs = performance.now() - startedAt
        const read = (/** @type {string} */ file) => readFileSync(file, 'utf8')
        const { commands, stoppedAtEnd } = readWorkflowCommands(stdout, stderr)
        const usage = measure && existsSync(usageFile) ? JSON.parse(read(usageFile)) : undefined
        resolvePromise({
          code,
          signal: exitSignal,
          stdout,
          stderr,
          outputs: withCommands(parseCommandFile(read(files.GITHUB_OUTPUT)), commands, 'set-output'),
          summary: read(files.GITHUB_STEP_SUMMARY),
          state: withCommands(parseCommandFile(read(files.GITHUB_STATE)), commands, 'save-state'),
          exportedEnv: parseCommandFile(read(files.GITHUB_ENV)),
          commands,
          stoppedAtEnd,
          elapsedMs,
          ...(usage ? { maxRssKb: usage.maxRSS } : {}),
          ...(keepTemp ? { tempDir: temp } : {})
        })
      } catch (error) {
        reject(error)
      } finally {
        if (!keepTemp) rmSync(temp, { recursive: true, force: true })
      }
    })
  })
  return { child, result, cancel }
}

/** Runs the action to its end. @param {RunOptions} [options] @returns {Promise<RunResult>} */
export function runAction(options = {}) {
  return spawnAction(options).result
}

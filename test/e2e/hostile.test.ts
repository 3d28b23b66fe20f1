/**
 * Attacks on the bundled action, run the way the runner runs it and judged by a command parser as strict as the
 * runner's (bare CR, any case, legacy `##[` anywhere, stop-commands): text the action did not write stays text,
 * nothing outside the workspace is read, hostile files are refused within bounds, retries tell the truth.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../emulator/server.mjs'
import { REPO_ROOT, runAction, type RunResult } from '../emulator/run-action.mjs'
import { failure, uniqueName, until } from './helpers.js'

let emulator: Emulator
let base: string
let workspace: string
let outsideFile: string
const OUTSIDE_MARKER = 'OUTSIDE-THE-WORKSPACE-7f3a'
const valid = readFileSync(join(REPO_ROOT, '__fixtures__/jobs/valid/own-code.yaml'), 'utf8')

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')
/** A GitHub OIDC ID token as the runner's token service hands it out (the emulator reads its claims). */
const githubIdToken = (audience: string): string =>
  [
    base64url({ alg: 'RS256', typ: 'JWT' }),
    base64url({
      iss: 'https://token.actions.githubusercontent.com',
      aud: audience,
      sub: 'repo:o/r:ref:refs/heads/main'
    }),
    'c2lnbmF0dXJl'
  ].join('.')
const idTokenAnswer = (url: string | undefined): string =>
  JSON.stringify({
    value: githubIdToken(new URL(url ?? '/', 'http://x').searchParams.get('audience') ?? 'none')
  })

/** Every way a line becomes a command, as a training log, a job file or a service could carry it. */
const FORGED = [
  '::set-output name=job_id::666',
  '::error::FORGED-ANNOTATION',
  '::stop-commands::x',
  '::save-state name=job_id::666',
  '::save-state name=finished::forged',
  '  ::Warning::FORGED-ANNOTATION after spaces',
  'progress 50%\r::notice::FORGED-ANNOTATION after a bare CR',
  'epoch 1 ##[error]FORGED-ANNOTATION legacy form',
  '##[set-output name=status;]forged',
  '::add-mask::loss',
  // The runner trims with .NET's Char.IsWhiteSpace, which holds NEL (U+0085) and more than JavaScript's \s.
  '\u0085::set-output name=job_id::666',
  '\u0085::error::FORGED-ANNOTATION after NEL',
  '\u0085::save-state name=finished::forged',
  '\u3000::stop-commands::x',
  '\u0085::add-mask::loss'
]

beforeAll(async () => {
  emulator = await startEmulator({ stopDelayMs: 50 })
  base = mkdtempSync(join(tmpdir(), 'hostile-'))
  workspace = join(base, 'repo')
  const outside = join(base, 'outside')
  mkdirSync(join(workspace, 'jobs'), { recursive: true })
  mkdirSync(outside)
  outsideFile = join(outside, 'job.yaml')
  writeFileSync(outsideFile, valid.replace(/^job_desc: .*$/m, `job_desc: ${OUTSIDE_MARKER}`))
  symlinkSync(outsideFile, join(workspace, 'jobs', 'link.yaml'))
  symlinkSync(outside, join(workspace, 'linked'))
})
afterAll(async () => {
  await emulator.close()
  rmSync(base, { recursive: true, force: true })
})

const keys = () => ({
  endpoint: emulator.url,
  project_id: emulator.projectId,
  access_key: emulator.accessKey,
  secret_key: emulator.secretKey
})

/** No command the attacker wrote took effect, and the action's own commands all did. */
function expectNoForgery(run: RunResult): void {
  const forged = run.commands.filter(
    c =>
      // The attacker's annotations start with the word; the action's own messages may quote it as data.
      /^FORGED/.test(c.message) ||
      (c.command === 'stop-commands' && !c.message.startsWith('untrusted-')) ||
      c.properties.name !== undefined ||
      (c.command === 'add-mask' && c.message === 'loss')
  )
  expect(forged).toEqual([])
  expect(run.stoppedAtEnd).toBe(false)
  expect(Object.values(run.outputs)).not.toContain('666')
  expect(Object.values(run.outputs)).not.toContain('forged')
  expect(Object.values(run.state)).not.toContain('666')
  expect(Object.values(run.state)).not.toContain('forged')
}

describe('text the action did not write stays text', () => {
  test('training log lines: printed verbatim, none forges an output, state, annotation or stop', async () => {
    const name = uniqueName('log-attack')
    // The job fails after its log: the action's own failure line must still come through.
    emulator.setScript(name, { statuses: [{ status: 8, forMs: 1200 }, { status: 11 }], lines: FORGED })
    const run = await runAction({
      inputs: {
        ...keys(),
        job_file: '__fixtures__/jobs/valid/own-code.yaml',
        job_name: name,
        wait: 'true',
        poll_interval: '100ms'
      }
    })
    expectNoForgery(run)
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(/ended failed/)
    expect(run.outputs.job_id).toMatch(/^\d+$/)
    expect(run.state.job_id).toBe(run.outputs.job_id)
    expect(run.state.finished).toBe('ended')
    for (const line of FORGED) expect(run.stdout).toContain(line)
  })

  test('v2 task logs: two tasks, every forged line printed verbatim, none forges anything', async () => {
    const name = uniqueName('v2-log-attack')
    emulator.setScriptV2(name, {
      phases: [{ phase: 'Running', forMs: 1200 }, { phase: 'Failed' }],
      lines: FORGED,
      logLinesPerTick: 2,
      tickMs: 100
    })
    const run = await runAction({
      inputs: {
        ...keys(),
        job_file: '__fixtures__/jobs/v2/own-code.yaml',
        job_name: name,
        overrides: 'spec: {resource: {node_count: 2}}',
        wait: 'true',
        poll_interval: '100ms'
      }
    })
    expectNoForgery(run)
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(/ended failed/)
    const job = emulator.jobsV2.find(j => j.name === name)!
    expect(run.outputs.job_id).toBe(job.id)
    expect(run.state).toMatchObject({ api: 'v2', job_id: job.id, finished: 'ended' })
    for (const line of FORGED) {
      expect(run.stdout).toContain(`[worker-0] ${line}`)
      expect(run.stdout).toContain(`[worker-1] ${line}`)
    }
  })

  test('a v2 service message: neither a command nor the secret reaches the log', async () => {
    const secret = emulator.secretKey
    emulator.inject({
      method: 'POST',
      path: `/v2/${emulator.projectId}/training-jobs`,
      kind: 'status',
      status: 400,
      body: JSON.stringify({
        error_code: 'ModelArts.2788',
        error_msg: `Invalid parameter ${secret} ::error::FORGED-ANNOTATION\n::set-output name=job_id::666`
      })
    })
    const run = await runAction({
      inputs: { ...keys(), job_file: '__fixtures__/jobs/v2/own-code.yaml', job_name: uniqueName('v2-msg') }
    })
    expectNoForgery(run)
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(/ModelArts\.2788/)
    const printed = run.stdout
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n')
    expect(printed).not.toContain(secret)
    expect(run.summary).not.toContain(secret)
  })

  test('validate_only: job_desc, parameter values and a file name with a newline stay text', async () => {
    const dir = join(workspace, 'pr')
    mkdirSync(dir, { recursive: true })
    const hostile = valid
      .replace(
        /^job_desc: .*$/m,
        `job_desc: "x\\n::set-output name=valid::666\\n::error::FORGED-ANNOTATION\\r::stop-commands::x"`
      )
      .replace('batch_size: 32', 'batch_size: "##[error]FORGED-ANNOTATION"')
    writeFileSync(join(dir, 'job.yaml'), hostile)
    writeFileSync(join(dir, 'evil\n::error::FORGED-ANNOTATION.yaml'), hostile)
    writeFileSync(
      join(dir, 'nel\n\u0085::set-output name=valid::666\n\u0085::error::FORGED-ANNOTATION.yaml'),
      hostile
    )
    const run = await runAction({ cwd: workspace, inputs: { validate_only: 'true', job_file: 'pr/*.yaml' } })
    expectNoForgery(run)
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ valid: 'true', files_checked: '3' })
    expect(run.stdout).toContain('::set-output name=valid::666')
  })

  test('validate_only: a bad file named with a newline, NEL and stop-commands hides no later failure', async () => {
    const dir = join(workspace, 'pr-nel')
    mkdirSync(dir, { recursive: true })
    const bad = valid.replace('job_name', 'job_nme')
    writeFileSync(join(dir, 'a\n\u0085::stop-commands::x.yaml'), bad)
    writeFileSync(join(dir, 'b.yaml'), bad)
    const run = await runAction({
      cwd: workspace,
      inputs: { validate_only: 'true', job_file: 'pr-nel/*.yaml' }
    })
    expectNoForgery(run)
    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ valid: 'false', files_checked: '2' })
    expect(failure(run)).not.toBe('')
    expect(run.commands.filter(c => c.command === 'error').length).toBeGreaterThanOrEqual(2)
  })

  test('validate_only: a service message in a pre-flight warning shows as text in the summary', async () => {
    const fault = emulator.inject({
      method: 'GET',
      path: /./,
      kind: 'status',
      status: 403,
      times: 50,
      body: JSON.stringify({
        error_code: 'ModelArts.0108',
        error_msg:
          'denied <img src="https://evil.example/t.png"> [Re-run](https://evil.example/x)\r# INJECTED'
      })
    })
    const run = await runAction({
      inputs: { ...keys(), validate_only: 'true', job_file: '__fixtures__/jobs/valid/own-code.yaml' }
    })
    fault.remaining = 0
    expectNoForgery(run)
    expect(run.summary).toMatch(/Pre-flight (could not read|skipped)/)
    expect(run.summary).not.toMatch(/(^|[^\\])<img/)
    expect(run.summary).not.toMatch(/(^|[^\\])\[Re-run/)
    expect(run.summary.split(/\r\n|\r|\n/).filter(line => /^\s*#+ INJECTED/.test(line))).toEqual([])
  })

  test('a service message: neither a command nor a piece of a secret reaches the log', async () => {
    const name = uniqueName('service-attack')
    const secret = emulator.secretKey
    emulator.inject({
      method: 'POST',
      path: /\/training-jobs\/?$/,
      kind: 'status',
      status: 400,
      body: JSON.stringify({
        is_success: false,
        error_code: 'ModelArts.0104',
        error_message: `${'x'.repeat(470)} ${secret} ::error::FORGED-ANNOTATION\n::set-output name=job_id::666`
      })
    })
    const run = await runAction({
      inputs: { ...keys(), job_file: '__fixtures__/jobs/valid/own-code.yaml', job_name: name }
    })
    expectNoForgery(run)
    expect(run.code).toBe(1)
    // Masked whole before the message was cut: no piece of it is left for the runner's mask to miss.
    const printed = run.stdout.split('\n').filter(line => !line.startsWith('::add-mask::'))
    expect(printed.join('\n')).not.toContain(secret.slice(0, 12))
    expect(failure(run)).toContain('***')
  })

  test('a v2 task message echoing the access key: failure_reason, log and summary hold no piece of it', async () => {
    const name = uniqueName('echo-key')
    const key = emulator.accessKey
    // Long enough that failure_reason (cut at 500 characters) would end inside the key, were it masked after.
    emulator.setScriptV2(name, {
      phases: [{ phase: 'Running', forMs: 300 }, { phase: 'Failed' }],
      tickMs: 100,
      failure: { message: `${'x'.repeat(436)} ${key}` }
    })
    const run = await runAction({
      inputs: {
        ...keys(),
        job_file: '__fixtures__/jobs/v2/own-code.yaml',
        job_name: name,
        wait: 'true',
        poll_interval: '100ms'
      }
    })
    expect(run.code).toBe(1)
    expect(run.outputs.failure_reason).toContain('x')
    const printed = run.stdout.split('\n').filter(line => !line.startsWith('::add-mask::'))
    for (const text of [printed.join('\n'), run.summary, JSON.stringify(run.outputs)]) {
      expect(text).not.toContain(key.slice(0, 8))
    }
  })
})

describe('nothing outside the workspace is read', () => {
  const attempts: Array<[string, Record<string, string>]> = [
    ['a relative path up and out', { job_file: '../outside/job.yaml' }],
    ['../../etc/passwd', { job_file: '../../../../../../../../etc/passwd' }],
    ['an absolute path', { job_file: '' }],
    ['a symlink in the repository', { job_file: 'jobs/link.yaml' }]
  ]
  test.each(attempts)('%s: refused naming job_file, no job made', async (_what, given) => {
    const name = uniqueName('outside')
    const jobFile = given.job_file === '' ? outsideFile : (given.job_file as string)
    const run = await runAction({ cwd: workspace, inputs: { ...keys(), job_file: jobFile, job_name: name } })
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(/`job_file` must name a file inside the workspace|does not exist/)
    expect(run.stdout + run.summary).not.toContain(OUTSIDE_MARKER)
    expect(run.stdout).not.toContain('root:x:0:0')
    expect(emulator.jobs.filter(j => j.job_name === name)).toEqual([])
  })

  test('validate_only: a glob through a symlinked directory and a link to a file read nothing outside', async () => {
    const run = await runAction({
      cwd: workspace,
      inputs: { validate_only: 'true', job_file: 'linked/*.yaml\njobs/link.yaml' }
    })
    expect(run.code).toBe(1)
    expect(run.stdout + run.summary).not.toContain(OUTSIDE_MARKER)
  })
})

describe('hostile job files are refused or handled within 2 s and 200 MB', () => {
  const files: Array<[string, () => void]> = [
    [
      'huge.yaml',
      () =>
        writeFileSync(
          join(workspace, 'hostile', 'huge.yaml'),
          `job_desc: "${'a'.repeat(50 * 1024 * 1024)}"\n`
        )
    ],
    [
      'deep.yaml',
      () =>
        writeFileSync(
          join(workspace, 'hostile', 'deep.yaml'),
          `config: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`
        )
    ],
    [
      'keys.yaml',
      () =>
        writeFileSync(
          join(workspace, 'hostile', 'keys.yaml'),
          valid + Array.from({ length: 12_000 }, (_, i) => `unknown_${i}: ${i}`).join('\n') + '\n'
        )
    ],
    [
      'params.yaml',
      () =>
        writeFileSync(
          join(workspace, 'hostile', 'params.yaml'),
          valid.replace(
            / {2}parameter:\n( {4}.*\n)+/,
            `  parameter: {${Array.from({ length: 100_000 }, (_, i) => `${i.toString(36)}: 1`).join(', ')}}\n`
          )
        )
    ],
    [
      'params-5000.yaml',
      () =>
        writeFileSync(
          join(workspace, 'hostile', 'params-5000.yaml'),
          valid.replace(
            / {2}parameter:\n( {4}.*\n)+/,
            `  parameter: {${Array.from({ length: 5000 }, (_, i) => `${i.toString(36)}: 1`).join(', ')}}\n`
          )
        )
    ],
    [
      'binary.yaml',
      () =>
        writeFileSync(
          join(workspace, 'hostile', 'binary.yaml'),
          Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2])
        )
    ],
    ['fifo.yaml', () => execFileSync('mkfifo', [join(workspace, 'hostile', 'fifo.yaml')])]
  ]
  beforeAll(() => {
    mkdirSync(join(workspace, 'hostile'), { recursive: true })
    for (const [, make] of files) make()
  })

  /** What each refusal says, in an annotation or the failure line. */
  const reasons: Record<string, RegExp> = {
    'huge.yaml': /is 50(\.\d+)? MiB, more than the 1 MiB a job file may have/,
    'deep.yaml': /nests more than 64 levels deep/,
    'keys.yaml': /11900 more problems are not listed/,
    'params.yaml': /holds more than 20000 keys and list items/,
    'params-5000.yaml': /`config\.parameter` has 5000 items; at most 1000 are accepted/,
    'binary.yaml': /is a binary file/,
    'fifo.yaml': /is not a regular file/
  }

  /** Unknown keys that are no misspelling are sent as written with a warning each: that file passes, capped. */
  const passes = new Set(['keys.yaml'])

  test.each(files.map(([file]) => file))('%s', async file => {
    const run = await runAction({
      cwd: workspace,
      measure: true,
      timeoutMs: 30_000,
      inputs: { validate_only: 'true', job_file: `hostile/${file}` }
    })
    expect(run.signal).toBeNull()
    expect(run.code).toBe(passes.has(file) ? 0 : 1)
    expect(run.elapsedMs).toBeLessThan(2000)
    expect(run.maxRssKb).toBeLessThan(200 * 1024)
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
    expect(failure(run) === '').toBe(passes.has(file))
    const severity = passes.has(file) ? 'warning' : 'error'
    const said = run.commands.filter(c => c.command === severity).map(c => c.message)
    expect(said.some(message => reasons[file]?.test(message))).toBe(true)
  })
})

describe('honest retries', () => {
  test('a hanging log read does not hold up the status polls', async () => {
    const name = uniqueName('log-hang')
    emulator.setScript(name, { statuses: [{ status: 8, forMs: 3000 }, { status: 10 }] })
    const hang = emulator.inject({
      method: 'GET',
      path: /\/log\/file-names$|\/aom-log$/,
      kind: 'hang',
      times: 1
    })
    const started = emulator.requests.length
    const run = await runAction({
      inputs: {
        ...keys(),
        job_file: '__fixtures__/jobs/valid/own-code.yaml',
        job_name: name,
        wait: 'true',
        poll_interval: '200ms'
      },
      env: { MODELARTS_HTTP_TIMEOUT: '5s' }
    })
    expect(run.code).toBe(0)
    expect(hang.remaining).toBe(0)
    const polls = emulator.requests
      .slice(started)
      .filter(r => r.method === 'GET' && r.path.endsWith(`/versions/${run.outputs.version_id}`))
      .map(r => Number(r.at))
      // The last read is not a poll: once the wait is over (after the final log read), the post-mortem reads
      // the version once more for its metrics.
      .slice(0, -1)
    const gaps = polls.slice(1).map((at, i) => at - (polls[i] ?? at))
    expect(polls.length).toBeGreaterThan(8)
    expect(Math.max(...gaps)).toBeLessThan(1000)
  })

  test('a failing OIDC exchange is a credential failure: bounded, true message, no create sent', async () => {
    const idTokens: Server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(idTokenAnswer(req.url))
    })
    await new Promise<void>(resolve => idTokens.listen(0, '127.0.0.1', resolve))
    const exchange = emulator.inject({
      path: '/v3.0/OS-AUTH/id-token/tokens',
      kind: 'status',
      status: 503,
      times: 1000
    })
    const before = emulator.requests.length
    try {
      const run = await runAction({
        inputs: {
          endpoint: emulator.url,
          project_id: emulator.projectId,
          iam_endpoint: emulator.url,
          idp_id: emulator.idpId,
          job_file: '__fixtures__/jobs/valid/own-code.yaml',
          job_name: uniqueName('oidc-down')
        },
        env: {
          ACTIONS_ID_TOKEN_REQUEST_URL: `http://127.0.0.1:${(idTokens.address() as AddressInfo).port}/t?api-version=2.0`,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token'
        }
      })
      expect(run.code).toBe(1)
      expect(failure(run)).toMatch(/Exchanging the GitHub OIDC token at IAM .* failed/)
      expect(failure(run)).not.toMatch(/ended without an answer|id-token: write/)
      const sent = emulator.requests.slice(before)
      expect(sent.filter(r => r.path === '/v3.0/OS-AUTH/id-token/tokens').length).toBeLessThanOrEqual(5)
      expect(sent.filter(r => r.path.includes('/training-jobs'))).toEqual([])
    } finally {
      exchange.remaining = 0
      await new Promise(resolve => idTokens.close(resolve))
    }
  })

  test("GitHub's token service failing once (500) is retried; no permission hint", async () => {
    let calls = 0
    const idTokens: Server = createServer((req, res) => {
      calls++
      if (calls === 1) res.writeHead(500).end()
      else res.writeHead(200, { 'content-type': 'application/json' }).end(idTokenAnswer(req.url))
    })
    await new Promise<void>(resolve => idTokens.listen(0, '127.0.0.1', resolve))
    try {
      const run = await runAction({
        inputs: {
          endpoint: emulator.url,
          project_id: emulator.projectId,
          iam_endpoint: emulator.url,
          idp_id: emulator.idpId,
          job_file: '__fixtures__/jobs/valid/own-code.yaml',
          job_name: uniqueName('oidc-500')
        },
        env: {
          ACTIONS_ID_TOKEN_REQUEST_URL: `http://127.0.0.1:${(idTokens.address() as AddressInfo).port}/t?api-version=2.0`,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token'
        }
      })
      expect(calls).toBe(2)
      expect(run.code).toBe(0)
    } finally {
      await new Promise(resolve => idTokens.close(resolve))
    }
  })

  test('a 429 on create is sent again after Retry-After: one job', async () => {
    const name = uniqueName('throttled')
    emulator.inject({
      method: 'POST',
      path: /\/training-jobs\/?$/,
      kind: 'status',
      status: 429,
      retryAfter: 1
    })
    const run = await runAction({
      inputs: { ...keys(), job_file: '__fixtures__/jobs/valid/own-code.yaml', job_name: name }
    })
    expect(run.code).toBe(0)
    expect(emulator.jobs.filter(j => j.job_name === name)).toHaveLength(1)
  })

  test("another run's job of the same name is not adopted after a 503; the failure names it", async () => {
    const name = uniqueName('other-run')
    const first = await runAction({
      inputs: { ...keys(), job_file: '__fixtures__/jobs/valid/own-code.yaml', job_name: name }
    })
    expect(first.code).toBe(0)
    // That run was a minute ago.
    const job = emulator.jobs.find(j => j.job_name === name)!
    job.create_time -= 60_000
    for (const version of job.versions) version.create_time -= 60_000
    emulator.inject({ method: 'POST', path: /\/training-jobs\/?$/, kind: 'status', status: 503 })
    const run = await runAction({
      inputs: { ...keys(), job_file: '__fixtures__/jobs/valid/own-code.yaml', job_name: name }
    })
    expect(run.code).toBe(1)
    expect(run.outputs.job_id).toBeUndefined()
    expect(failure(run)).toContain(`(id ${first.outputs.job_id}, created`)
    expect(failure(run)).toMatch(/not adopted/)
  })

  test('a timed-out wait whose stop is refused says so, and that the job is still running', async () => {
    const name = uniqueName('stop-refused')
    emulator.setScript(name, { statuses: [{ status: 8, forMs: 60_000 }, { status: 10 }] })
    const refuse = emulator.inject({
      method: 'POST',
      path: /\/stop$/,
      kind: 'status',
      status: 403,
      times: 10
    })
    const run = await runAction({
      inputs: {
        ...keys(),
        job_file: '__fixtures__/jobs/valid/own-code.yaml',
        job_name: name,
        wait: 'true',
        poll_interval: '100ms',
        timeout: '1'
      }
    })
    refuse.remaining = 0
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(/^Timed out after waiting .*still running/)
    expect(failure(run)).toContain(
      `job ${run.outputs.job_id} version V0001 (id ${run.outputs.version_id}) is still running`
    )
  })

  test('an answer that never ends is cut off: bounded memory, one clear line', async () => {
    const name = uniqueName('flood')
    const flood = emulator.inject({ method: 'GET', path: /\/training-jobs\/?$/, kind: 'flood', times: 10 })
    emulator.inject({ method: 'POST', path: /\/training-jobs\/?$/, kind: 'status', status: 503 })
    const run = await runAction({
      measure: true,
      inputs: { ...keys(), job_file: '__fixtures__/jobs/valid/own-code.yaml', job_name: name }
    })
    flood.remaining = 0
    expect(run.code).toBe(1)
    expect(failure(run)).toMatch(/larger than 8 MiB/)
    expect(run.maxRssKb).toBeLessThan(200 * 1024)
    await until(() => true)
  })
})

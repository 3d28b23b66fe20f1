/**
 * Sends the check-run requests through @actions/github (GITHUB_API_URL, proxies). Loaded only when a step has
 * more problems than the runner draws: the toolkit is large.
 */
import { context, getOctokit } from '@actions/github'
import { checkRunRequests, headShaOf, type CheckRunRequest } from './check-run.js'
import type { Diagnostic } from '../job/diagnostic.js'
import { errorMessage } from '../util/values.js'

/** Why the check run could not carry the problems; status is the HTTP status when GitHub answered. */
export class CheckRunError extends Error {
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message)
    this.name = 'CheckRunError'
  }
}

export interface PostedCheckRun {
  url: string
  annotations: number
}

/** Creates the check run and appends every batch; throws CheckRunError at the first request that fails. */
export async function postCheckRun(options: {
  token: string
  name: string
  diagnostics: readonly Diagnostic[]
  timeoutMs: number
}): Promise<PostedCheckRun> {
  const repository = process.env.GITHUB_REPOSITORY ?? ''
  const [owner, repo] = repository.split('/')
  const headSha = headShaOf(context.payload, process.env.GITHUB_SHA)
  if (!owner || !repo || !headSha) {
    throw new CheckRunError('the repository or commit is unknown (GITHUB_REPOSITORY, GITHUB_SHA)')
  }
  const server = process.env.GITHUB_SERVER_URL
  const runId = process.env.GITHUB_RUN_ID
  const requests = checkRunRequests({
    name: options.name,
    headSha,
    diagnostics: options.diagnostics,
    detailsUrl: server && runId ? `${server}/${repository}/actions/runs/${runId}` : undefined
  })
  const octokit = getOctokit(options.token)
  const send = async (request: CheckRunRequest, id: number | undefined) => {
    const common = { owner, repo, request: { signal: AbortSignal.timeout(options.timeoutMs) } }
    return request.kind === 'create'
      ? (await octokit.rest.checks.create({ ...common, ...request.body })).data
      : (await octokit.rest.checks.update({ ...common, check_run_id: id ?? 0, ...request.body })).data
  }

  let id: number | undefined
  let url = ''
  let sent = 0
  for (const request of requests) {
    try {
      const data = await send(request, id)
      id = data.id
      url = data.html_url ?? url
      sent += request.body.output.annotations.length
    } catch (error) {
      if (id !== undefined)
        await closeQuietly(octokit, { owner, repo, id, sent, timeoutMs: options.timeoutMs })
      throw asCheckRunError(error)
    }
  }
  return { url, annotations: sent }
}

/** A run left in progress would show as pending on the PR forever: complete it, saying it is partial. */
async function closeQuietly(
  octokit: ReturnType<typeof getOctokit>,
  o: { owner: string; repo: string; id: number; sent: number; timeoutMs: number }
): Promise<void> {
  try {
    await octokit.rest.checks.update({
      owner: o.owner,
      repo: o.repo,
      check_run_id: o.id,
      status: 'completed',
      conclusion: 'neutral',
      output: {
        title: 'Incomplete: see the workflow run',
        summary: `Only ${o.sent} annotations could be posted; the job summary of the workflow run lists every problem.`
      },
      request: { signal: AbortSignal.timeout(o.timeoutMs) }
    })
  } catch {
    // The first failure is what the user needs to hear about.
  }
}

function asCheckRunError(error: unknown): CheckRunError {
  const status = (error as { status?: unknown }).status
  return new CheckRunError(errorMessage(error), typeof status === 'number' ? status : undefined)
}

/**
 * Provenance on the ModelArts side: a definition that sets no description gets one saying which repository,
 * workflow run and commit created the job, so the console answers "where did this come from?". Pure.
 */
import type { ValidDefinition } from './build.js'

/** What ModelArts allows in job_desc (v1) and metadata.description (v2). */
export const DESCRIPTION_MAX = 256
/**
 * Room the v2 create keeps for its run marker, appended after one space: the short form
 * `gha:{run_id}:{run_attempt}:{nonce}` with a run id of up to 20 digits and an attempt of up to 5.
 */
const V2_MARKER_ROOM = 1 + 'gha:'.length + 20 + 1 + 5 + 1 + 8

/** The workflow run, as the runner describes it in GITHUB_* variables. */
export interface RunOrigin {
  serverUrl: string
  repository: string
  runId: string
  runAttempt: string | undefined
  sha: string | undefined
  workflow: string | undefined
}

/** The run from the runner's variables; undefined outside a runner (no repository or run id). */
export function runOriginOf(env: Readonly<Record<string, string | undefined>>): RunOrigin | undefined {
  const repository = env.GITHUB_REPOSITORY?.trim()
  const runId = env.GITHUB_RUN_ID?.trim()
  if (!repository || !runId) return undefined
  return {
    serverUrl: (env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/+$/, ''),
    repository,
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT?.trim() || undefined,
    sha: env.GITHUB_SHA?.trim() || undefined,
    workflow: env.GITHUB_WORKFLOW?.trim() || undefined
  }
}

/**
 * `Created by GitHub Actions: {repo}, workflow {name}, commit {sha}, run {url}` within `maxLength`: when too
 * long, the workflow name goes first, then the commit is shortened to 12 digits, then the text is cut.
 */
export function originDescription(origin: RunOrigin, maxLength: number = DESCRIPTION_MAX): string {
  const attempt =
    origin.runAttempt !== undefined && origin.runAttempt !== '1' ? `/attempts/${origin.runAttempt}` : ''
  const run = `run ${origin.serverUrl}/${origin.repository}/actions/runs/${origin.runId}${attempt}`
  const say = (workflow: string | undefined, sha: string | undefined): string =>
    [
      `Created by GitHub Actions: ${origin.repository}`,
      workflow === undefined ? undefined : `workflow ${workflow}`,
      sha === undefined ? undefined : `commit ${sha}`,
      run
    ]
      .filter(part => part !== undefined)
      .join(', ')
  const candidates = [
    say(origin.workflow, origin.sha),
    say(undefined, origin.sha),
    say(undefined, origin.sha?.slice(0, 12))
  ]
  const fitting = candidates.find(text => text.length <= maxLength)
  if (fitting !== undefined) return fitting
  const last = candidates.at(-1) ?? ''
  return `${last.slice(0, maxLength - 1)}…`
}

/** The definition with the origin as its description when it has none; otherwise the same object. */
export function describeOrigin<D extends ValidDefinition>(described: D, origin: RunOrigin | undefined): D {
  if (origin === undefined) return described
  if (described.api === 'v1') {
    const definition = described.definition
    if (definition.job_desc) return described
    return { ...described, definition: { ...definition, job_desc: originDescription(origin) } }
  }
  const definition = described.definition
  if (definition.metadata.description) return described
  return {
    ...described,
    definition: {
      ...definition,
      metadata: {
        ...definition.metadata,
        description: originDescription(origin, DESCRIPTION_MAX - V2_MARKER_ROOM)
      }
    }
  }
}

/**
 * Every problem on the PR, beyond what the runner draws: the requests of a GitHub check run that carries them
 * all. Pure: the client that sends them is check-run-client.ts.
 */
import type { Diagnostic } from '../job/diagnostic.js'
import { plural } from './plural.js'

/** The runner draws at most this many error annotations, and as many warnings, per step. */
export const RUNNER_ANNOTATION_LIMIT = 10
/** The Checks API takes at most this many annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50
/** The Checks API's sizes: message 64 KB, title 255 characters, output summary 65535 characters. */
const MESSAGE_MAX = 64 * 1024
const TITLE_MAX = 255

/** One annotation as the Checks API takes it. */
export interface CheckRunAnnotation {
  path: string
  start_line: number
  end_line: number
  /** Only when start_line === end_line: the API refuses columns on multi-line annotations. */
  start_column?: number
  end_column?: number
  annotation_level: 'failure' | 'warning'
  message: string
  title: string
}

export interface CheckRunOutput {
  title: string
  summary: string
  annotations: CheckRunAnnotation[]
}

export type Conclusion = 'success' | 'failure'

/** The first request creates the check run, each later one appends a batch; the last one completes it. */
export type CheckRunRequest =
  | {
      kind: 'create'
      body: {
        name: string
        head_sha: string
        status: 'in_progress' | 'completed'
        conclusion?: Conclusion
        output: CheckRunOutput
      }
    }
  | {
      kind: 'update'
      body: { status?: 'completed'; conclusion?: Conclusion; output: CheckRunOutput }
    }

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)

/** How many error and warning annotations the runner would leave undrawn. */
export function undrawnCount(diagnostics: readonly Diagnostic[]): number {
  const errors = diagnostics.filter(d => d.severity === 'error').length
  const warnings = diagnostics.length - errors
  return Math.max(0, errors - RUNNER_ANNOTATION_LIMIT) + Math.max(0, warnings - RUNNER_ANNOTATION_LIMIT)
}

/**
 * A diagnostic as a check-run annotation; undefined for problems outside any file (inputs), which the Checks API
 * cannot place. A problem with no position (a file that cannot be read) marks the file's first line.
 */
export function checkRunAnnotationOf(d: Diagnostic): CheckRunAnnotation | undefined {
  if (d.file === undefined) return undefined
  const startLine = d.line ?? 1
  const endLine = Math.max(d.endLine ?? startLine, startLine)
  const annotation: CheckRunAnnotation = {
    path: d.file,
    start_line: startLine,
    end_line: endLine,
    annotation_level: d.severity === 'error' ? 'failure' : 'warning',
    message: clip(d.message, MESSAGE_MAX),
    title: clip(d.rule, TITLE_MAX)
  }
  if (endLine === startLine && d.line !== undefined && d.column !== undefined) {
    annotation.start_column = d.column
    annotation.end_column = Math.max(d.endColumn ?? d.column, d.column)
  }
  return annotation
}

/** Consecutive batches of at most `size`, in order. */
export function batches<T>(items: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size ${size}`)
  const out: T[][] = []
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size))
  return out
}

/**
 * Named after the job and the step (GITHUB_JOB, GITHUB_ACTION), so several validating jobs, or steps in one job,
 * each get their own check run. A step's id counts when the user set it: the runner's own start with `__`.
 */
export function checkRunName(job: string | undefined, step: string | undefined): string {
  const stepId = step && !step.startsWith('__') ? step : undefined
  const parts = [job, stepId].filter(Boolean)
  return parts.length > 0 ? `ModelArts job files (${parts.join(' / ')})` : 'ModelArts job files'
}

/** The one-line conclusion: the check run's title. */
export function conclusionLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter(d => d.severity === 'error').length
  const warnings = diagnostics.length - errors
  const files = new Set(diagnostics.map(d => d.file ?? '')).size
  return `${plural(errors, 'error')} and ${plural(warnings, 'warning')} in ${plural(files, 'job file')}`
}

/**
 * The commit to attach the check run to: on a pull request the head of the branch (GITHUB_SHA is then a merge
 * commit the PR does not show), else GITHUB_SHA.
 */
export function headShaOf(payload: unknown, sha: string | undefined): string | undefined {
  const head = (payload as { pull_request?: { head?: { sha?: unknown } } } | undefined)?.pull_request?.head
    ?.sha
  if (typeof head === 'string' && head !== '') return head
  return sha || undefined
}

/**
 * The requests that put every file problem on a check run: one create, then updates of at most 50 annotations
 * each (the API appends them); the last request completes the run with its conclusion.
 */
export function checkRunRequests(options: {
  name: string
  headSha: string
  diagnostics: readonly Diagnostic[]
  /** Where to read more, e.g. the workflow run. */
  detailsUrl?: string
}): CheckRunRequest[] {
  const annotations = options.diagnostics.flatMap(d => checkRunAnnotationOf(d) ?? [])
  const title = conclusionLine(options.diagnostics)
  const conclusion: Conclusion = options.diagnostics.some(d => d.severity === 'error') ? 'failure' : 'success'
  const summary =
    `${title}. GitHub draws ${RUNNER_ANNOTATION_LIMIT} errors and ${RUNNER_ANNOTATION_LIMIT} warnings per step; ` +
    `this check run carries all ${annotations.length}` +
    (options.detailsUrl
      ? `, and [the workflow run](${options.detailsUrl}) lists them in its job summary.`
      : '.')
  const chunks = batches(annotations)
  if (chunks.length === 0) chunks.push([])
  return chunks.map((chunk, index): CheckRunRequest => {
    const output = { title, summary, annotations: chunk }
    const last = index === chunks.length - 1
    const done = last ? { status: 'completed' as const, conclusion } : {}
    if (index === 0) {
      return {
        kind: 'create',
        body: { name: options.name, head_sha: options.headSha, status: 'in_progress', ...done, output }
      }
    }
    return { kind: 'update', body: { ...done, output } }
  })
}

/** Why the problems stayed on workflow-command annotations, as the end of a sentence. */
export function fallbackReason(failure: { noToken: true } | { status?: number; message: string }): string {
  if ('noToken' in failure) return 'no `github_token` was given to post them through a check run'
  if (failure.status === 403 || failure.status === 404) {
    return (
      'the token may not create check runs (give the job `permissions: checks: write`; ' +
      'pull requests from forks get a read-only token)'
    )
  }
  const status = failure.status === undefined ? '' : `HTTP ${failure.status}: `
  return `posting them through a check run failed (${status}${failure.message.replace(/\s+/g, ' ').trim()})`
}

/** The one note, for the log and the job summary, when not every problem is drawn on the PR. */
export function undrawnNote(options: {
  undrawn: number
  total: number
  reason: string
  /** How many problems the job summary's table lists. */
  summaryRows: number
  /** Title of the log group that lists every problem. */
  logGroup: string
}): string {
  const where =
    options.summaryRows >= options.total
      ? `the job summary lists all of them (Problems table), and so does the log group "${options.logGroup}"`
      : `the job summary lists the first ${options.summaryRows} (Problems table), the log group "${options.logGroup}" all of them`
  return (
    `${plural(options.undrawn, 'problem')} of ${options.total} ${options.undrawn === 1 ? 'is' : 'are'} not drawn on the PR: ` +
    `GitHub draws ${RUNNER_ANNOTATION_LIMIT} errors and ${RUNNER_ANNOTATION_LIMIT} warnings per step, and ` +
    `${options.reason}; ${where}.`
  )
}

/** The line for the log and the job summary once the check run carries every file problem. */
export function postedNote(count: number, name: string, url: string, markdown: boolean): string {
  const where = markdown ? `[${name}](${url})` : `"${name}": ${url}`
  return (
    `All ${plural(count, 'problem')} in job files are annotated on the check run ${where} ` +
    `(GitHub draws ${RUNNER_ANNOTATION_LIMIT} errors and ${RUNNER_ANNOTATION_LIMIT} warnings per step).`
  )
}

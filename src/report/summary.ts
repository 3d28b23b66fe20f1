/** The job summary as Markdown: pure functions of the steps' results; report/outputs.ts writes it, once per run. */
import type { Diagnostic } from '../job/diagnostic.js'
import type { JobDefinition } from '../job/index.js'
import { statusLabel, type JobStatus } from '../modelarts/api.js'
import type { TimelineEntry } from '../modelarts/wait.js'
import { formatDuration } from '../util/duration.js'
import { locationOf } from './annotations.js'
import { plural } from './plural.js'

/** Table cells must not break the table. */
const cell = (value: unknown): string =>
  String(value ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ')
const code = (value: unknown): string => (value === undefined || value === '' ? '' : `\`${cell(value)}\``)
const table = (head: string[], rows: string[][]): string =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.join(' | ')} |`)
  ].join('\n')

/** Everything the job summary shows, built once from the results of the steps. */
export interface JobReport {
  definition: JobDefinition
  kind: 'job' | 'version'
  jobId: string
  versionId: string | undefined
  versionName: string
  previousVersionId?: string
  status: JobStatus
  jobUrl?: string
  region?: string
  endpoint: string
  /** With wait. */
  outcome?: 'terminal' | 'timeout' | 'cancelled'
  durationMs?: number
  waitedMs?: number
  timeline?: TimelineEntry[]
  stopped?: boolean
  /** Which workflow run made it, when known. */
  provenance?: string
}

export function jobSummary(r: JobReport): string {
  const config = r.definition.config
  const what =
    r.kind === 'job'
      ? `Created training job **${cell(r.definition.job_name)}** (version ${r.versionName}).`
      : `Created version **${r.versionName}** of training job **${cell(r.definition.job_name)}** ` +
        `(after version ${r.previousVersionId ?? '?'}).`
  const rows: string[][] = [
    ['Job', `${code(r.definition.job_name)} (id ${code(r.jobId)})`],
    ['Version', `${code(r.versionName)} (id ${code(r.versionId)})`],
    ['Status', cell(statusLabel(r.status))]
  ]
  if (r.durationMs !== undefined) rows.push(['Run time', formatDuration(r.durationMs)])
  if (r.definition.job_desc) rows.push(['Description', cell(r.definition.job_desc)])
  rows.push(['Where', r.region ? `${code(r.region)}, ${code(r.endpoint)}` : code(r.endpoint)])
  if (r.definition.workspace_id !== undefined) rows.push(['Workspace', code(r.definition.workspace_id)])

  const resources: string[] = [plural(config.worker_server_num, 'worker')]
  if (config.spec_id !== undefined) resources.push(`public pool, spec ${code(config.spec_id)}`)
  if (config.pool_id !== undefined) resources.push(`dedicated pool ${code(config.pool_id)}`)
  rows.push(['Resources', resources.join(', ')])

  const code_: string[] = []
  if (config.model_id !== undefined) code_.push(`built-in algorithm ${code(config.model_id)}`)
  if (config.boot_file_url !== undefined)
    code_.push(`${code(config.boot_file_url)} in ${code(config.app_url)}`)
  if (config.engine_id !== undefined) code_.push(`engine ${code(config.engine_id)}`)
  if (config.user_image_url !== undefined) code_.push(`image ${code(config.user_image_url)}`)
  if (code_.length > 0) rows.push(['Code', code_.join(', ')])

  const data: string[] = []
  if (config.data_url !== undefined) data.push(code(config.data_url))
  if (config.dataset_id !== undefined)
    data.push(`dataset ${code(config.dataset_id)} / ${code(config.dataset_version_id)}`)
  if (config.data_source !== undefined) data.push(plural(config.data_source.length, 'data source'))
  if (data.length > 0) rows.push(['Data', data.join(', ')])
  if (config.train_url !== undefined) rows.push(['Output', code(config.train_url)])
  if (config.log_url !== undefined) rows.push(['Logs', code(config.log_url)])
  if (config.parameter !== undefined && config.parameter.length > 0) {
    rows.push(['Parameters', config.parameter.map(p => code(`${p.label}=${p.value}`)).join(' ')])
  }

  const parts = [`## ModelArts training job`, what, table(['', ''], rows)]
  if (r.jobUrl) parts.push(`[Open the training jobs in the ModelArts console](${r.jobUrl})`)
  if (r.outcome === 'timeout') {
    parts.push(
      `> [!WARNING]\n> Stopped waiting after ${formatDuration(r.waitedMs ?? 0)}; the job was ` +
        (r.stopped ? 'stopped.' : 'left running.')
    )
  }
  if (r.outcome === 'cancelled') {
    parts.push(
      `> [!WARNING]\n> The workflow was cancelled; the job was ${r.stopped ? 'stopped' : 'left running'}.`
    )
  }
  if (r.provenance) parts.push(r.provenance)
  if (r.timeline && r.timeline.length > 0) {
    parts.push(
      '### Timeline',
      table(
        ['after', 'status'],
        r.timeline.map(t => [
          formatDuration(t.atMs),
          t.status.code === undefined ? code(t.status.name) : `${code(t.status.name)} (${t.status.code})`
        ])
      )
    )
  }
  return parts.join('\n\n') + '\n'
}

/** When the create itself failed: what was asked for and why nothing came of it. */
export function notCreatedSummary(definition: JobDefinition, endpoint: string, reason: string): string {
  return (
    [
      '## ModelArts training job',
      `Training job **${cell(definition.job_name)}** was not created at ${code(endpoint)}.`,
      `> [!CAUTION]\n> ${cell(reason)}`
    ].join('\n\n') + '\n'
  )
}

export interface FileResult {
  file: string
  errors: number
  warnings: number
}

/** A remark under the headline: a `job_file` pattern that matched nothing, where the undrawn problems are. */
export interface SummaryNote {
  level: 'note' | 'warning' | 'caution'
  /** Markdown, one paragraph. */
  text: string
}

const alert = (note: SummaryNote): string =>
  `> [!${note.level.toUpperCase()}]\n> ${note.text.replace(/\r?\n/g, ' ')}`

/** blobUrl: `{server}/{owner}/{repo}/blob/{sha}`, so each problem links to its line. */
export function validationSummary(
  files: FileResult[],
  diagnostics: Diagnostic[],
  blobUrl?: string,
  notes: readonly SummaryNote[] = []
): string {
  const invalid = files.filter(f => f.errors > 0).length
  const problems = diagnostics.filter(d => d.severity === 'error').length
  const headline =
    invalid === 0
      ? `${files.length === 1 ? 'The job file is' : `All ${files.length} job files are`} valid.`
      : `${invalid} of ${plural(files.length, 'job file')} ${invalid === 1 ? 'has' : 'have'} problems (${plural(problems, 'error')}).`
  const link = (d: Diagnostic): string => {
    const where = locationOf(d)
    if (!blobUrl || d.file === undefined) return code(where)
    return `[${cell(where)}](${blobUrl}/${encodeURI(d.file)}#L${d.line ?? 1})`
  }
  const parts = [
    '## ModelArts job file validation',
    headline,
    ...notes.map(alert),
    table(
      ['file', 'result'],
      files.map(f => [
        code(f.file),
        f.errors === 0
          ? f.warnings === 0
            ? 'valid'
            : `valid, ${plural(f.warnings, 'warning')}`
          : plural(f.errors, 'problem') + (f.warnings > 0 ? `, ${plural(f.warnings, 'warning')}` : '')
      ])
    )
  ]
  if (diagnostics.length > 0) {
    parts.push(
      '### Problems',
      table(
        ['where', 'severity', 'rule', 'problem'],
        diagnostics.map(d => [link(d), d.severity, cell(d.rule), cell(d.message)])
      )
    )
  }
  return parts.join('\n\n') + '\n'
}

/** When `job_file` matches no file at all: the one line, and nothing else to show. */
export function noJobFileSummary(message: string): string {
  return ['## ModelArts job file validation', alert({ level: 'caution', text: message })].join('\n\n') + '\n'
}

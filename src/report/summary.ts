/** The job summary as Markdown: pure functions of the steps' results; report/outputs.ts writes it, once per run. */
import type { Diagnostic } from '../job/diagnostic.js'
import {
  definitionName,
  type JobDefinition,
  type ValidDefinition,
  type V2JobDefinition
} from '../job/index.js'
import { statusLabel, type JobStatus } from '../modelarts/api.js'
import type { TimelineEntry } from '../modelarts/wait.js'
import { formatDuration } from '../util/duration.js'
import { locationOf } from './annotations.js'
import { plural } from './plural.js'

/** One line, as GitHub reads lines: they end at `\n`, `\r\n` and a bare `\r`. */
const oneLine = (value: unknown): string => String(value ?? '').replace(/\r\n|\r|\n/g, ' ')
/** Text inside a code span in a table cell: no column breaks, one line (backslash escapes show as typed there). */
const cell = (value: unknown): string => oneLine(value).replace(/\|/g, '\\|')
/**
 * Text the action did not write (names, paths, service messages) shown as it is, one line: no emphasis, link,
 * image, heading, HTML or column break (`__fixtures__` must not turn bold, `<img>` must not load).
 */
export const escapeMarkdown = (value: unknown): string => oneLine(value).replace(/[\\`*_[\]<>|~#!&]/g, '\\$&')
/** A code span that holds any one-line text: its fence is longer than any run of backticks inside. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = longest > 0 ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}
/** A table cell's code span; '' for nothing. */
const code = (value: unknown): string => (value === undefined || value === '' ? '' : codeSpan(cell(value)))
const table = (head: string[], rows: string[][]): string =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.join(' | ')} |`)
  ].join('\n')
/** A key/value table: its first pair is the header, so no row is left empty. */
const facts = (rows: string[][]): string => table(rows[0] ?? ['', ''], rows.slice(1))

/** Everything the job summary shows, built once from the results of the steps. */
export interface JobReport {
  definition: ValidDefinition
  /** The name the run has (v2 series: `{name}-V0002`). */
  jobName: string
  kind: 'job' | 'version'
  jobId: string
  versionId: string | undefined
  versionName: string
  previousVersionId?: string
  /** The name of that run (`V0001`): what users know it by. */
  previousVersionName?: string
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
  const asked = definitionName(r.definition)
  const name = r.jobName || asked
  const shown = escapeMarkdown(name)
  // Version names and ids come from the service's answers: text, never Markdown.
  const previous = escapeMarkdown(
    r.previousVersionName ??
      (r.previousVersionId ? `the version with id ${r.previousVersionId}` : 'the latest version')
  )
  const version = escapeMarkdown(r.versionName)
  const what =
    r.kind === 'version'
      ? `Created version **${version}** of training job **${shown}** (after ${previous}).`
      : r.versionId === undefined
        ? `Created training job **${shown}**${version ? ` (${version} of the series ${code(asked)})` : ''}.`
        : `Created training job **${shown}** (version ${version}).`
  const stopRequested = r.stopped === true && (r.outcome === 'timeout' || r.outcome === 'cancelled')
  const rows: string[][] = [['Job', `${code(name)} (id ${code(r.jobId)})`]]
  if (r.versionId !== undefined) rows.push(['Version', `${code(r.versionName)} (id ${code(r.versionId)})`])
  else if (r.versionName) rows.push(['Series', `${code(r.versionName)} of ${code(asked)}`])
  rows.push([
    'Status',
    // The last status read predates the stop: saying `running` would be wrong.
    stopRequested && !r.status.terminal
      ? `stopping: stop requested (last status read ${escapeMarkdown(statusLabel(r.status))})`
      : escapeMarkdown(statusLabel(r.status))
  ])
  if (r.durationMs !== undefined) {
    rows.push([
      'Run time',
      `${formatDuration(r.durationMs)}, as ModelArts counts it (the \`duration\` output); the timeline below is what this step observed`
    ])
  }
  rows.push(...definitionRows(r.definition, whereRow(r)))
  const parts = [`## ModelArts training job`, what, facts(rows)]
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
  const timeline = (r.timeline ?? []).map(t => [
    formatDuration(t.atMs),
    t.status.code === undefined ? code(t.status.name) : `${code(t.status.name)} (${t.status.code})`
  ])
  if (stopRequested) {
    const why = r.outcome === 'timeout' ? 'wait timed out' : 'workflow cancelled'
    timeline.push([formatDuration(r.waitedMs ?? 0), `stop requested (${why})`])
  }
  if (timeline.length > 0) {
    parts.push(
      '### Timeline',
      "As this step saw it: time since it began waiting, queueing included (the run time above is the service's own count).",
      table(['after', 'status'], timeline)
    )
  }
  return parts.join('\n\n') + '\n'
}

/** Where it runs, as both APIs say it. */
const whereRow = (r: { region?: string; endpoint: string }): string[] => [
  'Where',
  r.region ? `${code(r.region)}, ${code(r.endpoint)}` : code(r.endpoint)
]

/** What the definition asks for, after its description and `where`. */
const definitionRows = (definition: ValidDefinition, where: string[]): string[][] =>
  definition.api === 'v1' ? v1Rows(definition.definition, where) : v2Rows(definition.definition, where)

function v1Rows(d: JobDefinition, where: string[]): string[][] {
  const rows: string[][] = []
  const config = d.config
  if (d.job_desc) rows.push(['Description', escapeMarkdown(d.job_desc)])
  rows.push(where)
  if (d.workspace_id !== undefined) rows.push(['Workspace', code(d.workspace_id)])

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

  return rows
}

type Channel = {
  name: string
  remote: { obs?: { obs_url: string }; dataset?: { id: string; version_id?: string } }
}
const channel = (item: Channel): string => {
  const { obs, dataset } = item.remote
  const where = obs
    ? code(obs.obs_url)
    : dataset
      ? `dataset ${code(dataset.id)}${dataset.version_id ? ` / ${code(dataset.version_id)}` : ''}`
      : ''
  return `${code(item.name)} ${where}`.trim()
}

function v2Rows(d: V2JobDefinition, where: string[]): string[][] {
  const rows: string[][] = []
  const { metadata, algorithm, spec } = d
  if (metadata.description) rows.push(['Description', escapeMarkdown(metadata.description)])
  rows.push(where)
  if (metadata.workspace_id !== undefined) rows.push(['Workspace', code(metadata.workspace_id)])

  const { resource } = spec
  const resources: string[] = [plural(resource.node_count, 'node')]
  if (resource.flavor_id !== undefined) resources.push(`flavor ${code(resource.flavor_id)}`)
  if (resource.pool_id !== undefined) resources.push(`dedicated pool ${code(resource.pool_id)}`)
  rows.push(['Resources', resources.join(', ')])

  const how: string[] = []
  if (algorithm.id !== undefined) how.push(`algorithm ${code(algorithm.id)}`)
  if (algorithm.subscription_id !== undefined) how.push(`subscription ${code(algorithm.subscription_id)}`)
  if (algorithm.boot_file !== undefined)
    how.push(`${code(algorithm.boot_file)} in ${code(algorithm.code_dir)}`)
  else if (algorithm.code_dir !== undefined) how.push(`code in ${code(algorithm.code_dir)}`)
  if (algorithm.command !== undefined) how.push(`command ${code(algorithm.command)}`)
  const engine = algorithm.engine
  const engineName = [engine?.engine_name, engine?.engine_version].filter(Boolean).join(' ')
  if (engineName) how.push(`engine ${code(engineName)}`)
  else if (engine?.engine_id !== undefined) how.push(`engine ${code(engine.engine_id)}`)
  if (engine?.image_url !== undefined) how.push(`image ${code(engine.image_url)}`)
  if (how.length > 0) rows.push(['Algorithm', how.join(', ')])

  if (algorithm.inputs?.length) rows.push(['Inputs', algorithm.inputs.map(channel).join(', ')])
  if (algorithm.outputs?.length) rows.push(['Outputs', algorithm.outputs.map(channel).join(', ')])
  if (algorithm.parameters?.length) {
    rows.push(['Parameters', algorithm.parameters.map(p => code(`${p.name}=${p.value ?? ''}`)).join(' ')])
  }
  return rows
}

/** When the create itself failed: what was asked for, by which run, and why nothing came of it. */
export function notCreatedSummary(
  definition: ValidDefinition,
  endpoint: string,
  reason: string,
  provenance?: string
): string {
  const name = definitionName(definition)
  const parts = [
    '## ModelArts training job',
    `Training job **${escapeMarkdown(name)}** was not created at ${code(endpoint)}.`,
    `> [!CAUTION]\n> ${escapeMarkdown(reason)}`
  ]
  if (provenance) parts.push(provenance)
  parts.push(
    '### Requested',
    facts([['Job', code(name)], ...definitionRows(definition, whereRow({ endpoint }))])
  )
  return parts.join('\n\n') + '\n'
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

const alert = (note: SummaryNote): string => `> [!${note.level.toUpperCase()}]\n> ${oneLine(note.text)}`

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
    // encodeURI leaves ( and ), which would end the link early.
    const target = encodeURI(d.file).replace(/[()]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    return `[${escapeMarkdown(where)}](${blobUrl}/${target}#L${d.line ?? 1})`
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
        diagnostics.map(d => [link(d), d.severity, escapeMarkdown(d.rule), escapeMarkdown(d.message)])
      )
    )
  }
  return parts.join('\n\n') + '\n'
}

/** When `job_file` matches no file at all: the one line, and nothing else to show. */
export function noJobFileSummary(message: string): string {
  return ['## ModelArts job file validation', alert({ level: 'caution', text: message })].join('\n\n') + '\n'
}

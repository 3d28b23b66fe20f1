/**
 * Why a job did not complete, in the service's words, and the last lines of each task's log.
 * v2: `status.task_statuses` (exit code, message), `running_records[].end_reason` and the latest Error events.
 * v1 documents no error fields: the status and its meaning, then the log tail.
 * Reading is best effort: a read that fails leaves its part out and is named in `unread`, never thrown.
 */
import type { TrainingJobsV1 } from './v1.js'
import type { JobStatus } from './api.js'
import type { JobInsightV2, V2Event } from './v2-insight.js'
import type { TrainingJobsV2, V2Job } from './v2.js'
import { isRecord, numberOf, textOf } from '../util/values.js'

/** How the follow step's wait ended. */
export type JobEnd =
  | { outcome: 'terminal'; status: JobStatus }
  /** `limit` as the user wrote it (e.g. `2h`); `stopped` when the action stopped the job then. */
  | { outcome: 'timeout'; status: JobStatus | undefined; limit: string; stopped: boolean }
  | { outcome: 'cancelled'; status: JobStatus | undefined; stopped: boolean }

export interface TaskFailure {
  task: string
  exitCode?: number
  message: string
}

export interface LogTail {
  /** Task id (v2) or log file name (v1). */
  task: string
  lines: string[]
}

export interface PostMortem {
  /** The `failure_reason` output: one line; '' when the job completed. */
  reason: string
  /** Tasks that ended with a non-zero exit code or a message (v2). */
  tasks: TaskFailure[]
  /** `running_records[].end_reason`, oldest first, repeats dropped (v2). */
  endReasons: string[]
  /** The latest Error events, newest first (v2). */
  events: V2Event[]
  logTails: LogTail[]
  /** Reads that failed, e.g. `events`, `log of worker-1`: said once in the summary. */
  unread: string[]
}

const TAIL_LINES = 30
const ERROR_EVENTS_SHOWN = 5
/** A failure_reason longer than this is cut: it is one line for an output and an annotation. */
const REASON_MAX = 500

export interface PostMortemOptions {
  /** Last lines per task; default 30. */
  tailLines?: number
  /**
   * Masks the action's secrets in service text. It must run before anything is cut: the runner masks a whole
   * secret, never a piece of one, and a training job can print what it was given.
   */
  redact?: (text: string) => string
}

/** The words with every secret masked, before `failureReason` cuts them to one line. */
function masked(words: Words, redact: ((text: string) => string) | undefined): Words {
  if (!redact) return words
  return {
    tasks: words.tasks.map(task => ({ ...task, message: redact(task.message) })),
    endReasons: words.endReasons.map(redact),
    events: words.events.map(event => ({ ...event, message: redact(event.message) })),
    logTails: words.logTails.map(tail => ({ ...tail, lines: tail.lines.map(redact) }))
  }
}

const EMPTY: PostMortem = { reason: '', tasks: [], endReasons: [], events: [], logTails: [], unread: [] }

/** One line: service text may hold line breaks and runs of spaces. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim()

/** Whether the job completed: then there is nothing to explain. */
export function completed(end: JobEnd): boolean {
  return end.outcome === 'terminal' && end.status.phase === 'succeeded'
}

/** `task_statuses` entries that say something went wrong: a non-zero exit code or a message. */
export function taskFailures(raw: Readonly<Record<string, unknown>>): TaskFailure[] {
  const status = isRecord(raw.status) ? raw.status : {}
  const entries = Array.isArray(status.task_statuses) ? status.task_statuses.filter(isRecord) : []
  return entries.flatMap(entry => {
    const exitCode = numberOf(entry.exit_code)
    const message = oneLine(textOf(entry.message))
    if ((exitCode === undefined || exitCode === 0) && message === '') return []
    const failure: TaskFailure = { task: textOf(entry.task), message }
    if (exitCode !== undefined) failure.exitCode = exitCode
    return [failure]
  })
}

/** `running_records[].end_reason`, oldest first, each once. */
export function endReasons(raw: Readonly<Record<string, unknown>>): string[] {
  const status = isRecord(raw.status) ? raw.status : {}
  const records = Array.isArray(status.running_records) ? status.running_records.filter(isRecord) : []
  const reasons = records.map(record => oneLine(textOf(record.end_reason))).filter(reason => reason !== '')
  return [...new Set(reasons)]
}

/** The last `count` lines of a log text, a trailing line break ignored. */
export function lastLines(text: string, count: number): string[] {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/)
  if (lines.length === 1 && lines[0] === '') return []
  return lines.slice(-count)
}

/** What happened, first: "failed", "stopped at the timeout (2h)", ... */
function headline(end: JobEnd): string {
  const status = end.status
  // `abnormal (abnormal)` says nothing twice: a description equal to the name is left out.
  const described =
    status?.description && status.description.toLowerCase() !== status.name.toLowerCase()
      ? ` (${status.description})`
      : ''
  const named = status ? `${status.name}${described}` : ''
  switch (end.outcome) {
    case 'terminal':
      return `Training job ${named}`
    case 'timeout':
      return end.stopped
        ? `Stopped at the timeout (${end.limit})${status ? `, while ${status.name}` : ''}`
        : `Still ${status?.name ?? 'going'} at the timeout (${end.limit}); not waited for further`
    case 'cancelled':
      return end.stopped
        ? `Stopped because the workflow was cancelled${status ? `, while ${status.name}` : ''}`
        : `The workflow was cancelled${status ? ` while the job was ${status.name}` : ''}`
  }
}

type Words = Pick<PostMortem, 'tasks' | 'endReasons' | 'events' | 'logTails'>

/**
 * The one-line reason: what happened, then the service's own words: the first failed task, else the last
 * end reason, else the latest Error event, else (v1) the last log line.
 */
export function failureReason(end: JobEnd, words: Words): string {
  if (completed(end)) return ''
  return cut(oneLine([headline(end), ...wordsOf(words)].join('; ')))
}

/**
 * The service's words alone, without the headline (the failure line says the status itself), as a sentence
 * of its own: the action's own lead-in ("Last log line:") capitalised, the service's text as sent; '' when none.
 */
export function serviceWords(words: Words): string {
  return cut(oneLine(wordsOf(words, 'sentence').join('; ')))
}

const cut = (reason: string): string =>
  reason.length > REASON_MAX ? `${reason.slice(0, REASON_MAX - 1)}…` : reason

/** `sentence`: the parts open a sentence, so the action's own first word is capitalised. */
function wordsOf(words: Words, start: 'clause' | 'sentence' = 'clause'): string[] {
  const own = (phrase: string): string =>
    start === 'sentence' ? phrase.charAt(0).toUpperCase() + phrase.slice(1) : phrase
  const parts: string[] = []
  const task = words.tasks.find(t => t.exitCode !== undefined && t.exitCode !== 0) ?? words.tasks[0]
  if (task) {
    const code = task.exitCode !== undefined ? ` exit code ${task.exitCode}` : ''
    parts.push(`${task.task || own('a task')}${code}${task.message ? `: ${task.message}` : ''}`)
  }
  const endReason = words.endReasons.at(-1)
  if (endReason && !parts.some(part => part.includes(endReason))) parts.push(endReason)
  const event = words.events[0]
  if (parts.length === 0 && event) parts.push(oneLine(event.message))
  if (parts.length === 0) {
    const lastLine = words.logTails
      .flatMap(tail => tail.lines)
      .filter(line => line.trim() !== '')
      .at(-1)
    if (lastLine) parts.push(`${own('last log line')}: ${oneLine(lastLine)}`)
  }
  // Joined with '; ' and ended by the caller: a part's own full stop would double up.
  return parts.map(part => part.replace(/\.+$/, ''))
}

async function settle<T>(work: Promise<T>, what: string, unread: string[]): Promise<T | undefined> {
  try {
    return await work
  } catch {
    unread.push(what)
    return undefined
  }
}

/**
 * v2: `job` is the last read of the job (its `raw` holds the status). Events and the log windows of all
 * tasks are read in parallel.
 */
export async function postMortemV2(
  reader: Pick<TrainingJobsV2, 'logPreview'> & Pick<JobInsightV2, 'events'>,
  job: V2Job,
  end: JobEnd,
  options: PostMortemOptions = {}
): Promise<PostMortem> {
  if (completed(end)) return { ...EMPTY }
  const tailLines = options.tailLines ?? TAIL_LINES
  const unread: string[] = []
  const [events, ...previews] = await Promise.all([
    settle(reader.events(job.id), 'events', unread),
    ...job.tasks.map(task => settle(reader.logPreview(job.id, task), `log of ${task}`, unread))
  ])
  const logTails = job.tasks.flatMap((task, i) => {
    const preview = previews[i]
    const lines = preview ? lastLines(preview.content, tailLines) : []
    return lines.length > 0 ? [{ task, lines }] : []
  })
  const words = masked(
    {
      tasks: taskFailures(job.raw),
      endReasons: endReasons(job.raw),
      events: (events ?? [])
        .filter(event => event.level.toLowerCase() === 'error')
        .slice(0, ERROR_EVENTS_SHOWN),
      logTails
    },
    options.redact
  )
  return { reason: failureReason(end, words), ...words, unread }
}

/** v1: the status and the last lines of each worker's log file (aom-log's newest page). */
export async function postMortemV1(
  api: Pick<TrainingJobsV1, 'logFileNames' | 'logLines'>,
  jobId: string,
  versionId: string,
  end: JobEnd,
  options: PostMortemOptions = {}
): Promise<PostMortem> {
  if (completed(end)) return { ...EMPTY }
  const tailLines = options.tailLines ?? TAIL_LINES
  const unread: string[] = []
  const files = (await settle(api.logFileNames(jobId, versionId), 'log file names', unread)) ?? []
  const chunks = await Promise.all(
    files.map(file => settle(api.logLines(jobId, versionId, file, undefined), `log ${file}`, unread))
  )
  const logTails = files.flatMap((file, i) => {
    const lines = (chunks[i]?.lines ?? []).slice(-tailLines)
    return lines.length > 0 ? [{ task: file, lines }] : []
  })
  const words = masked({ tasks: [], endReasons: [], events: [], logTails }, options.redact)
  return { reason: failureReason(end, words), ...words, unread }
}

/**
 * Streams v2 training logs. The service offers only a preview window per task (the newest part of the log,
 * at most about 5 MB, with the whole log's size) and no offsets: each poll re-reads the window and prints
 * only the bytes past what was printed before. Per task only a byte offset is kept, never the log.
 */
import type { LogReader } from './api.js'
import type { TrainingJobsV2, V2LogPreview } from './v2.js'

export interface WindowCursor {
  /** Byte offset in the task's whole log up to which everything was printed (or skipped). */
  printed: number
  /** The window has moved past unprinted lines once already (said once, not again). */
  gapReported: boolean
}

export const startCursor = (): WindowCursor => ({ printed: 0, gapReported: false })

export interface WindowRead {
  /** New whole lines, oldest first, without line ends. */
  lines: string[]
  cursor: WindowCursor
  /** Bytes the window had moved past before they were printed; only the first time it happens. */
  skippedBytes?: number
  /** The log became shorter than what was printed (a new log, e.g. after a restart): read from its start. */
  restarted?: boolean
}

const NEWLINE = 0x0a

/**
 * What a window adds to a task's log. Only whole lines are printed: a partial last line stays unprinted
 * (and is read again next time) until it completes, or until `final`, the read after the job ended.
 */
export function readWindow(cursor: WindowCursor, preview: V2LogPreview, final: boolean): WindowRead {
  const bytes = Buffer.from(preview.content, 'utf8')
  const size = bytes.length
  // The window is the newest part of the log: it ends where the log ends.
  const end = preview.fullSize !== undefined && preview.fullSize >= size ? preview.fullSize : size
  const start = end - size
  let printed = cursor.printed
  let gapReported = cursor.gapReported
  const read: WindowRead = { lines: [], cursor: { printed, gapReported } }
  if (end < printed) {
    read.restarted = true
    printed = 0
  }

  let offset: number
  if (printed < start) {
    // The window begins past unprinted bytes, maybe inside a line whose beginning is lost: skip to its end.
    const firstEnd = bytes.indexOf(NEWLINE)
    offset = firstEnd < 0 ? size : firstEnd + 1
    if (!gapReported) {
      read.skippedBytes = start - printed + offset
      gapReported = true
    }
  } else {
    offset = printed - start
  }

  const rest = bytes.subarray(offset)
  const lastEnd = rest.lastIndexOf(NEWLINE)
  const complete = lastEnd < 0 ? 0 : lastEnd + 1
  if (complete > 0) read.lines = splitLines(rest.subarray(0, complete).toString('utf8'))
  let consumed = complete
  if (final && rest.length > complete) {
    read.lines.push(stripCr(rest.subarray(complete).toString('utf8')))
    consumed = rest.length
  }
  read.cursor = { printed: start + offset + consumed, gapReported }
  return read
}

const stripCr = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line)

/** Lines of text that ends with a newline. */
function splitLines(text: string): string[] {
  const lines = text.split('\n')
  lines.pop()
  return lines.map(stripCr)
}

/**
 * v2: the tasks come from each status read (`RunDetail.tasks`, kept when a read fails or names none);
 * each line once, in order, per task, prefixed by the task when there are several. Several is known from the
 * task count (node_count) as soon as a status read gives it, so a first task's lines are prefixed too when
 * they are read before the others appear in the status; once several, always several.
 */
export function v2LogReader(api: Pick<TrainingJobsV2, 'logPreview'>, jobId: string): LogReader {
  const tasks: string[] = []
  const cursors = new Map<string, WindowCursor>()
  let several = false
  return {
    async read(line, untilAborted, final, poll) {
      for (const task of poll.run?.tasks ?? []) {
        if (cursors.has(task)) continue
        cursors.set(task, startCursor())
        tasks.push(task)
      }
      several ||= tasks.length > 1 || (poll.run?.taskCount ?? 0) > 1
      for (const task of tasks) {
        const preview = await untilAborted(api.logPreview(jobId, task))
        if (!preview) continue
        const read = readWindow(cursors.get(task) ?? startCursor(), preview, final)
        cursors.set(task, read.cursor)
        if (read.restarted)
          poll.notice(`The log of ${task} started over; following it from its new beginning.`)
        if (read.skippedBytes !== undefined) {
          poll.notice(
            `The log preview of ${task} had moved past ${read.skippedBytes} bytes that were not printed: ` +
              'ModelArts shows only the newest part of a log (spec.log_export_path keeps it whole on OBS).'
          )
        }
        for (const text of read.lines) line(text, several ? task : undefined)
      }
    }
  }
}

/** v1 log reading: one log file per worker, each read page by page after a cursor the service hands back. */
import type { LogReader } from './api.js'
import type { TrainingJobsV1 } from './v1.js'

const refreshLogFilesEveryReads = 10
const logPagesPerRead = 20
const logPagesFinalRead = 200

/** Prints each line once, in order, keeping only a cursor per file (never the log itself). */
export function v1LogReader(api: TrainingJobsV1, jobId: string, versionId: string): LogReader {
  const files: string[] = []
  const cursors = new Map<string, string | undefined>()
  let readsSinceRefresh = 0

  const addFiles = (names: string[]): void => {
    for (const name of names) {
      if (cursors.has(name)) continue
      cursors.set(name, undefined)
      files.push(name)
    }
  }

  return {
    async read(line, untilAborted, final) {
      if (final || files.length === 0 || readsSinceRefresh >= refreshLogFilesEveryReads) {
        addFiles(await untilAborted(api.logFileNames(jobId, versionId)))
        readsSinceRefresh = 0
      }
      readsSinceRefresh++
      const workers = workerNames(files)
      const maxPages = final ? logPagesFinalRead : logPagesPerRead
      for (const file of files) {
        for (let page = 0; page < maxPages; page++) {
          const before = cursors.get(file)
          const chunk = await untilAborted(api.logLines(jobId, versionId, file, before))
          const after = chunk.cursor ?? before
          // Lines without a moved cursor would come back again next time: print nothing rather than twice.
          if (chunk.lines.length === 0 || after === before) break
          cursors.set(file, after)
          for (const text of chunk.lines) line(text, workers.get(file))
        }
      }
    }
  }
}

/** Worker names for the log prefix: only when there are several files, and only if they stay distinct. */
function workerNames(files: string[]): Map<string, string | undefined> {
  const names = new Map<string, string | undefined>()
  if (files.length < 2) {
    for (const file of files) names.set(file, undefined)
    return names
  }
  // Strip a word extension such as `.log`, but keep numeric suffixes like `job.0` that tell workers apart.
  const short = files.map(file => (file.split('/').pop() ?? file).replace(/\.[A-Za-z]+$/, ''))
  const distinct = new Set(short).size === files.length && short.every(name => name !== '')
  files.forEach((file, index) => names.set(file, distinct ? short[index] : file))
  return names
}

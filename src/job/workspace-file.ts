/**
 * Reads a file named by an input, confined to the workspace: the real path (symlinks resolved) must lie
 * inside it; only regular files are read, never blocking on a FIFO or a device; the size is capped.
 * A pull request controls the files and links in the repository, so none of that is trusted.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs'
import * as path from 'node:path'

/** A job file is a few kB; this leaves ample room and bounds memory. */
export const MAX_JOB_FILE_BYTES = 1024 * 1024

export type WorkspaceRead = { text: string } | { problem: string }

export interface ReadOptions {
  /** The input that named the file, for the message: `job_file`. */
  input: string
  /** The name to use in messages (default: `file` as given). */
  shown?: string
  maxBytes?: number
}

const mib = (bytes: number): string => `${Math.floor((bytes / 1024 / 1024) * 100) / 100} MiB`

/** Whether `inner` is `root` or lies below it (both absolute and real). */
export function isInside(root: string, inner: string): boolean {
  const relative = path.relative(root, inner)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/** `file` (relative to `root`, or absolute) as text, or one sentence saying why it is not read. */
export function readWorkspaceFile(root: string, file: string, options: ReadOptions): WorkspaceRead {
  const maxBytes = options.maxBytes ?? MAX_JOB_FILE_BYTES
  // Control characters (a newline in a file name) shown escaped, the rest as written.
  const shown = JSON.stringify(options.shown ?? file).slice(1, -1)
  const fix = `\`${options.input}\` must name a file inside the workspace (${root})`
  let realRoot: string
  let real: string
  try {
    realRoot = realpathSync(root)
    real = realpathSync(path.resolve(root, file))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (!isInside(path.resolve(root), path.resolve(root, file)))
      return { problem: `${shown} is outside the workspace: ${fix}.` }
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? {
          problem: `${shown} does not exist (paths are relative to the repository root, ${root}); check \`${options.input}\`.`
        }
      : { problem: `${shown} cannot be read (${code ?? 'error'}); check \`${options.input}\`.` }
  }
  if (!isInside(realRoot, real)) {
    const how = isInside(path.resolve(root), path.resolve(root, file)) ? ' through a symbolic link' : ''
    return {
      problem: `${shown} leads outside the workspace${how}: ${fix}; links out of it are not followed.`
    }
  }
  let fd: number
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: the checked path is the one opened.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW)
  } catch (error) {
    return {
      problem: `${shown} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check \`${options.input}\`.`
    }
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return { problem: `${shown} is not a regular file: ${fix}.` }
    if (stat.size > maxBytes) {
      return {
        problem: `${shown} is ${mib(stat.size)}, more than the ${mib(maxBytes)} a job file may have; check \`${options.input}\`.`
      }
    }
    // Read at most one byte more than allowed: a file that grows while read is still refused.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1)
    let length = 0
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null)
      if (read === 0) break
      length += read
      if (length === buffer.length) break
    }
    if (length > maxBytes) {
      return {
        problem: `${shown} is larger than the ${mib(maxBytes)} a job file may have; check \`${options.input}\`.`
      }
    }
    const bytes = buffer.subarray(0, length)
    if (bytes.includes(0))
      return { problem: `${shown} is a binary file, not YAML or JSON; check \`${options.input}\`.` }
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
    } catch {
      return { problem: `${shown} is not UTF-8 text; check \`${options.input}\`.` }
    }
  } finally {
    closeSync(fd)
  }
}

/**
 * The one way to print text the action did not write itself (training log lines, job file text, file names,
 * service answers). The runner reads a stdout or stderr line as a workflow command when, after leading white
 * space, it starts with `::` (command names in any case), or when it holds `##[` anywhere (the legacy form);
 * lines end at `\n`, `\r\n` and a bare `\r`. Its white space is .NET's (NEL U+0085 and more), wider than
 * JavaScript's `\s`, so no line is judged by its white space: any text holding `::` or `##[` anywhere is
 * printed between `::stop-commands::<token>` and `::<token>::` with a token nobody can guess, so it reaches
 * the log verbatim and as text only.
 */
import { randomBytes } from 'node:crypto'
import { EOL } from 'node:os'

/**
 * Stricter than the runner on purpose: `::` or `##[` anywhere, whatever precedes it, so no white space
 * subtlety (which characters the runner trims) can let a command through.
 */
const COMMAND_LIKE = /::|##\[/

/** True when some line of `text` could be read as a workflow command (or holds the marks of one). */
export function looksLikeCommand(text: string): boolean {
  return COMMAND_LIKE.test(text)
}

let token: string | undefined
/** One token per process: 128 random bits, hex (never a command name, as the runner requires). */
export function stopToken(): string {
  token ??= `untrusted-${randomBytes(16).toString('hex')}`
  return token
}

/**
 * The bytes to write for `text` (one or more lines): as they are when harmless, else wrapped so the runner
 * treats every line as text. The wrapper always closes on a line of its own, whatever `text` ends with.
 */
export function asText(text: string, tokenValue: string = stopToken()): string {
  if (!looksLikeCommand(text)) return text + EOL
  // The token in the text (it cannot be guessed, but never trust that) would end the pause early; the
  // runner compares command names in any case.
  const safe = text.replace(new RegExp(tokenValue.replace(/[^\w]/g, '\\$&'), 'gi'), '[token removed]')
  return `::stop-commands::${tokenValue}${EOL}${safe}${EOL}::${tokenValue}::${EOL}`
}

export type Write = (bytes: string) => void
// Pipes are written synchronously on Linux: the wrapper and the text leave in one write, never interleaved.
let write: Write = bytes => {
  process.stdout.write(bytes)
}

/** Tests replace the writer; returns the previous one. */
export function setWriter(next: Write): Write {
  const previous = write
  write = next
  return previous
}

/** Prints `text` (which may hold untrusted parts) as log text, never as a command. Replaces core.info. */
export function printText(text: string): void {
  write(asText(text))
}

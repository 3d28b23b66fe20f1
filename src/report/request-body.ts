/** The request body the create path sends, printed in a collapsed log group before it is sent. */
import * as core from '@actions/core'
import { printText } from './untrusted.js'

/** `text` with every secret replaced by `***`, as the runner masks them (and before it does). Pure. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  // Longest first: a secret that contains another is masked whole.
  return [...secrets]
    .filter(secret => secret !== '')
    .sort((a, b) => b.length - a.length)
    .reduce((shown, secret) => shown.split(secret).join('***'), text)
}

/**
 * One collapsed group: `title`, then the body as JSON. The body holds the job file's values, which the action
 * did not write: they go through `printText`, the one place that prints such text.
 */
export function printRequestBody(title: string, body: unknown, secrets: readonly string[]): void {
  core.startGroup(title)
  printText(maskSecrets(JSON.stringify(body, null, 2), secrets))
  core.endGroup()
}

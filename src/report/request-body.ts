/** The request body the create path sends, printed in a collapsed log group before it is sent. */
import * as core from '@actions/core'
import { redactSecrets } from '../huaweicloud/credentials.js'
import { printText } from './untrusted.js'

/**
 * One collapsed group: `title`, then the body as JSON. The body holds the job file's values, which the action
 * did not write: they go through `printText`, the one place that prints such text.
 */
export function printRequestBody(title: string, body: unknown, secrets: readonly string[]): void {
  core.startGroup(title)
  printText(redactSecrets(JSON.stringify(body, null, 2), secrets))
  core.endGroup()
}

/** Small helpers shared by the end-to-end tests. */
import type { RunResult } from '../emulator/run-action.mjs'

let seq = 0
/** A job name no other test (or earlier run against the same emulator) uses. */
export const uniqueName = (prefix: string): string => `${prefix}-${process.pid}-${++seq}`

/** The line(s) the step failed with: `::error::` commands that are not file annotations. */
export const failure = (run: RunResult): string =>
  run.commands
    .filter(c => c.command === 'error' && !c.properties.file)
    .map(c => c.message)
    .join('\n')

/** Waits for something the emulator records; polling is fine in a test, never in the product. */
export async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

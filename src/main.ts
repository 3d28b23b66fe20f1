/** The main step: inputs, then one of the two paths, each loaded only when taken. Nothing else lives here. */
import * as core from '@actions/core'
import { readSettings, InputError } from './inputs.js'
import { errorMessage } from './report/messages.js'
import { CancelledError } from './cancel.js'

export async function run(): Promise<void> {
  try {
    const settings = readSettings()
    if (settings.validateOnly) {
      const { validateJobFiles } = await import('./validate.js')
      await validateJobFiles(settings)
    } else {
      const { createTrainingJob } = await import('./create.js')
      await createTrainingJob(settings)
    }
  } catch (error) {
    // One problem is the failure line itself; several are listed first, one annotation each.
    if (error instanceof InputError && error.problems.length > 1) error.problems.forEach(p => core.error(p))
    core.setFailed(errorMessage(error))
    // A read still in flight must not hold a cancelled step until the runner kills it.
    if (error instanceof CancelledError) process.exit(1)
  }
}

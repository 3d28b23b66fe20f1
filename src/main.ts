/** The main step: inputs, then one of the two paths, each loaded only when taken. Nothing else lives here. */
import * as core from '@actions/core'
import { readSettings, InputError } from './inputs.js'
import { errorMessage } from './report/messages.js'

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
    if (error instanceof InputError) error.problems.forEach(problem => core.error(problem))
    core.setFailed(errorMessage(error))
  }
}

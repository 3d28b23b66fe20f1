/** The post step (`post-if: cancelled()`): settings → stop a run the main step left behind → one setFailed. */
import * as core from '@actions/core'
import { readSettings, type CreateSettings } from './settings.js'
import { stopLeftoverRun } from './steps/cancel.js'
import { savedJob } from './report/outputs.js'
import { printText } from './report/untrusted.js'
import { errorMessage } from './util/values.js'

export async function run(): Promise<void> {
  try {
    // Read only when there is a run to stop, and then once.
    let settings: CreateSettings | undefined
    const createSettings = (): CreateSettings => (settings ??= readCreateSettings())
    const saved = savedJob()
    await stopLeftoverRun({
      saved,
      settings: createSettings,
      connect: async () => {
        const { connect } = await import('./steps/connect.js')
        return connect(createSettings(), { api: saved.api })
      },
      // Ids from the saved state and status names from the service: printed as text.
      log: printText
    })
  } catch (error) {
    core.setFailed(`Could not stop the training job after the cancel: ${errorMessage(error)}`)
  }
}

function readCreateSettings(): CreateSettings {
  const settings = readSettings()
  // validate_only never creates a job, so a saved job comes with create settings.
  if (settings.validateOnly) throw new Error('validate_only is set: this step created no job to stop.')
  return settings
}

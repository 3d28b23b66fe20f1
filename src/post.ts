/** The post step (`post-if: cancelled()`): settings → stop a run the main step left behind → one setFailed. */
import * as core from '@actions/core'
import { readSettings, type CreateSettings } from './settings.js'
import { stopLeftoverRun } from './steps/cancel.js'
import { savedJob } from './report/outputs.js'
import { errorMessage } from './util/values.js'

export async function run(): Promise<void> {
  try {
    let settings: CreateSettings | undefined
    const createSettings = (): CreateSettings => {
      const read = readSettings()
      // validate_only never creates a job, so a saved job means these are create settings.
      if (read.validateOnly) throw new Error('validate_only is set: no job of this step to stop.')
      settings = read
      return read
    }
    await stopLeftoverRun({
      saved: savedJob(),
      settings: createSettings,
      connect: async () => {
        const { connect } = await import('./steps/connect.js')
        return connect(settings ?? createSettings())
      },
      log: message => core.info(message)
    })
  } catch (error) {
    core.setFailed(`Could not stop the training job after the cancel: ${errorMessage(error)}`)
  }
}

/**
 * Entry of the post step (`post-if: cancelled()`): stops the job version when the main step was
 * killed before it could. Does nothing when the main step handed the job over or it already ended.
 */
import * as core from '@actions/core'
import { printText } from './report/untrusted.js'
import { readSettings } from './inputs.js'
import { connect } from './service.js'
import { jobStatus } from './modelarts/status.js'
import { errorMessage } from './report/messages.js'
import { STATE } from './report/outputs.js'

export async function runPost(): Promise<void> {
  try {
    const jobId = core.getState(STATE.jobId)
    const versionId = core.getState(STATE.versionId)
    const finished = core.getState(STATE.finished)
    if (!jobId || !versionId) {
      printText('No training job was created by this step: nothing to stop.')
      return
    }
    if (finished) {
      printText(`Job ${jobId} version ${versionId} was already handled by the main step (${finished}).`)
      return
    }
    const settings = readSettings()
    if (!settings.stopOnCancel) {
      printText(`stop_on_cancel is false: job ${jobId} version ${versionId} is left running.`)
      return
    }
    const service = await connect(settings)
    try {
      const status = jobStatus((await service.api.getVersion(jobId, versionId)).statusCode)
      if (status.terminal) {
        printText(`Job ${jobId} version ${versionId} already ended (${status.name}): nothing to stop.`)
        return
      }
      await service.api.stopVersion(jobId, versionId)
      printText(
        `The workflow was cancelled: stopped job ${jobId} version ${versionId} (it was ${status.name}).`
      )
    } finally {
      service.dispose()
    }
  } catch (error) {
    core.setFailed(`Could not stop the training job after the cancel: ${errorMessage(error)}`)
  }
}

await runPost()

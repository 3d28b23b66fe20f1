/** Cancellation: the runner sends SIGINT, then SIGTERM 7.5 s later, then kills the step. */
import * as core from '@actions/core'
import { printText } from './report/untrusted.js'
import type { Settings } from './inputs.js'
import type { Service } from './service.js'
import { STATE } from './report/outputs.js'

/** The step ends because the runner cancelled it; main exits at once after saying so. */
export class CancelledError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CancelledError'
  }
}

export interface CancelWatch {
  readonly requested: boolean
  readonly signal: AbortSignal
  /** Called once, with the signal name, when the runner cancels the step. */
  onCancel(handler: (signal: string) => void): void
  dispose(): void
}

export function watchForCancel(): CancelWatch {
  const controller = new AbortController()
  let handler: ((signal: string) => void) | undefined
  const listener = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return
    controller.abort()
    printText(`Received ${signal}: the workflow is being cancelled.`)
    handler?.(signal)
  }
  process.on('SIGINT', listener)
  process.on('SIGTERM', listener)
  return {
    get requested() {
      return controller.signal.aborted
    },
    signal: controller.signal,
    onCancel(h) {
      handler = h
    },
    dispose() {
      process.off('SIGINT', listener)
      process.off('SIGTERM', listener)
    }
  }
}

/** Stops the version when stop_on_cancel allows it, and records that the post step has nothing left to do. */
export async function stopJobVersion(
  service: Service,
  settings: Settings,
  jobId: string,
  versionId: string
): Promise<boolean> {
  if (!settings.stopOnCancel) {
    core.warning(`stop_on_cancel is false: job ${jobId} version ${versionId} is left running.`)
    core.saveState(STATE.finished, 'left-running')
    return false
  }
  printText(`Stopping job ${jobId} version ${versionId}.`)
  await service.api.stopVersion(jobId, versionId)
  core.saveState(STATE.finished, 'stopped')
  printText(`Stop requested for job ${jobId} version ${versionId}.`)
  return true
}

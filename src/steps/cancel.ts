/**
 * Cancellation: the runner sends SIGINT, then SIGTERM 7.5 s later, then kills the step. The main step stops
 * the run itself when it can; the post step (`post-if: cancelled()`) stops it when the main step was killed first.
 */
import * as core from '@actions/core'
import type { CreateSettings } from '../settings.js'
import type { Service } from './connect.js'
import type { JobRef, TrainingJobsApi } from '../modelarts/api.js'
import { markFinished, type SavedJob } from '../report/outputs.js'
import { capitalized } from '../report/plural.js'
import { printText } from '../report/untrusted.js'

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

/** `job 12 version 34` (v1), `job 5f0e…` (v2): how the log names a run. */
export const runName = (ref: JobRef): string =>
  ref.versionId === undefined ? `job ${ref.jobId}` : `job ${ref.jobId} version ${ref.versionId}`

/** Stops the run when stop_on_cancel allows it, and records that the post step has nothing left to do. */
export async function stopRun(
  service: Pick<Service, 'api'>,
  settings: Pick<CreateSettings, 'stopOnCancel'>,
  ref: JobRef
): Promise<boolean> {
  if (!settings.stopOnCancel) {
    core.warning(`stop_on_cancel is false: ${runName(ref)} is left running.`)
    markFinished('left-running')
    return false
  }
  printText(`Stopping ${runName(ref)}.`)
  await service.api.stop(ref)
  markFinished('stopped')
  printText(`Stop requested for ${runName(ref)}.`)
  return true
}

/** What the post step needs, passed in so it runs on fakes. */
export interface LeftoverDeps {
  saved: SavedJob
  /** Read only when there is something to stop. */
  settings: () => Pick<CreateSettings, 'stopOnCancel'>
  /** Any API: the post step only reads and stops the run. */
  connect: () => Promise<{ api: Pick<TrainingJobsApi<unknown>, 'getRun' | 'stop'>; dispose(): void }>
  log: (message: string) => void
}

/** Why the post step did or did not stop the run. */
export type LeftoverOutcome = 'no-job' | 'handled' | 'left-running' | 'already-ended' | 'stopped'

/** The post step: stops the run the main step created and could not hand over (it was killed first). */
export async function stopLeftoverRun(deps: LeftoverDeps): Promise<LeftoverOutcome> {
  const { saved, log } = deps
  if (!saved.ref) {
    log('No training job was created by this step: nothing to stop.')
    return 'no-job'
  }
  const name = runName(saved.ref)
  if (saved.finished) {
    log(`${capitalized(name)} was already handled by the main step (${saved.finished}).`)
    return 'handled'
  }
  if (!deps.settings().stopOnCancel) {
    log(`stop_on_cancel is false: ${name} is left running.`)
    return 'left-running'
  }
  const service = await deps.connect()
  try {
    const { status } = await service.api.getRun(saved.ref)
    // A terminal status that may still change back (v2 Abnormal) is stopped all the same.
    if (status.terminal && status.confirm !== true) {
      log(`${capitalized(name)} already ended (${status.name}): nothing to stop.`)
      return 'already-ended'
    }
    await service.api.stop(saved.ref)
    log(`The workflow was cancelled: stopped ${name} (it was ${status.name}).`)
    return 'stopped'
  } finally {
    service.dispose()
  }
}

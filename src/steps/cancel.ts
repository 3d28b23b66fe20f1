/**
 * Cancellation: the runner sends SIGINT, then SIGTERM 7.5 s later, then kills the step. The main step stops
 * the run itself when it can; the post step (`post-if: cancelled()`) stops it when the main step was killed first.
 */
import * as core from '@actions/core'
import type { CreateSettings } from '../settings.js'
import type { Service } from './connect.js'
import {
  isRunGone,
  type JobRef,
  type JobStatus,
  type SentCreate,
  type TrainingJobsApi
} from '../modelarts/api.js'
import { sleep as abortableSleep } from '../huaweicloud/retry.js'
import { markFinished, type SavedJob } from '../report/outputs.js'
import { capitalized } from '../report/plural.js'
import { printText } from '../report/untrusted.js'

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

/**
 * `job 12 (version id 34)` (v1), `job 5f0e…` (v2): how the log names a run known only by its ids (the post
 * step); the main step names it as users know it (`job 12 version V0001`, follow.ts shownName).
 */
const runName = (ref: JobRef): string =>
  ref.versionId === undefined ? `job ${ref.jobId}` : `job ${ref.jobId} (version id ${ref.versionId})`

/** Stops the run when stop_on_cancel allows it, and records that the post step has nothing left to do. */
export async function stopRun(
  service: Pick<Service, 'api'>,
  settings: Pick<CreateSettings, 'stopOnCancel'>,
  ref: JobRef,
  name: string = runName(ref)
): Promise<boolean> {
  if (!settings.stopOnCancel) {
    core.warning(`stop_on_cancel is false: ${name} is left running.`)
    markFinished('left-running')
    return false
  }
  printText(`Stopping ${name}.`)
  await service.api.stop(ref)
  markFinished('stopped')
  printText(`Stop requested for ${name}.`)
  return true
}

/** What the post step needs, passed in so it runs on fakes. */
export interface LeftoverDeps {
  saved: SavedJob
  /** Read only when there is something to stop. */
  settings: () => Pick<CreateSettings, 'stopOnCancel'>
  /** Any API: the post step only finds, reads and stops the run. */
  connect: () => Promise<{
    api: Pick<TrainingJobsApi<unknown>, 'getRun' | 'stop' | 'findSent'>
    dispose(): void
  }>
  log: (message: string) => void
  /** Between the two searches for a create the main step was sending; default a timer. */
  sleep?: (ms: number) => Promise<void>
}

/** Why the post step did or did not stop the run. */
export type LeftoverOutcome = 'no-job' | 'handled' | 'left-running' | 'already-ended' | 'gone' | 'stopped'

/** A create still landing when main was killed shows up in a search shortly after; the post step looks twice. */
export const SENT_SETTLE_MS = 3000

/** Killed mid-create: the job exists only if the service shows it under the name with this run's marker. */
async function findSent(
  api: Pick<TrainingJobsApi<unknown>, 'findSent'>,
  sent: SentCreate,
  deps: Pick<LeftoverDeps, 'log' | 'sleep'>
): Promise<JobRef | undefined> {
  if (sent.marker === '') {
    // Without a marker, a job of that name may as well be another run's: it is never taken for this one's.
    deps.log(
      `The main step was killed while creating "${sent.name}", sent without a run marker (job_desc left no room ` +
        'for one): whether the job was made cannot be told; look for it among the training jobs and stop it there.'
    )
    return undefined
  }
  const sleep = deps.sleep ?? abortableSleep
  const find = (): Promise<JobRef | undefined> => api.findSent?.(sent) ?? Promise.resolve(undefined)
  const ref = (await find()) ?? (await sleep(SENT_SETTLE_MS), await find())
  deps.log(
    ref
      ? `The main step was killed while creating "${sent.name}": found it as ${runName(ref)}.`
      : `The main step was killed while creating "${sent.name}"; no such job of this run exists: nothing to stop.`
  )
  return ref
}

/** The post step: stops the run the main step created and could not hand over (it was killed first). */
export async function stopLeftoverRun(deps: LeftoverDeps): Promise<LeftoverOutcome> {
  const { saved, log } = deps
  const sent = saved.ref ? undefined : saved.sent
  if (!saved.ref && !sent) {
    log('No training job was created by this step: nothing to stop.')
    return 'no-job'
  }
  const name = saved.ref ? runName(saved.ref) : `the job "${sent?.name}" the main step was creating`
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
    const ref = saved.ref ?? (sent && (await findSent(service.api, sent, deps)))
    if (!ref) return 'no-job'
    const found = runName(ref)
    let status: JobStatus
    try {
      ;({ status } = await service.api.getRun(ref))
    } catch (error) {
      if (!isRunGone(error)) throw error
      log(`${capitalized(found)} no longer exists (deleted): nothing to stop.`)
      return 'gone'
    }
    // A terminal status that may still change back (v2 Abnormal) is stopped all the same.
    if (status.terminal && status.confirm !== true) {
      log(`${capitalized(found)} already ended (${status.name}): nothing to stop.`)
      return 'already-ended'
    }
    await service.api.stop(ref)
    log(`The workflow was cancelled: stopped ${found} (it was ${status.name}).`)
    return 'stopped'
  } finally {
    service.dispose()
  }
}

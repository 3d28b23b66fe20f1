/**
 * Creates a v2 training job exactly once.
 *
 * v2 names are unique, so the name is the idempotency key, and a marker in metadata.description tells this
 * attempt's job from anybody else's:
 * - Marker: `gha:{owner}/{repo}:{run_id}:{run_attempt}:{nonce}`, appended to the user's description after one
 *   space (the user's text first and whole). The nonce (8 hex digits, new for every submit) tells apart the
 *   matrix legs of one run attempt, which share run id and attempt. When the total would pass 256 characters
 *   the short form `gha:{run_id}:{run_attempt}:{nonce}` is used; when even that does not fit, the user's text
 *   is sent as it is, without a marker (the service accepts it), and the log says once what that costs.
 * - Names: `if_exists: fail` uses job_name as it is. `if_exists: new_version` uses a series
 *   `{job_name}-V0001`, `-V0002`, ...: the next number after the highest member found by a name search
 *   (members are exactly `{job_name}-V` + four digits); version_name is `V000N`.
 * - Create is sent once. 201: done. A 429 was refused, not taken: sent again after Retry-After (≤ 60 s).
 * - 400 ModelArts.2751 (name taken) for a name this submit has not sent before can only be somebody else's
 *   job: with `fail` that is the user's error; with `new_version` a concurrent run took the number, so the
 *   series is searched again and the next free number is tried.
 * - An ambiguous failure (reset or timeout after sending, 5xx) may have created the job: the name is searched
 *   and a job with that exact name AND this submit's marker is adopted. Not found: wait, search once more
 *   (creation is asynchronous), then send the same name and marker again. A 2751 for a name sent before is
 *   searched the same way: adopted if it carries the marker; if the job holding the name is visible without
 *   the marker, it is somebody else's (`fail`: error, `new_version`: next number); if it is not visible at all
 *   the submit stops with an error rather than risk a second job. Without a marker nothing can be adopted:
 *   an ambiguous failure stops the submit with an error naming the name, with no search and no re-send.
 * Never two jobs for one submit: a name is only ever re-sent after a search found nothing, and a new name is
 * only tried after the old one was seen held by somebody else's job.
 */
import type { TrainingJobsV2, V2Job, V2JobBody } from './v2.js'
import { nameTakenMessage, V2_NAME_TAKEN } from './v2.js'
import { errorCodeOf, mayHaveLanded } from '../huaweicloud/errors.js'
import { waitToResend } from './resend.js'
import { sleep as abortableSleep } from '../huaweicloud/retry.js'

export const DESCRIPTION_MAX = 256
/** Room for `-V0001` in a 64-character name. */
export const SERIES_BASE_MAX = 58
const SERIES_MAX = 9999

export interface RunIdentity {
  /** `owner/repo` (GITHUB_REPOSITORY). */
  repository: string
  /** GITHUB_RUN_ID. */
  runId: string
  /** GITHUB_RUN_ATTEMPT. */
  attempt: string
}

export interface V2SubmitOptions {
  ifExists: 'fail' | 'new_version'
  run: RunIdentity
  log: (message: string) => void
  /** Wait before the second search after an ambiguous failure; default 5 s. */
  settleMs?: number
  /** Creates sent in all (new names and re-sends), the first included; default 5. */
  maxCreates?: number
  sleep?: (ms: number) => Promise<void>
  /** 8 hex digits; a random one by default. */
  nonce?: string
  /**
   * Called before every create is sent, with the name and the marker: a step can save them as state, so that
   * a post step whose main step was killed mid-create can still find the job (`findMarkedJob`).
   */
  sending?: (name: string, marker: string) => void
}

export interface V2Submitted {
  job: V2Job
  /** The name actually used. */
  name: string
  /** `V0002` in a series; '' with if_exists: fail. */
  versionName: string
  /** The marker written into the description; '' when the user's description left no room for one. */
  marker: string
  /** True when the create's answer was lost and a search found the job. */
  adopted: boolean
}

/** A user-facing failure with its fix; no request was sent or the outcome is known. */
export class SubmitError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SubmitError'
  }
}

type Api = Pick<TrainingJobsV2, 'create' | 'search'>

const randomNonce = (): string =>
  Array.from({ length: 8 }, () => Math.floor(Math.random() * 16).toString(16)).join('')

/** The marker forms, longest first. */
function runMarkers(run: RunIdentity, nonce: string): string[] {
  return [
    `gha:${run.repository}:${run.runId}:${run.attempt}:${nonce}`,
    `gha:${run.runId}:${run.attempt}:${nonce}`
  ]
}

/**
 * The user's description with the marker after it, within 256 characters; when not even the short marker fits,
 * the user's text unchanged and no marker (marker '').
 */
export function describeWithMarker(
  userText: string,
  run: RunIdentity,
  nonce: string
): {
  description: string
  marker: string
} {
  const separator = userText === '' ? '' : ' '
  for (const marker of runMarkers(run, nonce)) {
    const description = `${userText}${separator}${marker}`
    if (description.length <= DESCRIPTION_MAX) return { description, marker }
  }
  return { description: userText, marker: '' }
}

/** The longest description that leaves room for the short marker, and that marker's length. */
function markerRoom(run: RunIdentity, nonce: string): { room: number; length: number } {
  const length = (runMarkers(run, nonce).at(-1) ?? '').length
  return { room: DESCRIPTION_MAX - length - 1, length }
}

/** True when `description` ends with `marker` as a word of its own (the service may trim around it). */
export function hasMarker(description: string, marker: string): boolean {
  // No marker was sent: nothing can be recognised as this run's.
  if (marker === '') return false
  const text = description.trimEnd()
  if (!text.endsWith(marker)) return false
  const before = text.length - marker.length
  return before === 0 || /\s/.test(text.charAt(before - 1))
}

const seriesPattern = (base: string): RegExp =>
  new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-V(\\d{4})$`)

/** The highest series number among `names` (0 when there is none). */
export function highestInSeries(base: string, names: Iterable<string>): number {
  const pattern = seriesPattern(base)
  let highest = 0
  for (const name of names) {
    const match = pattern.exec(name)
    if (match) highest = Math.max(highest, Number(match[1]))
  }
  return highest
}

const seriesName = (base: string, number: number): string => `${base}-V${String(number).padStart(4, '0')}`
const seriesVersion = (number: number): string => `V${String(number).padStart(4, '0')}`

/** The jobs named exactly `name` (the search's `like` is a substring match). */
async function jobsNamed(
  api: Pick<TrainingJobsV2, 'search'>,
  name: string,
  workspace?: string
): Promise<V2Job[]> {
  return (await api.search(name, workspace)).filter(job => job.name === name)
}

/** The job named exactly `name` that carries `marker`: the one a submit with that marker made, if any. */
export async function findMarkedJob(
  api: Pick<TrainingJobsV2, 'search'>,
  name: string,
  marker: string,
  workspaceId?: string
): Promise<V2Job | undefined> {
  return (await jobsNamed(api, name, workspaceId)).find(job => hasMarker(job.description, marker))
}

/**
 * What makes a submit fail before anything is sent: a series base too long for its suffix. Pure, so a step can
 * check it before it connects.
 */
export function checkSubmit(body: V2JobBody, options: Pick<V2SubmitOptions, 'ifExists'>): void {
  const base = body.metadata.name
  if (options.ifExists === 'new_version' && base.length > SERIES_BASE_MAX) {
    throw new SubmitError(
      `job_name "${base}" is ${base.length} characters; with if_exists: new_version the action appends -V0001 ` +
        `and ModelArts allows 64: shorten it to at most ${SERIES_BASE_MAX} characters.`
    )
  }
}

export async function submitTrainingJobV2(
  api: Api,
  body: V2JobBody,
  options: V2SubmitOptions
): Promise<V2Submitted> {
  const sleep = options.sleep ?? abortableSleep
  const settleMs = options.settleMs ?? 5000
  const maxCreates = options.maxCreates ?? 5
  const base = body.metadata.name
  const workspace = body.metadata.workspace_id
  const series = options.ifExists === 'new_version'
  checkSubmit(body, options)
  const nonce = options.nonce ?? randomNonce()
  const userText = body.metadata.description ?? ''
  const { description, marker } = describeWithMarker(userText, options.run, nonce)
  const { room, length } = markerRoom(options.run, nonce)
  if (marker === '') {
    options.log(
      `job_desc (metadata.description) is ${userText.length} characters: no room is left for the ` +
        `${length}-character run marker (at most ${room} characters leave room), so it is sent without one. ` +
        "Should the answer to the create be lost, the action cannot tell this run's job from another and stops " +
        'rather than adopt or create one.'
    )
  }

  const holders = (name: string): Promise<V2Job[]> => jobsNamed(api, name, workspace)
  const ours = (jobs: V2Job[]): V2Job | undefined => jobs.find(job => hasMarker(job.description, marker))

  const nextNumber = async (): Promise<number> => {
    const members = (await api.search(`${base}-V`, workspace)).map(job => job.name)
    const next = highestInSeries(base, members) + 1
    if (next > SERIES_MAX) {
      throw new SubmitError(
        `The series ${seriesName(base, 1)} ... ${seriesName(base, SERIES_MAX)} is full: choose another job_name.`
      )
    }
    return next
  }

  let number = series ? await nextNumber() : 0
  let name = series ? seriesName(base, number) : base
  /** Names that may hold a job of ours: a create for them was sent and its outcome is unknown. */
  const maybeOurs = new Set<string>()
  const done = (job: V2Job, adopted: boolean): V2Submitted => ({
    job,
    name,
    versionName: series ? seriesVersion(number) : '',
    marker,
    adopted
  })
  const taken = (): SubmitError => new SubmitError(nameTakenMessage(name, workspace))
  const crowded = (): SubmitError =>
    series
      ? new SubmitError(
          `Gave up after ${maxCreates} creates: other runs kept taking the next name of the series ` +
            `${base}-V####; run again, or serialise the runs with a workflow concurrency group.`
        )
      : taken()
  /** The name is held by somebody else's job: move on, or fail. */
  const moveOn = async (): Promise<void> => {
    if (!series) throw taken()
    const previous = name
    number = Math.max(number + 1, await nextNumber())
    name = seriesName(base, number)
    options.log(`"${previous}" was taken by another run meanwhile; trying "${name}".`)
  }

  for (let creates = 1; ; creates++) {
    const request: V2JobBody = { ...body, metadata: { ...body.metadata, name, description } }
    options.sending?.(name, marker)
    try {
      return done(await api.create(request), false)
    } catch (error) {
      if (errorCodeOf(error) === V2_NAME_TAKEN) {
        if (!maybeOurs.has(name)) {
          if (creates >= maxCreates) throw crowded()
          await moveOn()
          continue
        }
        // An earlier create for this name may have landed after all.
        const holding = await holders(name)
        const found = ours(holding)
        if (found) return adopt(found)
        if (holding.length === 0) {
          throw new SubmitError(
            `ModelArts says job name "${name}" is taken, but no job of that name is visible in workspace ` +
              `${workspace ?? '0'}; an earlier create of this run may still be landing. Check the training ` +
              'jobs in the console before running again.'
          )
        }
        maybeOurs.delete(name)
        if (creates >= maxCreates) throw crowded()
        await moveOn()
        continue
      }
      if (creates < maxCreates && (await waitToResend(error, creates, { sleep, log: options.log }))) continue
      if (!mayHaveLanded(error)) throw error
      if (marker === '') {
        throw new SubmitError(
          `The create call for "${name}" ended without an answer, and with no run marker in its description ` +
            `the action cannot tell whether it made the job: look for "${name}" among the training jobs before ` +
            `running again, and keep job_desc to at most ${room} characters so that the action can find its job ` +
            'by itself.'
        )
      }
      maybeOurs.add(name)
      options.log(`The create call for "${name}" ended without an answer; checking whether the job was made.`)
      const found = ours(await holders(name)) ?? (await sleep(settleMs), ours(await holders(name)))
      if (found) return adopt(found)
      if (creates >= maxCreates) throw error
      options.log(`No job "${name}" of this run exists: sending the create again.`)
    }
  }

  function adopt(job: V2Job): V2Submitted {
    options.log(
      `Job "${job.name}" (id ${job.id}) was made by this run: adopting it instead of creating it again.`
    )
    return done(job, true)
  }
}

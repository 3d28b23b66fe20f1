/**
 * The one writer of step outputs and saved state, and of the job summary. State is what main hands to post
 * (the runner passes it back as STATE_<name>): typed setters here, one typed getter, nothing else touches it.
 */
import * as core from '@actions/core'
import type { JobRef, JobStatus, SentCreate, Submitted } from '../modelarts/api.js'
import type { Api } from '../job/index.js'
import { errorMessage, isRecord } from '../util/values.js'

const STATE = {
  /** Set by the main step as it starts: the same bundle then runs as the post step. */
  isPost: 'isPost',
  jobId: 'job_id',
  versionId: 'version_id',
  /** Which API made the run: the post step talks to the same one. */
  api: 'api',
  /** The last create sent (JSON SentCreate), before its answer: the post step finds the job by it if main was killed. */
  sent: 'sent',
  /** Set when the main step handed the job over on purpose. */
  finished: 'finished'
} as const

/**
 * Outputs and state go to the runner's files only. Without GITHUB_OUTPUT / GITHUB_STATE, @actions/core would
 * fall back to `::set-output` / `::save-state` on stdout, the channel untrusted text is printed on, where a
 * forged line would look like ours. Nothing is written instead, and a warning says so once per variable.
 */
const FILES = { output: 'GITHUB_OUTPUT', state: 'GITHUB_STATE' } as const
const warnedMissing = new Set<string>()

function fileSet(kind: keyof typeof FILES): boolean {
  const variable = FILES[kind]
  if (process.env[variable]) return true
  if (!warnedMissing.has(variable)) {
    warnedMissing.add(variable)
    const what = kind === 'output' ? "this step's outputs are" : 'the state for the post step is'
    const command = kind === 'output' ? 'set-output' : 'save-state'
    core.warning(
      `${variable} is not set, so ${what} not recorded (the action never prints \`::${command}\` instead).`
    )
  }
  return false
}

const setOutput = (name: string, value: string): void => {
  if (fileSet('output')) core.setOutput(name, value)
}
const saveState = (name: string, value: string): void => {
  if (fileSet('state')) core.saveState(name, value)
}

/** How the main step left the run: created (not waited for), ended, stopped, or left running on purpose. */
const FINISHED = ['created', 'ended', 'stopped', 'left-running'] as const
export type Finished = (typeof FINISHED)[number]
const isFinished = (value: string): value is Finished => (FINISHED as readonly string[]).includes(value)

/** What the main step saved about the run it made, as the post step reads it. */
export interface SavedJob {
  ref: JobRef | undefined
  /** The API that made it; v1 when the main step saved none (an older version). */
  api: Api
  /** The create sent last, when its job may exist though no ref was saved (main killed mid-create). */
  sent: SentCreate | undefined
  finished: Finished | undefined
}

/** True in the post step: the main step recorded that it ran. */
export const isPostStep = (env: Readonly<Record<string, string | undefined>> = process.env): boolean =>
  env[`STATE_${STATE.isPost}`] === 'true'

export function markMainStarted(): void {
  saveState(STATE.isPost, 'true')
}

/** The state the main step saved, read from the runner's STATE_ variables. */
export function savedJob(env: Readonly<Record<string, string | undefined>> = process.env): SavedJob {
  const jobId = env[`STATE_${STATE.jobId}`] ?? ''
  const versionId = env[`STATE_${STATE.versionId}`] ?? ''
  const finished = env[`STATE_${STATE.finished}`] ?? ''
  return {
    ref: jobId ? { jobId, versionId: versionId || undefined } : undefined,
    api: env[`STATE_${STATE.api}`] === 'v2' ? 'v2' : 'v1',
    sent: readSent(env[`STATE_${STATE.sent}`] ?? ''),
    // A value this version did not write still means the main step handed the run over.
    finished: finished === '' ? undefined : isFinished(finished) ? finished : 'ended'
  }
}

function readSent(text: string): SentCreate | undefined {
  if (text === '') return undefined
  try {
    const value: unknown = JSON.parse(text)
    if (!isRecord(value) || typeof value.name !== 'string' || typeof value.marker !== 'string')
      return undefined
    const workspaceId = typeof value.workspaceId === 'string' ? value.workspaceId : undefined
    return { name: value.name, marker: value.marker, workspaceId }
  } catch {
    return undefined
  }
}

/** Before anything is sent: the post step must talk to the API that makes the run. */
export function saveApi(api: Api): void {
  saveState(STATE.api, api)
}

/** Before each create goes out (written at once: it survives a kill in the middle of the call). */
export function saveSent(sent: SentCreate): void {
  saveState(STATE.sent, JSON.stringify(sent))
}

/** Right after the create: state and outputs first, so they survive any later failure or a kill. */
export function saveCreated(submitted: Submitted, jobUrl: string): void {
  saveState(STATE.jobId, submitted.ref.jobId)
  saveState(STATE.versionId, submitted.ref.versionId ?? '')
  setOutput('job_id', submitted.ref.jobId)
  setOutput('job_name', submitted.jobName)
  setOutput('version_id', submitted.ref.versionId ?? '')
  setOutput('version_name', submitted.versionName)
  setStatus(submitted.status)
  setOutput('job_url', jobUrl)
  setOutput('created', submitted.kind)
}

export function setStatus(status: JobStatus): void {
  setOutput('status', status.name)
  setOutput('status_code', status.code === undefined ? '' : String(status.code))
}

export function setDuration(ms: number): void {
  setOutput('duration', String(Math.floor(ms / 1000)))
}

/** When the wait is over: why the run did not complete ('' when it did) and its metrics as JSON. */
export function setInsight(insight: { failureReason: string; metricsJson: string }): void {
  setOutput('failure_reason', insight.failureReason)
  setOutput('metrics', insight.metricsJson)
}

export function markFinished(how: Finished): void {
  saveState(STATE.finished, how)
}

export function setValidation(result: { valid: boolean; filesChecked: number; problems: number }): void {
  setOutput('valid', String(result.valid))
  setOutput('files_checked', String(result.filesChecked))
  setOutput('problems', String(result.problems))
}

export async function writeSummary(markdown: string): Promise<void> {
  // Outside a runner (no GITHUB_STEP_SUMMARY) there is nowhere to write; that is not an error.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.emptyBuffer().addRaw(markdown).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}

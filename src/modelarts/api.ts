/**
 * What the steps ask of ModelArts, whichever API answers: submit a run exactly once, read its status,
 * stop it, follow its log. v1 implements it in v1-api.ts, v2 in v2-api.ts. Pure types.
 */
import type { JobDefinition } from '../job/index.js'

/** Which run: v1 a version of a job; v2 a job (it has no versions, so no versionId). */
export interface JobRef {
  jobId: string
  versionId?: string
}

/** Where a run stands: still going, or ended in one of three ways. */
export type StatusPhase = 'running' | 'succeeded' | 'failed' | 'stopped'

export interface JobStatus {
  /** Lower-case name, the `status` output: v1 `completed` (`status_<code>` when undocumented), v2 the phase. */
  name: string
  /** The numeric status (v1); v2 has none. */
  code?: number
  phase: StatusPhase
  terminal: boolean
  /** The documented meaning, for the log and the summary. */
  description: string
  /**
   * A terminal status the service may still leave (v2 `Abnormal`, which fault tolerance can turn back into
   * `Running`): the wait treats it as final only when the next poll shows it again, and the post step still stops it.
   */
  confirm?: boolean
}

/** `running (8)`, `waiting (7): queued, waiting for resources`; without a code just the name. */
export function statusLabel(status: JobStatus): string {
  const head = status.code === undefined ? status.name : `${status.name} (${status.code})`
  return status.description === status.name ? head : `${head}: ${status.description}`
}

export interface SubmitOptions {
  ifExists: 'fail' | 'new_version'
  log: (message: string) => void
}

export interface Submitted {
  ref: JobRef
  /** The name the run has (v2 series: `{name}-V0002`). */
  jobName: string
  /** v1 `V0001`; v2 the series number with new_version, else empty. */
  versionName: string
  status: JobStatus
  /** 'job': a new job (v2 always: a series member is a job of its own); 'version': a new v1 version of an existing job. */
  kind: 'job' | 'version'
  /** With kind 'version': the run the new one follows, its id and the name users know it by (`V0001`). */
  previousVersionId?: string
  previousVersionName?: string
  /** True when the create's answer was lost and a lookup showed it had been made. */
  adopted: boolean
}

export interface RunDetail {
  status: JobStatus
  /** Run time so far in ms, as the service reports it. */
  durationMs?: number
  /** The tasks whose logs the run writes, when the status read names them (v2 `status.tasks`); v1 lists log files itself. */
  tasks?: string[]
  /** How many tasks the run has, when the status read says so before `tasks` names them all (v2 node_count). */
  taskCount?: number
}

/** What a log read gets from the wait besides the line callback. */
export interface LogPoll {
  /** This poll's status read (v2 takes the tasks from it); undefined when the read failed. */
  run: RunDetail | undefined
  /** One line about the log rather than from it, e.g. that v2's preview window moved past unprinted lines. */
  notice(message: string): void
}

/**
 * A create that was sent but whose answer the step may not have seen (v2: a name and the run marker): saved as
 * state before the create goes out, so a post step can find the job of a main step killed mid-create.
 */
export interface SentCreate {
  name: string
  marker: string
  workspaceId?: string
}

/** Marks the error getRun throws when the service no longer knows the run (deleted): nothing to follow or stop. */
const RUN_GONE = Symbol('runGone')
export function markRunGone<E extends Error>(error: E): E {
  return Object.assign(error, { [RUN_GONE]: true })
}
export const isRunGone = (error: unknown): boolean =>
  error instanceof Error && (error as Error & { [RUN_GONE]?: boolean })[RUN_GONE] === true

/** Reads a run's log a window at a time; keeps only positions (v1 cursors, v2 bytes printed), never the log. */
export interface LogReader {
  /**
   * Hands every line added since the last call to `line`, oldest first. `final`: the run ended, read to the end.
   * `untilAborted` wraps each request, so a cancel ends the read at once.
   */
  read(
    line: (text: string, worker: string | undefined) => void,
    untilAborted: <T>(work: Promise<T>) => Promise<T>,
    final: boolean,
    poll: LogPoll
  ): Promise<void>
}

/**
 * `D`: the definition this API creates from. v1 takes the v1 body (`JobDefinition`); v2 its own body
 * (v2-api.ts), until job/ offers both as one union and each API accepts its member.
 */
export interface TrainingJobsApi<D = JobDefinition> {
  /** Creates the job (or, with ifExists new_version, the next run of the job of that name) exactly once. */
  submit(definition: D, options: SubmitOptions): Promise<Submitted>
  getRun(ref: JobRef): Promise<RunDetail>
  /** Stopping twice is harmless. */
  stop(ref: JobRef): Promise<void>
  /** A new reader for one wait: lines printed once each, in order. */
  logReader(ref: JobRef): LogReader
  /**
   * The run a create described by `sent` made, if the service shows one (v2: exact name and this run's marker);
   * undefined when none was made. Only APIs whose create can be found this way have it (v1 does not).
   */
  findSent?(sent: SentCreate): Promise<JobRef | undefined>
}

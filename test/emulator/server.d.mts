// Types of server.mjs for the TypeScript tests.

export declare const TERMINAL_STATUSES: ReadonlySet<number>
/** v2 phases that never change again. */
export declare const TERMINAL_PHASES: ReadonlySet<string>

export interface ScriptStep {
  status: number
  /** How long this status lasts; every step but the last needs it. */
  forMs?: number
}

export interface Script {
  statuses: ScriptStep[]
  logLinesPerTick?: number
  tickMs?: number
  /** The log's text, repeated as it grows (default: generated loss lines). */
  lines?: string[]
}

/**
 * How a v2 job walks its phases. Chosen at create time by the job's exact name, else by its series base
 * (`nightly-V0003` uses the script of `nightly`), else the default ('*').
 */
export interface ScriptV2 {
  /** e.g. [{ phase: 'Running', forMs: 300 }, { phase: 'Abnormal', forMs: 100 }, { phase: 'Running', forMs: 200 },
   *  { phase: 'Completed' }]; any string is accepted (an undocumented phase). Every step but the last needs forMs. */
  phases: Array<{ phase: string; forMs?: number }>
  /** Log lines per task per tick of Running time (default: the emulator's logLinesPerTick). */
  logLinesPerTick?: number
  tickMs?: number
  /** While the job runs, each task's log ends in the first 12 characters of its next line (no newline yet). */
  partialTail?: boolean
  /** Each task's log text, repeated as it grows (default: generated loss lines). */
  lines?: string[]
  /** How a job ending Failed or Abnormal explains itself. */
  failure?: FailureV2
  /** Fixed metric samples per task (-1 = missing), instead of the generated ones. */
  metrics?: Record<string, number[]>
}

export interface FailureV2 {
  /** The task that failed (default the first); the others end with exit code 0. */
  task?: string
  /** Default 1. */
  exitCode?: number
  /** task_statuses[].message; default `Training failed.` */
  message?: string
  /** running_records[].end_reason of the last run; default `exit with <exitCode>`. */
  endReason?: string
  /** More Error events, e.g. `Back-off restarting failed container`. */
  events?: string[]
}

/** Whole answer bodies of the lists, e.g. `{ total_count: 1, flavors: [...] }`; default the fixtures. */
export interface ServiceLists {
  v2Flavors?: unknown
  v2Engines?: unknown
  v1Specs?: unknown
  v1Engines?: unknown
}

export interface EmulatorOptions {
  port?: number
  accessKey?: string
  secretKey?: string
  projectId?: string
  region?: string
  idpId?: string
  clockSkewMs?: number
  tokenTtlMs?: number
  stopDelayMs?: number
  logLinesPerTick?: number
  tickMs?: number
  defaultScript?: Script
  /** Default v2 script: Creating 50 ms, Pending 50 ms, Running 500 ms, Completed. */
  defaultScriptV2?: ScriptV2
  /** The v2 log preview shows at most this many of the newest bytes; default 5 MB, as the service. */
  previewCapBytes?: number
  now?: () => number
  /** The pre-flight's lists (default: __fixtures__/service-lists). */
  lists?: ServiceLists
  /** v2 `job-num` quota (default 100); its use is the count of v2 jobs not deleted. */
  jobQuota?: number
  /** `training-job-names`: answers (default 'ok'), or is not served (404), or not allowed (403). */
  nameCheck?: 'ok' | 404 | 403
}

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string[]>
  /** Lower-case names, as received (secrets included: for assertions only, never print them). */
  headers: Record<string, string | string[] | undefined>
  body: string
  auth: 'aksk' | 'token' | 'none'
  signatureValid: boolean | undefined
  /** Why the signature was refused, when it was. */
  authProblem?: string
  /** HTTP status sent; 0 when no answer was sent (reset, hang). */
  status: number
  /** The kind of the fault that matched this request, if any. */
  fault?: Fault['kind']
  at: number
}

export interface Fault {
  method?: string
  /** Tested against the path without the query; a string must match exactly. */
  path?: RegExp | string
  /** How many requests it applies to (default 1). */
  times?: number
  /**
   * status: answer `status` (with `body` if given); reset: close the socket; hang: never answer; delay: answer
   * normally after delayMs; flood: a 200 answer whose body never ends.
   */
  kind: 'status' | 'reset' | 'hang' | 'delay' | 'flood'
  /** The request takes effect before the fault happens. */
  commit?: boolean
  status?: number
  /** With kind 'status': answer `{error_code: code, error_msg}` (e.g. 409 ModelArts.2878). */
  code?: string
  retryAfter?: number | string
  delayMs?: number
  /** With kind status: the body, as given. */
  body?: string
}

export interface InjectedFault extends Fault {
  /** How many more requests it will still apply to. */
  remaining: number
}

export interface EmulatedVersion {
  version_id: number
  version_name: string
  pre_version_id: number | null
  job_desc: string
  config: Record<string, unknown>
  create_time: number
  resource_id: string
  script: Script
  stoppedAt: number | null
}

export interface EmulatedJob {
  job_id: number
  job_name: string
  job_desc: string
  workspace_id: string
  create_time: number
  versions: EmulatedVersion[]
}

export interface StopRecord {
  job_id: number
  version_id: number
  at: number
  /** false when the version had already ended (or was already being stopped). */
  changed: boolean
}

export interface EmulatedV2Job {
  id: string
  name: string
  description: string
  workspace_id: string
  create_time: number
  /** The create body as received. */
  body: Record<string, unknown>
  /** `worker-0` ... one per spec.resource.node_count. */
  tasks: string[]
  script: ScriptV2
  stoppedAt: number | null
  deleted: boolean
}

export interface TerminationRecord {
  id: string
  at: number
  /** false when the job was not terminable (answered 409 ModelArts.2796). */
  changed: boolean
}

export interface Emulator {
  url: string
  port: number
  accessKey: string
  secretKey: string
  projectId: string
  region: string
  idpId: string
  requests: RecordedRequest[]
  jobs: EmulatedJob[]
  stops: StopRecord[]
  /** '*' sets the default script; a job name sets the script of that job's next versions. */
  setScript(jobNameOrDefault: string, script: Script): void
  /** v2 jobs in creation order (deleted ones stay, marked). */
  jobsV2: EmulatedV2Job[]
  /** Every v2 terminate action received. */
  terminations: TerminationRecord[]
  /** '*' sets the default v2 script; a name (or series base) sets the script of jobs created later. */
  setScriptV2(nameOrDefault: string, script: ScriptV2): void
  /** The v2 job's phase now; undefined for an unknown id. */
  phaseOf(id: string): string | undefined
  /** Every line of one v2 task's log so far (a partial last line included). */
  logOfV2(id: string, task: string): string[]
  setLists(lists: ServiceLists): void
  setJobQuota(quota: number): void
  setNameCheck(mode: 'ok' | 404 | 403): void
  inject(fault: Fault): InjectedFault
  /** kind 'auth' (default) is an X-Auth-Token; 'security' is an X-Security-Token for AK/SK calls. */
  issueToken(options?: { kind?: 'auth' | 'security'; ttlMs?: number; projectId?: string | null }): string
  statusOf(jobId: number | string, versionId: number | string): number | undefined
  /** Every line of one log file so far. */
  logOf(jobId: number | string, versionId: number | string, file: string): string[]
  close(): Promise<void>
}

export declare function startEmulator(options?: EmulatorOptions): Promise<Emulator>

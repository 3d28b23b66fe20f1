/**
 * The v1 training-job status table (modelarts_03_0074) and the action's classification of it.
 * Pure: no I/O, no @actions/core.
 */

/** Where a job stands: still going, or ended in one of three ways. */
export type StatusPhase = 'running' | 'succeeded' | 'failed' | 'stopped'

/** What the wait loop and the report need of a status, whichever API it came from. */
export interface TrainingStatus {
  /** The `status` output: lower-case, e.g. `completed`. */
  name: string
  phase: StatusPhase
  terminal: boolean
  /** The documented meaning, for the log and the summary. */
  description: string
  /** v1's numeric status; v2 has none. */
  code?: number
  /** A terminal status the service may still leave (v2 `Abnormal`): final only when the next poll agrees. */
  confirm?: boolean
}

export interface JobStatus extends TrainingStatus {
  code: number
  /** Lower-case name without the `JOBSTAT_` prefix, e.g. `completed`; `status_<code>` when not documented. */
  name: string
}

interface DocumentedStatus {
  name: string
  phase: StatusPhase
  description: string
}

// The service documents no terminal/failure split: this one is the project's decision (see the API reference).
const documentedStatuses: ReadonlyMap<number, DocumentedStatus> = new Map([
  [0, { name: 'unknown', phase: 'running', description: 'status unknown' }],
  [1, { name: 'init', phase: 'running', description: 'initializing' }],
  [2, { name: 'image_creating', phase: 'running', description: 'building the job image' }],
  [3, { name: 'image_failed', phase: 'failed', description: 'the job image could not be built' }],
  [4, { name: 'submit_trying', phase: 'running', description: 'submitting' }],
  [5, { name: 'submit_failed', phase: 'failed', description: 'submission failed' }],
  [6, { name: 'delete_failed', phase: 'failed', description: 'deletion failed' }],
  [7, { name: 'waiting', phase: 'running', description: 'queued, waiting for resources' }],
  [8, { name: 'running', phase: 'running', description: 'running' }],
  [9, { name: 'killing', phase: 'running', description: 'being stopped' }],
  [10, { name: 'completed', phase: 'succeeded', description: 'completed' }],
  [11, { name: 'failed', phase: 'failed', description: 'the run failed' }],
  [12, { name: 'killed', phase: 'stopped', description: 'stopped' }],
  [13, { name: 'canceled', phase: 'stopped', description: 'cancelled' }],
  [14, { name: 'lost', phase: 'failed', description: 'lost' }],
  [15, { name: 'scaling', phase: 'running', description: 'scaling' }],
  [16, { name: 'submit_model_failed', phase: 'failed', description: 'the model could not be submitted' }],
  [17, { name: 'deploy_service_failed', phase: 'failed', description: 'the service could not be deployed' }],
  [18, { name: 'check_init', phase: 'running', description: 'review initializing' }],
  [19, { name: 'check_running', phase: 'running', description: 'under review' }],
  [20, { name: 'check_running_completed', phase: 'running', description: 'review completed' }],
  [21, { name: 'check_failed', phase: 'failed', description: 'review failed' }]
])

/** The status for a code as the service sent it (a number, or a decimal string such as `"10"`). */
export function jobStatus(code: number | string): JobStatus {
  const text = String(code).trim()
  const numeric = /^-?\d+$/.test(text) ? Number(text) : Number.NaN
  const documented = documentedStatuses.get(numeric)
  if (documented) return { code: numeric, ...documented, terminal: documented.phase !== 'running' }
  // Undocumented codes may be new intermediate states: keep waiting rather than end the job early.
  return {
    code: numeric,
    name: `status_${text}`,
    phase: 'running',
    terminal: false,
    description: `undocumented status ${text}`
  }
}

/** `running (8)`, or `waiting (7): queued, waiting for resources` when the meaning adds something. */
export function statusLabel(status: TrainingStatus): string {
  const head = status.code === undefined ? status.name : `${status.name} (${status.code})`
  return status.description === status.name ? head : `${head}: ${status.description}`
}

/**
 * The v1 training-job status table (modelarts_03_0074) and the action's classification of it.
 * Pure: no I/O, no @actions/core.
 */

import type { JobStatus, StatusPhase } from './api.js'

export type { JobStatus, StatusPhase }

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
export function jobStatus(code: number | string): JobStatus & { code: number } {
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

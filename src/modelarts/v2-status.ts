/**
 * The v2 `status.phase` table (modelarts-v2-api.md section 6) and the action's classification of it.
 * The service documents no terminal split: this one is the project's decision. Pure: no I/O.
 */
import type { StatusPhase, TrainingStatus } from './status.js'

interface DocumentedPhase {
  phase: StatusPhase
  description: string
  confirm?: boolean
}

const documentedPhases: ReadonlyMap<string, DocumentedPhase> = new Map([
  ['creating', { phase: 'running', description: 'being created' }],
  ['pending', { phase: 'running', description: 'queued, waiting for resources' }],
  ['running', { phase: 'running', description: 'running' }],
  ['terminating', { phase: 'running', description: 'being stopped' }],
  ['completed', { phase: 'succeeded', description: 'completed' }],
  ['failed', { phase: 'failed', description: 'the run failed' }],
  // Fault tolerance may bring an abnormal job back to Running (unconfirmed): the wait polls once more first.
  ['abnormal', { phase: 'failed', description: 'abnormal', confirm: true }],
  ['terminated', { phase: 'stopped', description: 'stopped' }]
])

/**
 * The status for a phase as the service sent it (`Running`). `secondaryPhase` is only shown: the service
 * says not to depend on it. Unknown phases are reported as they are and treated as still going.
 */
export function v2Status(phase: string, secondaryPhase?: string): TrainingStatus {
  const text = phase.trim()
  const name = text === '' ? 'unknown' : text.toLowerCase()
  const documented = documentedPhases.get(name)
  const detail =
    secondaryPhase && secondaryPhase.toLowerCase() !== name ? ` (secondary phase ${secondaryPhase})` : ''
  if (documented) {
    const status: TrainingStatus = {
      name,
      phase: documented.phase,
      terminal: documented.phase !== 'running',
      description: `${documented.description}${detail}`
    }
    if (documented.confirm) status.confirm = true
    return status
  }
  return {
    name,
    phase: 'running',
    terminal: false,
    description: `${text === '' ? 'no phase reported' : `undocumented phase ${text}`}${detail}`
  }
}

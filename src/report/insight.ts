/** The pre-flight's failure line and the end-of-job sections of the summary. Pure. */
import type { Diagnostic } from '../job/diagnostic.js'
import type { JobInsight } from '../modelarts/insight.js'
import { locationOf } from './annotations.js'
import { metricsMarkdown } from './metrics.js'
import { plural } from './plural.js'
import { postMortemMarkdown } from './postmortem.js'

/**
 * The step's one failure line when the pre-flight found errors: the problem itself when there is one
 * (its annotation says where), else how many, after they were annotated one by one.
 */
export function preflightFailureLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter(d => d.severity === 'error')
  const [only] = errors
  if (errors.length === 1 && only) return `${locationOf(only)}: ${only.message} No job was created.`
  return `The pre-flight found ${plural(errors.length, 'problem')} against the service's lists (annotated above); no job was created.`
}

/** Why the job did not complete (when it did not), then its metrics; '' when there is neither. */
export function insightMarkdown(insight: JobInsight): string {
  return [postMortemMarkdown(insight.postMortem), metricsMarkdown(insight.metrics, insight.metricsMissing)]
    .filter(section => section !== '')
    .join('\n')
}

/** The main step: settings → one step (each loaded only when taken) → one setFailed. Nothing else lives here. */
import * as core from '@actions/core'
import { readSettings, InputError } from './settings.js'
import { CancelledError } from './steps/cancelled.js'
import { markMainStarted } from './report/outputs.js'
import { AnnotatedError, annotationOf } from './report/annotations.js'
import { errorMessage } from './util/values.js'

export async function run(): Promise<void> {
  try {
    markMainStarted()
    const settings = readSettings()
    if (settings.validateOnly) {
      const { validateJobFiles } = await import('./steps/validate.js')
      const result = await validateJobFiles(settings)
      if (result.failure !== undefined) throw new Error(result.failure)
    } else {
      const { createTrainingJob } = await import('./steps/create.js')
      await createTrainingJob(settings)
    }
  } catch (error) {
    if (error instanceof AnnotatedError) {
      // setFailed with the annotation's place: the one failure line is drawn at the problem.
      process.exitCode = 1
      core.error(error.message, annotationOf(error.diagnostic))
      return
    }
    core.setFailed(failureLine(error))
    // A read still in flight must not hold a cancelled step until the runner kills it.
    if (error instanceof CancelledError) process.exit(1)
  }
}

/** One problem is the failure line itself; several are listed first, one annotation each. */
function failureLine(error: unknown): string {
  if (!(error instanceof InputError)) return errorMessage(error)
  if (error.problems.length === 1) return error.problems[0] ?? ''
  error.problems.forEach(problem => core.error(problem))
  return `${error.problems.length} input problems, listed above; fix them and run again.`
}

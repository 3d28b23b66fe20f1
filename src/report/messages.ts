/** The one line the step fails with: never a stack trace. */
import { InputError } from '../inputs.js'

export function errorMessage(error: unknown): string {
  if (error instanceof InputError) {
    return error.problems.length === 1
      ? (error.problems[0] ?? '')
      : `${error.problems.length} input problems, listed above; fix them and run again.`
  }
  if (error instanceof Error) return error.message || error.name
  return String(error)
}

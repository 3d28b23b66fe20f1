/** Small guards every layer uses: one of each. Pure. */

/** A plain object (not null, not a list): what a JSON or YAML mapping reads as. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The message of anything thrown: never a stack trace. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  return String(error)
}

/** A loose scalar from a service answer as text: a string as it is, a number written out, anything else ''. */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''
}

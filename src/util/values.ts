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

/** A mapping from a service answer, or {} when the value is not one: reads of its fields then come out empty. */
export function recordOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {}
}

/** A loose number from a service answer: numbers may come as strings ("1024"); anything else is undefined. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return undefined
}

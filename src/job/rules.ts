/** Pieces both APIs' schemas are made of: lenient readings of YAML scalars and the custom-issue format. */
import { z } from 'zod'
import { isPlainMapping } from './yaml.js'

const DECIMAL_INTEGER = /^-?[0-9]+$/

/** Custom issues carry the rule title and, for "X and Y together", the keys to choose the later one from. */
export interface RuleParams {
  rule: string
  /** Report at whichever of these keys (of the issue's mapping) appears last. */
  laterOf?: string[]
}

// Convenience: a plain YAML boolean where text is expected is sent as its text.
export const booleanAsText = (value: unknown): unknown => (typeof value === 'boolean' ? String(value) : value)

// Convenience: integers may be written as whole decimal strings ("1"); YAML numbers arrive the same way.
export const decimalAsNumber = (value: unknown): unknown => {
  if (typeof value !== 'string' || !DECIMAL_INTEGER.test(value)) return value
  const number = Number(value)
  return Number.isSafeInteger(number) ? number : value
}

/** Cross-field rules read only which keys are present, so they also run when some values are wrong. */
export function onAnyMapping(): { when: (payload: { value: unknown }) => boolean } {
  return { when: payload => isPlainMapping(payload.value) }
}

export type Context = z.RefinementCtx

export function report(
  ctx: Context,
  message: string,
  rule: string,
  path: Array<string | number> = [],
  laterOf?: string[]
): void {
  const params: RuleParams = laterOf ? { rule, laterOf } : { rule }
  ctx.addIssue({ code: 'custom', message, path, params })
}

/** A key with a value: null means not given. */
export function givenIn(mapping: Record<string, unknown>): (key: string) => boolean {
  return key => mapping[key] !== undefined && mapping[key] !== null
}

/** "a, b and c" */
export function listed(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/** Keys real clients send although the documented request lacks them: placed in the body where written. */
export const undocumentedKeys = z.registry()

/** Declares a key real clients send although the documented request lacks it. */
export function undocumented<T extends z.ZodType>(schema: T): T {
  undocumentedKeys.add(schema)
  return schema
}

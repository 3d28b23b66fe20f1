/**
 * The unknown-key and null policy, one mechanism for every API: the tree is walked against the zod object
 * shapes, so what a schema declares is all it takes for both APIs to behave alike.
 * - `null` at an optional key means "not given": the key is left out of what is parsed and sent.
 * - A key a shape does not declare is kept and sent as it is; it is an error only when it is a likely
 *   misspelling of a declared key (the service would silently ignore the value the user meant to set).
 */
import type { z } from 'zod'
import type { DefinitionPath } from './load.js'
import { undocumentedKeys } from './rules.js'
import { nearestKey } from './suggest.js'
import { entryText, isPlainMapping, setEntry, writtenEntry } from './yaml.js'

type Schema = z.core.$ZodType

interface Def {
  type: string
  innerType?: Schema
  in?: Schema
  out?: Schema
  shape?: Record<string, Schema>
  element?: Schema
  getter?: () => Schema
}

const defOf = (schema: Schema): Def => schema._zod.def as unknown as Def
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'])

/** The schema that reads the value: past optional/default wrappers and preprocessing. */
export function unwrap(schema: Schema): Schema {
  let current = schema
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(current)
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType
    else if (def.type === 'pipe' && def.in && def.out)
      current = defOf(def.in).type === 'transform' ? def.out : def.in
    else if (def.type === 'lazy' && def.getter) current = def.getter()
    else return current
  }
  return current
}

/** The declared keys of the mapping at `path`, or undefined where the schema has no object shape. */
export function shapeAt(schema: Schema, path: DefinitionPath): Record<string, Schema> | undefined {
  let current: Schema | undefined = unwrap(schema)
  for (const segment of path) {
    const def = defOf(current)
    if (def.type === 'object' && typeof segment === 'string') current = def.shape?.[segment]
    else if (def.type === 'array' && typeof segment === 'number') current = def.element
    else return undefined
    if (current === undefined) return undefined
    current = unwrap(current)
  }
  const def = defOf(current)
  return def.type === 'object' ? def.shape : undefined
}

export function knownKeysAt(schema: Schema, path: DefinitionPath): readonly string[] {
  return Object.keys(shapeAt(schema, path) ?? {})
}

/** Declared keys whose value is not checked: sent as written, like undeclared ones. */
const ANY_VALUE = new Set(['unknown', 'any'])
const isOptional = (schema: Schema): boolean => schema._zod.optin === 'optional'

/** An undeclared key: `suggestion` is set when it is a likely misspelling of a declared one. */
export interface UnknownKey {
  /** Path of the key itself. */
  path: DefinitionPath
  key: string
  known: readonly string[]
  suggestion?: string
}

export interface PreparedTree {
  /**
   * A copy of the tree without the nulls at optional keys: what the schema parses. A misspelt key is read
   * under the key it likely meant, so the rules do not also report that key as missing.
   */
  value: unknown
  unknown: UnknownKey[]
  /** Paths of the keys read in place of a misspelt one: issues under them are the misspelling's. */
  readAsMeant: DefinitionPath[]
}

/** Copies `tree` for parsing (dropping nulls at optional keys) and lists the keys no shape declares. */
export function prepareTree(
  tree: unknown,
  schema: Schema,
  otherApiKeys: Readonly<Record<string, string>> = {}
): PreparedTree {
  const w: Walk = { unknown: [], otherApiKeys, readAsMeant: [] }
  const value = walk(tree, schema, [], w)
  return { value, unknown: w.unknown, readAsMeant: w.readAsMeant }
}

interface Walk {
  unknown: UnknownKey[]
  /** Keys of the other API and the key this API has for them (v2's `name` is v1's `label`). */
  otherApiKeys: Readonly<Record<string, string>>
  readAsMeant: DefinitionPath[]
}

function walk(value: unknown, schema: Schema, path: DefinitionPath, w: Walk): unknown {
  const inner = unwrap(schema)
  const def = defOf(inner)
  if (def.type === 'array' && def.element && Array.isArray(value)) {
    const element = def.element
    return value.map((item: unknown, index) => walk(item, element, [...path, index], w))
  }
  if (def.type !== 'object' || !def.shape || !isPlainMapping(value)) return value
  const shape = def.shape
  const known = Object.keys(shape)
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const declared = Object.hasOwn(shape, key) ? shape[key] : undefined
    if (declared === undefined) {
      const meant = Object.hasOwn(w.otherApiKeys, key) ? w.otherApiKeys[key] : undefined
      const suggestion = meant !== undefined && known.includes(meant) ? meant : nearestKey(key, known)
      w.unknown.push({ path: [...path, key], key, known, ...(suggestion !== undefined && { suggestion }) })
      const meantSchema = suggestion === undefined ? undefined : shape[suggestion]
      if (suggestion !== undefined && meantSchema && !Object.hasOwn(value, suggestion)) {
        setEntry(copy, suggestion, walk(item, meantSchema, [...path, suggestion], w))
        w.readAsMeant.push([...path, suggestion])
      } else setEntry(copy, key, writtenEntry(value, key))
    } else if (item === null && isOptional(declared)) {
      continue
    } else if (ANY_VALUE.has(defOf(unwrap(declared)).type)) {
      setEntry(copy, key, writtenEntry(value, key))
    } else if (typeof item === 'boolean' && defOf(unwrap(declared)).type === 'string') {
      // A text field keeps the boolean's source text: `False` is sent as "False".
      setEntry(copy, key, entryText(value, key, item))
    } else {
      setEntry(copy, key, walk(item, declared, [...path, key], w))
    }
  }
  return copy
}

/**
 * The parsed output with each undeclared (or undocumented) key back in its place: right after the
 * documented key that precedes it in the source (documented keys keep the schema's order, the body's order).
 * With `order: 'source'` every key keeps the order it was written in.
 */
export function placeUnknownKeys(
  output: unknown,
  source: unknown,
  schema: Schema,
  order: 'schema' | 'source' = 'schema'
): unknown {
  const inner = unwrap(schema)
  const def = defOf(inner)
  if (def.type === 'array' && def.element && Array.isArray(output) && Array.isArray(source)) {
    const element = def.element
    return output.map((item: unknown, index) => placeUnknownKeys(item, source[index], element, order))
  }
  if (def.type !== 'object' || !def.shape || !isPlainMapping(output) || !isPlainMapping(source)) return output
  const shape = def.shape
  const after = new Map<string | undefined, string[]>()
  let previous: string | undefined
  const floating = (key: string): boolean => {
    const declared = Object.hasOwn(shape, key) ? shape[key] : undefined
    return order === 'source' || declared === undefined || undocumentedKeys.has(declared)
  }
  for (const key of Object.keys(source)) {
    if (!floating(key)) {
      if (Object.hasOwn(output, key)) previous = key
    } else if (Object.hasOwn(output, key)) {
      const list = after.get(previous) ?? []
      list.push(key)
      after.set(previous, list)
    }
  }
  const placed: Record<string, unknown> = {}
  const put = (key: string, item: unknown) => setEntry(placed, key, item)
  const floatingValue = (key: string): unknown => {
    const declared = Object.hasOwn(shape, key) ? shape[key] : undefined
    return declared ? placeUnknownKeys(output[key], source[key], declared, order) : output[key]
  }
  for (const key of after.get(undefined) ?? []) put(key, floatingValue(key))
  for (const key of Object.keys(output)) {
    const declared = Object.hasOwn(shape, key) ? shape[key] : undefined
    if (declared === undefined || floating(key)) continue
    put(key, placeUnknownKeys(output[key], source[key], declared, order))
    for (const extra of after.get(key) ?? []) put(extra, floatingValue(extra))
  }
  return placed
}

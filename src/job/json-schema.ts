/**
 * JSON Schemas of the job file, generated from the zod schemas, for editors (yaml-language-server). They say
 * what a schema can: keys, types, lengths, patterns, required keys; the rules across fields stay the action's.
 * They describe the file as written, so the conveniences (a parameter mapping, numbers as text) are in them.
 * Editors flag every key the request does not document; the action only fails on likely misspellings.
 * `null` at an optional key means not given, in the editor as in the action.
 */
import { z } from 'zod'
import { booleanAsText, decimalAsNumber } from './rules.js'
import type { Api } from './profile.js'
import { v1Profile } from './v1/profile.js'
import { v2Profile } from './v2/profile.js'

type JsonSchema = Record<string, unknown>

const SCALAR = { type: ['string', 'number', 'boolean'] }

interface PipeDef {
  type: string
  in?: { _zod: { def: { type: string; transform?: unknown } } }
}

/** The JSON Schema of the job file for one API, as committed under schemas/. */
export function jobFileJsonSchema(api: Api): JsonSchema {
  const profile = api === 'v1' ? v1Profile : v2Profile
  const schema = z.toJSONSchema(profile.schema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const ctx = { zodSchema, jsonSchema: jsonSchema as JsonSchema }
      const def = ctx.zodSchema._zod.def as unknown as PipeDef
      const transform = def.type === 'pipe' ? def.in?._zod.def.transform : undefined
      if (transform === booleanAsText) {
        // Text: YAML numbers and booleans are read as their text.
        const { type: _type, ...rest } = ctx.jsonSchema
        Object.assign(ctx.jsonSchema, rest, { type: ['string', 'number', 'boolean'] })
        if (rest.maxLength !== undefined || rest.pattern !== undefined) ctx.jsonSchema.type = 'string'
      } else if (transform === decimalAsNumber) {
        // Whole numbers may be written as decimal text ("1").
        const integer: JsonSchema = { ...ctx.jsonSchema, type: 'integer' }
        delete integer.maximum
        for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key]
        ctx.jsonSchema.anyOf = [integer, { type: 'string', pattern: '^-?[0-9]+$' }]
      } else if (def.type === 'pipe' && ctx.jsonSchema.type === 'array') {
        // A parameter list may also be written as a mapping of names to values.
        const list = { ...ctx.jsonSchema }
        for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key]
        ctx.jsonSchema.anyOf = [list, { type: 'object', additionalProperties: SCALAR }]
      }
    }
  }) as JsonSchema
  closeObjects(schema)
  acceptNullWhereOptional(schema)
  return {
    $schema: schema.$schema,
    title: `ModelArts ${api} training job file`,
    description:
      api === 'v1'
        ? 'The body of POST /v1/{project_id}/training-jobs, as a YAML or JSON job file.'
        : 'The body of POST /v2/{project_id}/training-jobs, as a YAML or JSON job file.',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema'))
  }
}

/** Loose objects come out as `additionalProperties: {}`; in the editor, unknown keys are flagged. */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(closeObjects)
    return
  }
  if (typeof node !== 'object' || node === null) return
  const schema = node as JsonSchema
  const extra = schema.additionalProperties
  if (
    schema.properties !== undefined &&
    typeof extra === 'object' &&
    extra !== null &&
    Object.keys(extra).length === 0
  ) {
    schema.additionalProperties = false
  }
  Object.values(schema).forEach(closeObjects)
}

/** Every property an object does not require also takes null (the vendor's Python SDK sends `job_desc: null`). */
function acceptNullWhereOptional(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(acceptNullWhereOptional)
    return
  }
  if (typeof node !== 'object' || node === null) return
  const schema = node as JsonSchema
  Object.values(schema).forEach(acceptNullWhereOptional)
  const properties = schema.properties
  if (typeof properties !== 'object' || properties === null) return
  const required = new Set(Array.isArray(schema.required) ? (schema.required as unknown[]) : [])
  const byKey = properties as Record<string, JsonSchema>
  for (const key of Object.keys(byKey)) if (!required.has(key)) byKey[key] = orNull(byKey[key]!)
}

/** `schema` or null, written as plainly as the schema allows. */
function orNull(schema: JsonSchema): JsonSchema {
  if (Object.keys(schema).length === 0) return schema
  const NULL = { type: 'null' }
  if (Array.isArray(schema.anyOf)) return { ...schema, anyOf: [...(schema.anyOf as unknown[]), NULL] }
  if (Array.isArray(schema.enum)) return { anyOf: [schema, NULL] }
  const { type } = schema
  if (typeof type === 'string') return { ...schema, type: [type, 'null'] }
  if (Array.isArray(type)) return { ...schema, type: [...(type as unknown[]), 'null'] }
  return { anyOf: [schema, NULL] }
}

/**
 * The committed JSON Schemas (schemas/job-v1.schema.json, job-v2.schema.json) are what the zod schemas
 * generate, and they accept every valid fixture and reject the invalid ones a schema can express.
 * `npm run schemas` rewrites them (this file with WRITE_SCHEMAS=1).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { parse } from 'yaml'
import { jobFileJsonSchema } from '../../src/job/json-schema.js'
import { jobFiles, jobSource } from './fixtures.js'

const APIS = ['v1', 'v2'] as const
const path = (api: string) => join(process.cwd(), 'schemas', `job-${api}.schema.json`)
const generated = (api: (typeof APIS)[number]) => `${JSON.stringify(jobFileJsonSchema(api), null, 2)}\n`

if (process.env.WRITE_SCHEMAS === '1') for (const api of APIS) writeFileSync(path(api), generated(api))

const committed = (api: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path(api), 'utf8')) as Record<string, unknown>
const ajv = new Ajv2020({ allErrors: true, strict: false })
const validators = { v1: ajv.compile(committed('v1')), v2: ajv.compile(committed('v2')) }
/** A fixture as an editor sees it: YAML read with its types (numbers as numbers). */
const asData = (relative: string): unknown => parse(jobSource(relative).text) as unknown

describe('committed JSON Schemas', () => {
  it.each(APIS)('job-%s.schema.json is in sync with the zod schema (npm run schemas rewrites it)', api => {
    expect(readFileSync(path(api), 'utf8')).toBe(generated(api))
  })

  const valid = [
    ...jobFiles('valid').map(name => ['v1', `valid/${name}`] as const),
    ...jobFiles('vendor').map(name => ['v1', `vendor/${name}`] as const),
    ...jobFiles('v2/samples').map(name => ['v2', `v2/samples/${name}`] as const),
    ['v2', 'v2/own-code.yaml'] as const,
    // null at an optional key means not given, in the editor as in the action.
    ['v2', 'v2/null-optionals.yaml'] as const
  ]
  it.each(valid)('the %s schema accepts %s', (api, relative) => {
    const validate = validators[api]
    expect(validate(asData(relative)) ? [] : validate.errors).toEqual([])
  })

  /** Invalid fixtures whose problem is a key, a type, a length or a pattern (not a rule across fields). */
  const invalid = [
    ['v1', 'invalid/missing-required.yaml'],
    ['v1', 'invalid/top-level.yaml'],
    ['v1', 'invalid/types.yaml'],
    ['v1', 'invalid/unknown-keys.yaml'],
    ['v1', 'invalid/parameter.yaml'],
    ['v1', 'invalid/volumes.yaml'],
    ['v1', 'invalid/warnings.yaml'],
    ['v1', 'invalid/data-source-items.yaml'],
    ['v2', 'v2/invalid/mixed.yaml'],
    ['v2', 'v2/invalid/types.yaml'],
    ['v2', 'v2/invalid/unknown-keys.yaml'],
    // Environment names and values: rule 7 is in the schema as propertyNames and value patterns.
    ['v2', 'v2/invalid/rules-code.yaml']
  ] as const
  it.each(invalid)('the %s schema rejects %s', (api, relative) => {
    expect(validators[api](asData(relative))).toBe(false)
  })

  it('takes null only where a key is optional, as the action does', () => {
    const v1 = { job_name: 'n', config: { worker_server_num: 1, model_id: 1, data_url: '/b/', spec_id: 1 } }
    expect(validators.v1({ ...v1, job_desc: null, config: { ...v1.config, pool_id: null } })).toBe(true)
    expect(validators.v1({ ...v1, job_name: null })).toBe(false)
    expect(validators.v1({ ...v1, config: { ...v1.config, worker_server_num: null } })).toBe(false)
    const v2 = asData('v2/own-code.yaml') as { metadata: Record<string, unknown> }
    expect(validators.v2({ ...v2, metadata: { ...v2.metadata, description: null } })).toBe(true)
    expect(validators.v2({ ...v2, metadata: { ...v2.metadata, name: null } })).toBe(false)
  })
})

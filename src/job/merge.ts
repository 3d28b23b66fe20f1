/** How the raw strings of the definition inputs merge over the job file's values, and which input set what. */
import type { Diagnostic } from './diagnostic.js'
import type { DefinitionPath } from './load.js'
import type { Api } from './profile.js'
import { copyEntry, entryText, isPlainMapping, readYamlText, setEntry } from './yaml.js'
import {
  DEFINITION_INPUT_NAMES,
  TOP_LEVEL_INPUT_NAMES,
  type DefinitionInputName,
  type DefinitionInputs
} from './input-names.js'

export { DEFINITION_INPUT_NAMES, type DefinitionInputName, type DefinitionInputs }

const TOP_LEVEL = new Set<string>(TOP_LEVEL_INPUT_NAMES)
const WRITTEN_AS_YAML = new Set<string>(['parameter', 'data_source', 'volumes'])
const TRUE_OR_FALSE = /^(?:true|false)$/i

/** The input that carries the deep-merged mapping. */
export const OVERRIDES_INPUT = 'overrides'

/** Where v2 takes the inputs it shares with v1 (reference §11). */
const V2_TARGETS: Partial<Record<DefinitionInputName, readonly string[]>> = {
  job_name: ['metadata', 'name'],
  job_desc: ['metadata', 'description'],
  workspace_id: ['metadata', 'workspace_id'],
  parameter: ['algorithm', 'parameters']
}

/** For a v1-only input given with a v2 definition: the v2 field to set instead (reference §11). */
export const V2_FIELD_FOR_V1_INPUT: Readonly<Record<string, string>> = {
  worker_server_num: 'spec.resource.node_count',
  app_url: 'algorithm.code_dir',
  boot_file_url: 'algorithm.boot_file',
  data_url: 'algorithm.inputs (an item {name: data_url, remote: {obs: {obs_url: ...}}})',
  dataset_id: 'algorithm.inputs (an item with remote: {dataset: {id, version_id}})',
  dataset_version_id: 'algorithm.inputs (an item with remote: {dataset: {id, version_id}})',
  data_source: 'algorithm.inputs (one item per source)',
  spec_id: 'spec.resource.flavor_id',
  pool_id: 'spec.resource.pool_id',
  engine_id: 'algorithm.engine.engine_id (or engine_name with engine_version)',
  model_id: 'algorithm.id (or subscription_id with item_version_id)',
  train_url: 'algorithm.outputs (an item {name: train_url, remote: {obs: {obs_url: ...}}})',
  log_url: 'spec.log_export_path.obs_url',
  user_image_url: 'algorithm.engine.image_url',
  user_command: 'algorithm.command',
  create_version: 'nothing: v2 has no versions, each run is a new job (see if_exists)',
  volumes: 'spec.volumes'
}

/** Where each field of the merged tree came from: the input that set it (or a mapping above it). */
export class InputOrigins {
  private readonly byPath = new Map<string, string>()
  private readonly order: string[] = []

  set(path: DefinitionPath, input: string): void {
    this.byPath.set(JSON.stringify(path), input)
    if (!this.order.includes(input)) this.order.push(input)
  }

  /** The input that set `path` or the nearest mapping or list above it. */
  at(path: DefinitionPath): string | undefined {
    for (let length = path.length; length > 0; length--) {
      const input = this.byPath.get(JSON.stringify(path.slice(0, length)))
      if (input !== undefined) return input
    }
    return undefined
  }

  /** Inputs applied later rank higher. */
  rank(input: string): number {
    return this.order.indexOf(input)
  }
}

export interface MergedDefinition {
  tree: Record<string, unknown>
  origins: InputOrigins
  /** Structured inputs that are not valid YAML, inputs that do not belong to the API. */
  diagnostics: Diagnostic[]
}

function inputProblem(input: string, rule: string, message: string, path: DefinitionPath): Diagnostic {
  return { severity: 'error', rule, message, input, path: [...path] }
}

/** Each given input replaces its field; `tree` (the job file's top level, or {}) is changed in place. */
export function mergeInputs(
  tree: Record<string, unknown>,
  inputs: DefinitionInputs,
  api: Api = 'v1',
  origins: InputOrigins = new InputOrigins()
): MergedDefinition {
  const diagnostics: Diagnostic[] = []
  for (const name of DEFINITION_INPUT_NAMES) {
    const raw = inputs[name]
    if (raw === undefined || raw.trim() === '') continue
    const target: readonly string[] | undefined =
      api === 'v1' ? (TOP_LEVEL.has(name) ? [name] : ['config', name]) : V2_TARGETS[name]
    if (target === undefined) {
      const instead = V2_FIELD_FOR_V1_INPUT[name] ?? 'the matching v2 field'
      const message = `The ${name} input sets a v1 field, but this is a v2 job definition; set ${instead} instead, in the job file or in the \`overrides\` input.`
      diagnostics.push(inputProblem(name, 'Input for v1', message, []))
      continue
    }
    let value: unknown = raw
    if (WRITTEN_AS_YAML.has(name)) {
      const read = readYamlText(raw)
      if (read.problem !== undefined) {
        const message = `The ${name} input is not valid YAML (${read.problem}); write it as a YAML list or mapping.`
        diagnostics.push(inputProblem(name, 'YAML syntax', message, target))
        continue
      }
      value = read.value
    } else if (name === 'create_version' && TRUE_OR_FALSE.test(raw)) {
      value = raw.toLowerCase() === 'true'
    }
    const parent = containerAt(tree, target.slice(0, -1))
    // A parent in the job file that is not a mapping is reported by the schema; inputs cannot repair it.
    if (!parent) continue
    setEntry(parent, target[target.length - 1] ?? name, value)
    origins.set(target, name)
  }
  return { tree, origins, diagnostics }
}

/** The mapping at `path`, made where it is missing or empty (an empty `config:` is a place to fill). */
function containerAt(
  tree: Record<string, unknown>,
  path: readonly string[]
): Record<string, unknown> | undefined {
  let current = tree
  for (const key of path) {
    const next = current[key]
    if (next === undefined || next === null) {
      const made: Record<string, unknown> = {}
      setEntry(current, key, made)
      current = made
    } else if (isPlainMapping(next)) current = next
    else return undefined
  }
  return current
}

/** Top-level keys that only one API has: they tell the APIs apart. */
export const V1_KEYS: ReadonlySet<string> = new Set(['config', 'job_name', 'job_desc', 'workspace_id'])
export const V2_KEYS: ReadonlySet<string> = new Set(['kind', 'metadata', 'algorithm', 'spec'])

/** Reads the `overrides` input: a YAML mapping, or the problem with it. */
export function readOverrides(raw: string): { value?: Record<string, unknown>; diagnostics: Diagnostic[] } {
  const read = readYamlText(raw)
  if (read.problem !== undefined) {
    const message = `The overrides input is not valid YAML (${read.problem}); write it as a YAML mapping.`
    return { diagnostics: [inputProblem(OVERRIDES_INPUT, 'YAML syntax', message, [])] }
  }
  if (read.value === null || read.value === undefined) return { diagnostics: [] }
  if (!isPlainMapping(read.value)) {
    const message =
      'The overrides input must be a YAML mapping of the job definition keys to change (e.g. `metadata: {description: ...}`).'
    return { diagnostics: [inputProblem(OVERRIDES_INPUT, 'Overrides', message, [])] }
  }
  return { value: read.value, diagnostics: [] }
}

/**
 * Deep-merges `overrides` over the definition: mappings key by key; lists whose items all have a `name`
 * (parameters, inputs, outputs) item by item on `name`; anything else replaced whole.
 */
export function applyOverrides(
  tree: Record<string, unknown>,
  overrides: Record<string, unknown>,
  api: Api,
  origins: InputOrigins
): Diagnostic[] {
  const foreign = api === 'v1' ? V2_KEYS : V1_KEYS
  const diagnostics: Diagnostic[] = []
  for (const key of Object.keys(overrides)) {
    if (!foreign.has(key)) continue
    const other = api === 'v1' ? 'v2' : 'v1'
    const message = `The overrides input mixes v1 and v2 keys: \`${key}\` is a ${other} key, but this is a ${api} job definition; write the ${api} field instead.`
    diagnostics.push(inputProblem(OVERRIDES_INPUT, 'API version', message, [key]))
  }
  if (diagnostics.length > 0) return diagnostics
  mergeMapping(tree, overrides, [], { origins, parameters: PARAMETERS[api] })
  return diagnostics
}

/**
 * The parameter list of each API, which may also be written as a mapping {name: value}, and the key its
 * items are merged on (v1 items have a `label` where v2 items have a `name`).
 */
const PARAMETERS: Readonly<Record<Api, { path: string; key: string }>> = {
  v1: { path: JSON.stringify(['config', 'parameter']), key: 'label' },
  v2: { path: JSON.stringify(['algorithm', 'parameters']), key: 'name' }
}

interface Merge {
  origins: InputOrigins
  parameters: { path: string; key: string }
}

function mergeMapping(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
  path: DefinitionPath,
  merge: Merge
): void {
  for (const key of Object.keys(source)) {
    let from = source[key]
    let into = target[key]
    const here = [...path, key]
    const isParameters = JSON.stringify(here) === merge.parameters.path
    const itemKey = isParameters ? merge.parameters.key : 'name'
    // Parameters written as a mapping on one side and as a list on the other merge item by item too.
    if (isParameters) {
      if (isPlainMapping(from) && Array.isArray(into)) from = mappingAsItems(from, itemKey)
      else if (Array.isArray(from) && isPlainMapping(into)) {
        into = mappingAsItems(into, itemKey)
        setEntry(target, key, into)
      }
    }
    if (isPlainMapping(from) && isPlainMapping(into)) {
      mergeMapping(into, from, here, merge)
      // The schema reads a parameter mapping as a list, so its problems come at item positions: mark those too.
      if (isParameters) {
        const names = Object.keys(into)
        for (const name of Object.keys(from))
          merge.origins.set([...here, names.indexOf(name)], OVERRIDES_INPUT)
      }
    } else if (
      Array.isArray(from) &&
      Array.isArray(into) &&
      allKeyed(from, itemKey) &&
      allKeyed(into, itemKey)
    )
      mergeKeyedList(into, from, here, itemKey, merge)
    else {
      copyEntry(target, key, source, key)
      merge.origins.set(here, OVERRIDES_INPUT)
    }
  }
}

/** The mapping form {name: value} as the list the API takes, as the schemas read it: values keep their source text. */
function mappingAsItems(mapping: Record<string, unknown>, itemKey: string): Record<string, unknown>[] {
  return Object.keys(mapping).map(name => {
    const item: Record<string, unknown> = {}
    setEntry(item, itemKey, name)
    setEntry(item, 'value', entryText(mapping, name, mapping[name]))
    return item
  })
}

function mergeKeyedList(
  target: unknown[],
  source: unknown[],
  path: DefinitionPath,
  itemKey: string,
  merge: Merge
): void {
  for (const item of source) {
    if (!isPlainMapping(item)) continue
    const index = target.findIndex(
      existing => isPlainMapping(existing) && existing[itemKey] === item[itemKey]
    )
    const existing = target[index]
    if (index >= 0 && isPlainMapping(existing)) {
      mergeMapping(existing, item, [...path, index], merge)
    } else {
      target.push(item)
      merge.origins.set([...path, target.length - 1], OVERRIDES_INPUT)
    }
  }
}

const allKeyed = (list: unknown[], itemKey: string): boolean =>
  list.every(item => isPlainMapping(item) && typeof item[itemKey] === 'string')

/** The one entry point: job file and inputs to the request body of either API, or to everything wrong with them. */
import type { Diagnostic } from './diagnostic.js'
import { Diagnoser, valueAt, type DiagnosticPlace } from './explain.js'
import {
  applyOverrides,
  InputOrigins,
  mergeInputs,
  readOverrides,
  V1_KEYS,
  V2_KEYS,
  type DefinitionInputs
} from './merge.js'
import { placeUnknownKeys, prepareTree } from './keys.js'
import { loadJobFile, type DefinitionPath, type JobFileMap, type JobSource } from './load.js'
import type { Api, ApiProfile } from './profile.js'
import { v1Profile } from './v1/profile.js'
import type { V1JobDefinition } from './v1/schema.js'
import { v2Profile } from './v2/profile.js'
import type { V2JobDefinition } from './v2/schema.js'
import { isPlainMapping } from './yaml.js'

/** The `api_version` input: `auto` reads the API from the job file's keys (or, with no file, from the inputs). */
export type ApiVersion = 'auto' | Api

export interface BuildOptions {
  /** Default `auto`. */
  apiVersion?: ApiVersion
  /** The raw `overrides` input: a YAML mapping deep-merged over the definition ('' = none). */
  overrides?: string
}

/** Where a problem with the value at a definition path is reported: its input, or its line in the job file. */
export type LocateInJob = (path: DefinitionPath) => DiagnosticPlace

/**
 * `definition` is set exactly when no diagnostic is an error; `locate` comes with it, so that later checks
 * (the pre-flight against the service's lists) report at the same places as validation does.
 */
export type BuildResult =
  | { api: 'v1'; definition?: V1JobDefinition; locate?: LocateInJob; diagnostics: Diagnostic[] }
  | { api: 'v2'; definition?: V2JobDefinition; locate?: LocateInJob; diagnostics: Diagnostic[] }

/** A definition without errors, with its API: what a create sends and its summary describes. */
export type ValidDefinition =
  { api: 'v1'; definition: V1JobDefinition } | { api: 'v2'; definition: V2JobDefinition }

/** The job name the definition asks for (v1 `job_name`, v2 `metadata.name`). */
export const definitionName = (valid: ValidDefinition): string =>
  valid.api === 'v1' ? valid.definition.job_name : valid.definition.metadata.name

const PROFILES: Readonly<Record<Api, ApiProfile>> = { v1: v1Profile, v2: v2Profile }

/**
 * Reads the job file (if any), tells the API, lets each given input and then `overrides` replace their fields,
 * and validates the result. Pure: no file system, no @actions/core. All problems are reported at once, by
 * position in the file, or by the input that set the value.
 */
export function buildJobDefinition(
  source: JobSource | undefined,
  inputs: DefinitionInputs,
  options: BuildOptions = {}
): BuildResult {
  const apiVersion = options.apiVersion ?? 'auto'
  let tree: Record<string, unknown> = {}
  let map: JobFileMap | undefined
  if (source) {
    const loaded = loadJobFile(source)
    if (!loaded.tree) return { api: apiVersion === 'v2' ? 'v2' : 'v1', diagnostics: loaded.diagnostics }
    tree = loaded.tree
    map = loaded.map
  }
  const overrides = readOverrides(options.overrides ?? '')
  const detected = detectApi(tree, map, overrides.value, apiVersion)
  const api = detected.api
  if (detected.diagnostics.length > 0 || overrides.diagnostics.length > 0) {
    return { api, diagnostics: [...detected.diagnostics, ...overrides.diagnostics] }
  }

  const origins = new InputOrigins()
  const merged = mergeInputs(tree, inputs, api, origins)
  const problems = [...merged.diagnostics]
  if (overrides.value) problems.push(...applyOverrides(tree, overrides.value, api, origins))
  if (problems.length > 0) return { api, diagnostics: problems }
  // Without a job file every field comes from an input, so a missing config field names its input.
  if (!source && api === 'v1' && !isPlainMapping(tree.config)) tree.config = {}

  const profile = PROFILES[api]
  const tooLong = listsTooLong(tree, profile, map, origins)
  if (tooLong.length > 0) return { api, diagnostics: tooLong }
  const prepared = prepareTree(tree, profile.schema, profile.otherApiKeys)
  const result = profile.schema.safeParse(prepared.value)
  const diagnoser = new Diagnoser(profile, tree, origins, map)
  const diagnostics = capped(
    [
      ...diagnoser.fromUnknownKeys(prepared.unknown),
      ...(result.success ? [] : diagnoser.fromIssues(result.error.issues, prepared.readAsMeant)),
      ...diagnoser.warnings()
    ],
    source?.file
  )
  if (!result.success || diagnostics.some(d => d.severity === 'error')) return { api, diagnostics }
  const definition = placeUnknownKeys(result.data, prepared.value, profile.schema, profile.keyOrder)
  const locate: LocateInJob = path => diagnoser.locate(path)
  if (api === 'v1') return { api, definition: definition as V1JobDefinition, locate, diagnostics }
  const v2 = definition as V2JobDefinition
  // The service's samples all send kind first; a body built without one (no file, or a file without it) too.
  return { api, definition: v2.kind === undefined ? { kind: 'job', ...v2 } : v2, locate, diagnostics }
}

/**
 * Which API a definition is for: a file's top-level keys decide (config → v1; kind, metadata, algorithm,
 * spec → v2); a file with both is an error at each key of the API its first deciding key is not; an explicit
 * api_version that the file contradicts is an error. With no deciding key, v2 keys in `overrides` mean v2, else
 * v1 (the inputs that both APIs share cannot tell; a v1-only input is v1 anyway).
 */
export function detectApi(
  tree: Record<string, unknown>,
  map: JobFileMap | undefined,
  overrides: Record<string, unknown> | undefined,
  apiVersion: ApiVersion
): { api: Api; diagnostics: Diagnostic[] } {
  const keys = Object.keys(tree)
  const first = keys.find(key => key === 'config' || V2_KEYS.has(key))
  if (first !== undefined && map) {
    const fileApi: Api = first === 'config' ? 'v1' : 'v2'
    const foreign = fileApi === 'v1' ? V2_KEYS : V1_KEYS
    const mixed = keys.filter(key => foreign.has(key))
    if (mixed.length > 0) {
      const diagnostics = mixed.map(key => {
        const other: Api = fileApi === 'v1' ? 'v2' : 'v1'
        const message = `This job file mixes v1 and v2 keys: \`${key}\` is a ${other} key, but \`${first}\` makes it a ${fileApi} file; write the whole file for one API (README: "Moving a v1 job file to v2").`
        return atKey(map, key, 'API version', message)
      })
      return { api: fileApi, diagnostics }
    }
    if (apiVersion !== 'auto' && apiVersion !== fileApi) {
      const message = `The api_version input is ${apiVersion}, but this is a ${fileApi} job file (it has \`${first}\`); set api_version to ${fileApi} or auto, or write the file for ${apiVersion}.`
      return { api: apiVersion, diagnostics: [atKey(map, first, 'API version', message)] }
    }
    return { api: fileApi, diagnostics: [] }
  }
  if (apiVersion !== 'auto') return { api: apiVersion, diagnostics: [] }
  const overrideKeys = Object.keys(overrides ?? {})
  if (overrideKeys.some(key => V2_KEYS.has(key))) return { api: 'v2', diagnostics: [] }
  return { api: 'v1', diagnostics: [] }
}

function atKey(map: JobFileMap, key: string, rule: string, message: string): Diagnostic {
  const node = map.locate([key])?.key ?? map.documentStart()
  const diagnostic: Diagnostic = { severity: 'error', rule, message, file: map.file, path: [key] }
  if (node) Object.assign(diagnostic, map.span(node))
  return diagnostic
}

/** More problems than this in one file are counted, not listed: the first ones are what needs fixing. */
export const MAX_PROBLEMS_PER_FILE = 100

/**
 * One error per list longer than the API accepts (the profile's listLimits), before the schema sees (and
 * reports on) every item: bounds memory and time.
 */
function listsTooLong(
  tree: Record<string, unknown>,
  profile: ApiProfile,
  map: JobFileMap | undefined,
  origins: InputOrigins
): Diagnostic[] {
  const problems: Diagnostic[] = []
  for (const [dotted, max] of Object.entries(profile.listLimits)) {
    const path = dotted.split('.')
    const value = valueAt(tree, path)
    const count = Array.isArray(value) ? value.length : isPlainMapping(value) ? Object.keys(value).length : 0
    if (count <= max) continue
    const diagnostic: Diagnostic = {
      severity: 'error',
      rule: 'List size',
      message: `\`${dotted}\` has ${count} items; at most ${max} are accepted.`,
      path
    }
    const input = origins.at(path)
    if (input !== undefined) diagnostic.input = input
    else if (map) {
      const spot = map.locate(path)
      const node = spot?.key ?? spot?.value
      diagnostic.file = map.file
      if (node) Object.assign(diagnostic, map.span(node))
    }
    problems.push(diagnostic)
  }
  return problems
}

/** In reading order; past the cap, one closing line says how many more there are. */
function capped(diagnostics: Diagnostic[], file: string | undefined): Diagnostic[] {
  const ordered = byPosition(diagnostics)
  if (ordered.length <= MAX_PROBLEMS_PER_FILE) return ordered
  const errors = ordered.filter(d => d.severity === 'error').length
  const kept = ordered.slice(0, MAX_PROBLEMS_PER_FILE)
  const rest = ordered.length - kept.length
  kept.push({
    severity: errors > 0 ? 'error' : 'warning',
    rule: 'Too many problems',
    message: `${rest} more problems are not listed (at most ${MAX_PROBLEMS_PER_FILE} per file); fix the ones above first.`,
    file,
    path: []
  })
  return kept
}

/** File positions in reading order first, then the diagnostics about inputs in the order found. */
function byPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic) =>
    d.line === undefined ? Number.MAX_SAFE_INTEGER : d.line * 1e6 + (d.column ?? 0)
  return diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort((a, b) => rank(a.diagnostic) - rank(b.diagnostic) || a.index - b.index)
    .map(({ diagnostic }) => diagnostic)
}

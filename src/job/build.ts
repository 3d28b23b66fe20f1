/** The one entry point: job file and inputs to the request body, or to everything wrong with them. */
import type { Diagnostic } from './diagnostic.js'
import { Diagnoser } from './explain.js'
import { mergeInputs, type DefinitionInputs } from './merge.js'
import { loadJobFile, type JobFileMap, type JobSource } from './load.js'
import { jobDefinitionSchema, type JobDefinition } from './v1/schema.js'
import { isPlainMapping } from './yaml.js'

export interface BuildResult {
  /** Set exactly when no diagnostic is an error. */
  definition?: JobDefinition
  diagnostics: Diagnostic[]
}

/**
 * Reads the job file (if any), lets each given input replace its field, and validates the result.
 * Pure: no file system, no @actions/core. All problems of a file are reported at once, by position.
 */
export function buildJobDefinition(source: JobSource | undefined, inputs: DefinitionInputs): BuildResult {
  let tree: Record<string, unknown> = {}
  let map: JobFileMap | undefined
  if (source) {
    const loaded = loadJobFile(source)
    if (!loaded.tree) return { diagnostics: loaded.diagnostics }
    tree = loaded.tree
    map = loaded.map
  }
  const merged = mergeInputs(tree, inputs)
  if (merged.diagnostics.length > 0) return { diagnostics: merged.diagnostics }
  // Without a job file every field comes from an input, so a missing config field names its input.
  if (!source && !isPlainMapping(tree.config)) tree.config = {}

  const tooLong = listsTooLong(tree, map)
  if (tooLong.length > 0) return { diagnostics: tooLong }

  const result = jobDefinitionSchema.safeParse(tree)
  const diagnoser = new Diagnoser(tree, merged.origins, map)
  const diagnostics = capped(
    [...(result.success ? [] : diagnoser.fromIssues(result.error.issues)), ...diagnoser.warnings()],
    source?.file
  )
  return result.success ? { definition: result.data, diagnostics } : { diagnostics }
}

/** Longest lists a job may have; far above what a training job uses, and they bound memory and time. */
export const MAX_LIST_ITEMS: Readonly<Record<string, number>> = {
  parameter: 1000,
  data_source: 100,
  volumes: 100
}
/** More problems than this in one file are counted, not listed: the first ones are what needs fixing. */
export const MAX_PROBLEMS_PER_FILE = 100

/** One error per over-long list, before the schema sees (and reports on) every item. */
function listsTooLong(tree: Record<string, unknown>, map: JobFileMap | undefined): Diagnostic[] {
  const config = tree.config
  if (!isPlainMapping(config)) return []
  const problems: Diagnostic[] = []
  for (const [key, max] of Object.entries(MAX_LIST_ITEMS)) {
    const value = config[key]
    const count = Array.isArray(value) ? value.length : isPlainMapping(value) ? Object.keys(value).length : 0
    if (count <= max) continue
    const diagnostic: Diagnostic = {
      severity: 'error',
      rule: 'List size',
      message: `\`config.${key}\` has ${count} items; at most ${max} are accepted.`,
      path: ['config', key]
    }
    const spot = map?.locate(['config', key])
    const node = spot?.key ?? spot?.value
    if (map) {
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
    ...(file !== undefined ? { file } : {}),
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

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

  const result = jobDefinitionSchema.safeParse(tree)
  const diagnoser = new Diagnoser(tree, merged.origins, map)
  const diagnostics = byPosition([
    ...(result.success ? [] : diagnoser.fromIssues(result.error.issues)),
    ...diagnoser.warnings()
  ])
  return result.success ? { definition: result.data, diagnostics } : { diagnostics }
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

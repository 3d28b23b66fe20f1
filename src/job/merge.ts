/** How the raw strings of the definition inputs merge over the job file's values, and which input set what. */
import type { Diagnostic } from './diagnostic.js'
import { isPlainMapping, readYamlText } from './yaml.js'
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

/** Where a field of the merged tree came from: the input that replaced it. Keys: 'job_name', 'config.spec_id'. */
export type InputOrigins = ReadonlyMap<string, DefinitionInputName>

export interface MergedDefinition {
  tree: Record<string, unknown>
  origins: InputOrigins
  /** Structured inputs that are not valid YAML. */
  diagnostics: Diagnostic[]
}

/** The input that set the value at `path`, if an input did. */
export function inputAt(
  origins: InputOrigins,
  path: ReadonlyArray<string | number>
): DefinitionInputName | undefined {
  const [first, second] = path
  if (typeof first !== 'string') return undefined
  if (first === 'config' && typeof second === 'string') return origins.get(`config.${second}`)
  return first === 'config' ? undefined : origins.get(first)
}

/** Each given input replaces its field; `tree` (the job file's top level, or {}) is changed in place. */
export function mergeInputs(tree: Record<string, unknown>, inputs: DefinitionInputs): MergedDefinition {
  const origins = new Map<string, DefinitionInputName>()
  const diagnostics: Diagnostic[] = []
  for (const name of DEFINITION_INPUT_NAMES) {
    const raw = inputs[name]
    if (raw === undefined || raw.trim() === '') continue
    let value: unknown = raw
    if (WRITTEN_AS_YAML.has(name)) {
      const read = readYamlText(raw)
      if (read.problem !== undefined) {
        diagnostics.push({
          severity: 'error',
          rule: 'YAML syntax',
          message: `The ${name} input is not valid YAML (${read.problem}); write it as a YAML list or mapping.`,
          input: name,
          path: ['config', name]
        })
        continue
      }
      value = read.value
    } else if (name === 'create_version' && TRUE_OR_FALSE.test(raw)) {
      value = raw.toLowerCase() === 'true'
    }
    if (TOP_LEVEL.has(name)) {
      tree[name] = value
      origins.set(name, name)
      continue
    }
    // An empty `config:` in the file is a place for the inputs to fill.
    if (tree.config === undefined || tree.config === null) tree.config = {}
    const config = tree.config
    // A job-file config that is not a mapping is reported by the schema; inputs cannot repair it.
    if (!isPlainMapping(config)) continue
    config[name] = value
    origins.set(`config.${name}`, name)
  }
  return { tree, origins, diagnostics }
}

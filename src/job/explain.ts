/** Schema issues and warnings as diagnostics: rule, one-sentence message, and where (file position or input). */
import type { z } from 'zod'
import type { Diagnostic, Severity } from './diagnostic.js'
import { DEFINITION_INPUT_NAMES, inputAt, type InputOrigins } from './merge.js'
import type { DefinitionPath, JobFileMap } from './load.js'
import {
  CONFIG_SHAPE,
  DATA_SOURCE_ITEM_SHAPE,
  DEFINITION_SHAPE,
  HOST_PATH_SHAPE,
  NFS_SHAPE,
  PARAMETER_ITEM_SHAPE,
  VOLUME_SHAPE,
  type RuleParams
} from './v1/schema.js'
import { nearestKey } from './suggest.js'
import { isPlainMapping } from './yaml.js'

const INPUT_NAMES = new Set<string>(DEFINITION_INPUT_NAMES)
const NOT_A_NAME_CHARACTER = /[^A-Za-z0-9_-]/
const LONGEST_QUOTE = 40
/** Ranks keys set by inputs after any offset in a job file. */
const INPUTS_RANK = 2 ** 40

/** Known keys of each kind of mapping, for "did you mean". */
const KEYS = {
  definition: Object.keys(DEFINITION_SHAPE),
  config: Object.keys(CONFIG_SHAPE),
  parameter: Object.keys(PARAMETER_ITEM_SHAPE),
  dataSource: Object.keys(DATA_SOURCE_ITEM_SHAPE),
  volume: Object.keys(VOLUME_SHAPE),
  nfs: Object.keys(NFS_SHAPE),
  hostPath: Object.keys(HOST_PATH_SHAPE)
}

/** Rule titles of keys whose value rules have a name of their own. */
const VALUE_RULES: Readonly<Record<string, string>> = {
  job_name: 'Job name',
  job_desc: 'Job description',
  worker_server_num: 'Workers',
  data_source: 'Data source',
  type: 'Data source'
}

/** What a required key holds, said when it is missing. */
const REQUIRED_HINTS: Readonly<Record<string, string>> = {
  job_name: 'the job name: 1 to 64 letters, digits, _ or -',
  config: 'the training settings',
  worker_server_num: 'the number of workers, 1 or more',
  id: 'the SFS Turbo file system id',
  src_path: 'the path to mount',
  dest_path: 'the path inside the training job'
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a whole number such as 1',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values'
}

interface Place {
  file?: string
  input?: string
  span?: { line: number; column: number; endLine: number; endColumn: number }
}

/** Turns issues and warnings about one merged definition into diagnostics. */
export class Diagnoser {
  constructor(
    private readonly tree: Record<string, unknown>,
    private readonly origins: InputOrigins,
    private readonly map: JobFileMap | undefined
  ) {}

  fromIssues(issues: readonly z.core.$ZodIssue[]): Diagnostic[] {
    // A misspelt required key is reported once: as the unknown key that suggests it, not also as missing.
    const suggested = new Set<string>()
    for (const issue of issues) {
      if (issue.code !== 'unrecognized_keys') continue
      const path = plainPath(issue.path)
      const known = keysAt(path).keys
      for (const key of issue.keys) suggested.add(JSON.stringify([...path, nearestKey(key, known)]))
    }
    return issues
      .filter(issue => !(issue.code === 'invalid_type' && this.isMissing(issue.path, suggested)))
      .flatMap(issue => this.fromIssue(issue))
  }

  private isMissing(path: readonly PropertyKey[], among: ReadonlySet<string>): boolean {
    const plain = plainPath(path)
    return among.has(JSON.stringify(plain)) && valueAt(this.tree, plain) === undefined
  }

  private fromIssue(issue: z.core.$ZodIssue): Diagnostic[] {
    const path = plainPath(issue.path)
    const value = valueAt(this.tree, path)
    const name = this.displayPath(path)
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map(key => this.unknownKey(path, key))
      case 'custom':
        return [this.crossField(path, issue.message, issue.params as RuleParams | undefined)]
      case 'invalid_type': {
        if (value === undefined) return [this.missingKey(path)]
        const expected =
          path.at(-1) === 'parameter'
            ? 'a list of label/value items, or a mapping of names to values'
            : (EXPECTED[issue.expected] ?? issue.expected)
        return [this.at(path, 'value', 'Type', `\`${name}\` must be ${expected}, not ${describe(value)}.`)]
      }
      case 'too_small': {
        const rule = this.valueRule(path)
        if (issue.origin === 'array') {
          return [
            this.at(
              path,
              'value',
              rule,
              `\`${name}\` is an empty list; add at least one item, or remove the key.`
            )
          ]
        }
        const message = `\`${name}\` must be at least ${String(issue.minimum)}, not ${String(value)}.`
        return [this.at(path, 'value', rule, message)]
      }
      case 'too_big': {
        const length = typeof value === 'string' ? value.length : 0
        const message = `\`${name}\` is ${length} characters long; shorten it to at most ${String(issue.maximum)}.`
        return [this.at(path, 'value', this.valueRule(path), message)]
      }
      case 'invalid_format': {
        const message = `\`${name}\` must be 1 to 64 characters, only letters, digits, _ and -; ${nameProblem(value)}.`
        return [this.at(path, 'value', this.valueRule(path), message)]
      }
      case 'invalid_value': {
        const allowed = issue.values.map(String).join(' or ')
        return [
          this.at(
            path,
            'value',
            this.valueRule(path),
            `\`${name}\` must be ${allowed}, not ${describe(value)}.`
          )
        ]
      }
      default:
        return [this.at(path, 'value', this.valueRule(path), `\`${name}\`: ${issue.message}.`)]
    }
  }

  /** Only the warnings the reference justifies; they never block. */
  warnings(): Diagnostic[] {
    const config = this.tree.config
    if (!isPlainMapping(config)) return []
    const found: Diagnostic[] = []
    const given = (key: string) => config[key] !== undefined && config[key] !== null
    // Table 3 gives OBS directories for outputs and logs (examples /usr/train/, /usr/log/).
    for (const [key, rule] of [
      ['train_url', 'Output directory'],
      ['log_url', 'Log directory']
    ] as const) {
      const url = config[key]
      if (typeof url === 'string' && !url.endsWith('/')) {
        const message = `\`config.${key}\` is an OBS directory and should end in "/" (e.g. "${url}/").`
        found.push(this.at(['config', key], 'value', rule, message, 'warning'))
      }
    }
    // Table 3: user_command is the boot command of the custom image; without it the image's default runs.
    if (given('user_image_url') && !given('user_command')) {
      const message =
        '`config.user_image_url` has no user_command; add the command that starts training in the image.'
      found.push(this.at(['config', 'user_image_url'], 'key', 'Custom image', message, 'warning'))
    }
    // Table 8: parameters become environment variables or arguments, so a repeated label silently overrides.
    const parameter = config.parameter
    if (Array.isArray(parameter)) {
      const seen = new Set<string>()
      parameter.forEach((item: unknown, index) => {
        const label = isPlainMapping(item) ? item.label : undefined
        if (typeof label !== 'string' && typeof label !== 'boolean') return
        const text = String(label)
        if (seen.has(text)) {
          const message = `The parameter label "${text}" is given twice and the later value wins; remove one of them.`
          found.push(
            this.at(['config', 'parameter', index, 'label'], 'value', 'Parameter', message, 'warning')
          )
        }
        seen.add(text)
      })
    }
    return found
  }

  private unknownKey(path: DefinitionPath, key: string): Diagnostic {
    const level = keysAt(path)
    const suggestion = nearestKey(key, level.keys)
    const message = suggestion
      ? `unknown key \`${key}\` in ${level.where}; did you mean \`${suggestion}\`?`
      : `unknown key \`${key}\` in ${level.where}; remove it (known keys: ${level.keys.join(', ')}).`
    return this.at([...path, key], 'key', 'Unknown key', message)
  }

  private missingKey(path: DefinitionPath): Diagnostic {
    const key = String(path.at(-1))
    const parent = path.slice(0, -1)
    const owner = parent.length === 0 ? 'The job' : `\`${this.displayPath(parent)}\``
    const hint = REQUIRED_HINTS[key] ? ` (${REQUIRED_HINTS[key]})` : ''
    const input = settableBy(path)
    const how = input ? `add it, or set the \`${input}\` input` : 'add it'
    const place = this.place(path, parent, 'key')
    return this.diagnostic(place, 'Missing key', `${owner} needs \`${key}\`${hint}; ${how}.`, path, 'error')
  }

  /** A cross-field rule: at the offending key, or the later of two keys that cannot be used together. */
  private crossField(path: DefinitionPath, message: string, params: RuleParams | undefined): Diagnostic {
    const rule = params?.rule ?? 'Value'
    if (params?.laterOf && params.laterOf.length > 0) {
      const later = this.laterKey(path, params.laterOf)
      return this.at([...path, later], 'key', rule, message)
    }
    return this.at(path, 'key', rule, message)
  }

  /** Which of `keys` is written last: file keys by position, then keys set by inputs (they are applied last). */
  private laterKey(path: DefinitionPath, keys: string[]): string {
    let later = keys[0] ?? ''
    let laterRank = Number.NEGATIVE_INFINITY
    for (const key of keys) {
      const input = inputAt(this.origins, [...path, key])
      const start = input ? undefined : this.map?.locate([...path, key])?.key?.range?.[0]
      const rank = input ? INPUTS_RANK + DEFINITION_INPUT_NAMES.indexOf(input) : (start ?? -1)
      if (rank > laterRank) {
        later = key
        laterRank = rank
      }
    }
    return later
  }

  private at(
    path: DefinitionPath,
    part: 'key' | 'value',
    rule: string,
    message: string,
    severity: Severity = 'error'
  ): Diagnostic {
    return this.diagnostic(this.place(path, path, part), rule, message, path, severity)
  }

  private diagnostic(
    place: Place,
    rule: string,
    message: string,
    path: DefinitionPath,
    severity: Severity
  ): Diagnostic {
    const diagnostic: Diagnostic = { severity, rule, message, path: [...path] }
    if (place.input) diagnostic.input = place.input
    if (place.file) diagnostic.file = place.file
    if (place.span) Object.assign(diagnostic, place.span)
    return diagnostic
  }

  /**
   * Where to report: the input that set `path`, else the node at `nodePath` in the job file (the top level's
   * first key for the whole document or a place the file does not have), else, with no job file, the input
   * that could set `path`.
   */
  private place(path: DefinitionPath, nodePath: DefinitionPath, part: 'key' | 'value'): Place {
    const input = inputAt(this.origins, path)
    if (input) return { input }
    if (!this.map) {
      const settable = settableBy(path)
      return settable ? { input: settable } : {}
    }
    const spot = nodePath.length === 0 ? undefined : this.map.locate(nodePath)
    const node =
      (part === 'key' ? (spot?.key ?? spot?.value) : (spot?.value ?? spot?.key)) ?? this.map.documentStart()
    return node ? { file: this.map.file, span: this.map.span(node) } : { file: this.map.file }
  }

  private valueRule(path: DefinitionPath): string {
    const key = [...path].reverse().find(segment => typeof segment === 'string')
    return (key !== undefined && VALUE_RULES[key]) || 'Value'
  }

  /** `config.data_source[0].type`; a parameter written as a mapping shows its name: `config.parameter.lr`. */
  private displayPath(path: DefinitionPath): string {
    let shown = ''
    path.forEach((segment, index) => {
      if (typeof segment === 'number') {
        const container = valueAt(this.tree, path.slice(0, index))
        const entry = isPlainMapping(container) ? Object.keys(container)[segment] : undefined
        shown += entry !== undefined ? `.${entry}` : `[${segment}]`
        return
      }
      const previous = path[index - 1]
      if (
        segment === 'value' &&
        typeof previous === 'number' &&
        isPlainMapping(valueAt(this.tree, path.slice(0, index - 1)))
      ) {
        return
      }
      shown += shown === '' ? segment : `.${segment}`
    })
    return shown
  }
}

/** The value at `path`; a mapping indexed by number gives its i-th entry as {label, value}. */
export function valueAt(tree: unknown, path: DefinitionPath): unknown {
  let value = tree
  for (const segment of path) {
    if (Array.isArray(value)) {
      value = typeof segment === 'number' ? value[segment] : undefined
    } else if (isPlainMapping(value)) {
      if (typeof segment === 'number') {
        const entry = Object.entries(value)[segment]
        value = entry && { label: entry[0], value: entry[1] }
      } else {
        value = Object.hasOwn(value, segment) ? value[segment] : undefined
      }
    } else return undefined
  }
  return value
}

function keysAt(path: DefinitionPath): { keys: readonly string[]; where: string } {
  const last = path.at(-1)
  const parent = path.at(-2)
  if (path.length === 0) return { keys: KEYS.definition, where: 'the job' }
  if (path.length === 1 && last === 'config') return { keys: KEYS.config, where: 'config' }
  if (typeof last === 'number' && parent === 'parameter')
    return { keys: KEYS.parameter, where: 'a parameter item' }
  if (typeof last === 'number' && parent === 'data_source')
    return { keys: KEYS.dataSource, where: 'a data_source item' }
  if (typeof last === 'number' && parent === 'volumes') return { keys: KEYS.volume, where: 'a volumes item' }
  if (last === 'nfs') return { keys: KEYS.nfs, where: 'nfs' }
  if (last === 'host_path') return { keys: KEYS.hostPath, where: 'host_path' }
  return { keys: [], where: String(last) }
}

/** The input that sets the whole field at `path`, if there is one. */
function settableBy(path: DefinitionPath): string | undefined {
  const [first, second] = path
  if (path.length === 1 && typeof first === 'string' && INPUT_NAMES.has(first)) return first
  if (path.length === 2 && first === 'config' && typeof second === 'string' && INPUT_NAMES.has(second))
    return second
  return undefined
}

function plainPath(path: readonly PropertyKey[]): Array<string | number> {
  return path.filter((segment): segment is string | number => typeof segment !== 'symbol')
}

function describe(value: unknown): string {
  if (value === null) return 'an empty value'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') {
    const shown = value.length > LONGEST_QUOTE ? `${value.slice(0, LONGEST_QUOTE - 1)}…` : value
    return JSON.stringify(shown)
  }
  return String(value)
}

function nameProblem(value: unknown): string {
  if (typeof value !== 'string') return `not ${describe(value)}`
  if (value.length === 0) return 'it is empty'
  if (value.length > 64) return `it is ${value.length} characters long`
  const bad = NOT_A_NAME_CHARACTER.exec(value)?.[0] ?? ''
  return `it contains ${JSON.stringify(bad)}`
}

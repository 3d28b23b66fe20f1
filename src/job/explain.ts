/**
 * Schema issues, unknown keys and warnings as diagnostics: rule, one-sentence message, and where (file
 * position or input). The same for both APIs: what differs comes from the API's profile.
 */
import type { z } from 'zod'
import type { Diagnostic, Severity } from './diagnostic.js'
import type { InputOrigins } from './merge.js'
import type { UnknownKey } from './keys.js'
import type { DefinitionPath, JobFileMap } from './load.js'
import type { ApiProfile } from './profile.js'
import type { RuleParams } from './rules.js'
import { isPlainMapping } from './yaml.js'

const NOT_A_NAME_CHARACTER = /[^A-Za-z0-9_-]/
const LONGEST_QUOTE = 40
/** Ranks keys set by inputs after any offset in a job file. */
const INPUTS_RANK = 2 ** 40

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a whole number such as 1',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values'
}

/** The position fields of a diagnostic. */
export type DiagnosticPlace = Pick<Diagnostic, 'file' | 'input' | 'line' | 'column' | 'endLine' | 'endColumn'>

interface Place {
  file?: string
  input?: string
  span?: { line: number; column: number; endLine: number; endColumn: number }
}

/** Turns issues and warnings about one merged definition into diagnostics. */
export class Diagnoser {
  constructor(
    private readonly profile: ApiProfile,
    private readonly tree: Record<string, unknown>,
    private readonly origins: InputOrigins,
    private readonly map: JobFileMap | undefined
  ) {}

  /**
   * Where a diagnostic about the value at `path` belongs: the input that set it, else its value in the job
   * file (its key when the value is missing, the file's start when neither is there).
   */
  locate(path: DefinitionPath): DiagnosticPlace {
    const place = this.place(path, path, 'value')
    return { input: place.input, file: place.file, ...place.span }
  }

  /** Keys no shape declares: an error with the suggestion when misspelt, else a warning; sent either way. */
  fromUnknownKeys(unknown: readonly UnknownKey[]): Diagnostic[] {
    return unknown.map(({ path, key, known, suggestion }) => {
      const where = this.where(path.slice(0, -1))
      if (suggestion !== undefined) {
        return this.at(
          path,
          'key',
          'Unknown key',
          `unknown key \`${key}\` in ${where}; did you mean \`${suggestion}\`?`
        )
      }
      const message = `\`${key}\` in ${where} is not in the documented request; sent as it is (known keys: ${known.join(', ')}).`
      return this.at(path, 'key', 'Unknown key', message, 'warning')
    })
  }

  /** `readAsMeant`: keys read in place of misspelt ones; what is wrong there is the misspelling's to say. */
  fromIssues(issues: readonly z.core.$ZodIssue[], readAsMeant: readonly DefinitionPath[] = []): Diagnostic[] {
    const under = (path: DefinitionPath) =>
      readAsMeant.some(meant => meant.length <= path.length && meant.every((key, i) => path[i] === key))
    const about = (issue: z.core.$ZodIssue) => {
      const path = plainPath(issue.path)
      const later = issue.code === 'custom' ? (issue.params as RuleParams | undefined)?.laterOf : undefined
      return under(path) || (later ?? []).some(key => under([...path, key]))
    }
    return issues.filter(issue => !about(issue)).flatMap(issue => this.fromIssue(issue))
  }

  private fromIssue(issue: z.core.$ZodIssue): Diagnostic[] {
    const path = plainPath(issue.path)
    const value = valueAt(this.tree, path)
    const name = this.displayPath(path)
    switch (issue.code) {
      case 'unrecognized_keys':
        return []
      case 'custom':
        return [this.crossField(path, issue.message, issue.params as RuleParams | undefined)]
      case 'invalid_type': {
        if (value === undefined || value === null) return [this.missingKey(path)]
        const last = path.at(-1)
        const expected =
          (typeof last === 'string' ? this.profile.listOrMapping[last] : undefined) ??
          EXPECTED[issue.expected] ??
          issue.expected
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
        const rule = this.valueRule(path)
        if (issue.origin !== 'string') {
          const message = `\`${name}\` must be at most ${String(issue.maximum)}, not ${describe(value)}.`
          return [this.at(path, 'value', rule, message)]
        }
        const length = typeof value === 'string' ? value.length : 0
        const message = `\`${name}\` is ${length} characters long; shorten it to at most ${String(issue.maximum)}.`
        return [this.at(path, 'value', rule, message)]
      }
      case 'invalid_format': {
        const message = `\`${name}\` must be 1 to 64 characters, only letters, digits, _ and -; ${nameProblem(value)}.`
        return [this.at(path, 'value', this.valueRule(path), message)]
      }
      case 'invalid_value': {
        if (value === undefined || value === null) return [this.missingKey(path)]
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
    return this.profile.warnings(this.tree, (path, part, rule, message, severity, laterOf) =>
      laterOf && laterOf.length > 0
        ? this.at([...path, this.laterKey(path, laterOf)], part, rule, message, severity)
        : this.at(path, part, rule, message, severity)
    )
  }

  private missingKey(path: DefinitionPath): Diagnostic {
    const key = String(path.at(-1))
    const parent = path.slice(0, -1)
    const owner = parent.length === 0 ? 'The job' : `\`${this.displayPath(parent)}\``
    const hint = this.profile.requiredHints[key] ? ` (${this.profile.requiredHints[key]})` : ''
    const input = this.profile.inputFor(path)
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
      const input = this.origins.at([...path, key])
      const start = input ? undefined : this.map?.locate([...path, key])?.key?.range?.[0]
      const rank = input ? INPUTS_RANK + this.origins.rank(input) : (start ?? -1)
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
    const input = this.origins.at(path)
    if (input) return { input }
    if (!this.map) {
      const settable = this.profile.inputFor(path)
      return settable ? { input: settable } : {}
    }
    const spot = nodePath.length === 0 ? undefined : this.map.locate(nodePath)
    const node =
      (part === 'key' ? (spot?.key ?? spot?.value) : (spot?.value ?? spot?.key)) ?? this.map.documentStart()
    return node ? { file: this.map.file, span: this.map.span(node) } : { file: this.map.file }
  }

  private valueRule(path: DefinitionPath): string {
    const key = [...path].reverse().find(segment => typeof segment === 'string')
    return (key !== undefined && this.profile.valueRules[key]) || 'Value'
  }

  /** "the job", "config", "a parameter item". */
  private where(path: DefinitionPath): string {
    if (path.length === 0) return 'the job'
    const last = path.at(-1)
    if (typeof last === 'number') {
      const list = String(path.at(-2))
      return `${/^[aeiou]/i.test(list) ? 'an' : 'a'} ${list} item`
    }
    return String(last)
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

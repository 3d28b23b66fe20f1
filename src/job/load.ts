/** Reading a job file: YAML (or JSON) text to a plain tree, with a map back to line and column. */
import {
  LineCounter,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Node,
  type YAMLError
} from 'yaml'
import type { Diagnostic } from './diagnostic.js'
import { firstLine, isPlainMapping, keyText, plainTree, type CollectionNode } from './yaml.js'

export interface JobSource {
  /** Path relative to the workspace, used in diagnostics. */
  file: string
  text: string
}

export type DefinitionPath = ReadonlyArray<string | number>

export interface Span {
  line: number
  column: number
  endLine: number
  endColumn: number
}

/** The key and value nodes of one place in the tree; a list item has no key. */
export interface Spot {
  key?: Node
  value?: Node
}

const WHITESPACE = new Set([' ', '\t', '\r', '\n'])

const SYNTAX_HINTS: Readonly<Record<string, string>> = {
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'line the key up with the other keys of its mapping',
  MULTILINE_IMPLICIT_KEY: 'line the key up with the other keys of its mapping',
  BLOCK_AS_IMPLICIT_KEY: 'put quotes around a value that contains ": "',
  MISSING_CHAR: 'close the quote or bracket opened before this point',
  UNEXPECTED_TOKEN: 'remove or quote the unexpected text'
}

/** Positions of a loaded job file's keys and values. */
export class JobFileMap {
  readonly file: string
  private readonly root: Record<string, unknown>
  private readonly nodes: WeakMap<object, CollectionNode>
  private readonly lines: LineCounter
  private readonly text: string

  constructor(
    file: string,
    text: string,
    root: Record<string, unknown>,
    nodes: WeakMap<object, CollectionNode>,
    lines: LineCounter
  ) {
    this.file = file
    this.text = text
    this.root = root
    this.nodes = nodes
    this.lines = lines
  }

  /**
   * The nodes at `path` in the tree. Besides mappings and lists, it follows a `parameter` written as a
   * mapping the way the schema reads it: item i is the i-th pair, its `label` the key, its `value` the value.
   */
  locate(path: DefinitionPath): Spot | undefined {
    let value: unknown = this.root
    let spot: Spot = {}
    let pairAsItem: { label: Node | undefined; value: Node | undefined; entry: [string, unknown] } | undefined
    for (const segment of path) {
      if (pairAsItem) {
        if (segment === 'label' || segment === 'name') {
          spot = pairAsItem.label ? { value: pairAsItem.label } : {}
          value = pairAsItem.entry[0]
        } else if (segment === 'value') {
          spot = { key: pairAsItem.label, value: pairAsItem.value }
          value = pairAsItem.entry[1]
        } else return undefined
        pairAsItem = undefined
        continue
      }
      if (typeof value !== 'object' || value === null) return undefined
      const node = this.nodes.get(value)
      if (node === undefined) return undefined
      if (Array.isArray(value) && typeof segment === 'number' && isSeq(node)) {
        const item = node.items[segment]
        spot = isNodeLike(item) ? { value: item } : {}
        value = value[segment]
      } else if (!Array.isArray(value) && isMap(node)) {
        const { entries, indexOf } = this.entriesOf(value)
        const index = typeof segment === 'number' ? segment : (indexOf.get(segment) ?? -1)
        const pair = node.items[index]
        const entry = entries[index]
        if (!isPair(pair) || entry === undefined) return undefined
        const key = isNodeLike(pair.key) ? pair.key : undefined
        const nodeValue = isNodeLike(pair.value) ? pair.value : undefined
        if (typeof segment === 'number') {
          pairAsItem = { label: key, value: nodeValue, entry }
          spot = { value: nodeValue }
          continue
        }
        spot = { key, value: nodeValue }
        value = entry[1]
      } else return undefined
    }
    return spot
  }

  // Built once per mapping: locating each of n problems stays O(depth), not O(n) each.
  private readonly indexed = new WeakMap<
    object,
    { entries: [string, unknown][]; indexOf: Map<string, number> }
  >()

  private entriesOf(value: object): { entries: [string, unknown][]; indexOf: Map<string, number> } {
    let found = this.indexed.get(value)
    if (!found) {
      const entries = Object.entries(value)
      found = { entries, indexOf: new Map(entries.map(([key], index) => [key, index])) }
      this.indexed.set(value, found)
    }
    return found
  }

  /** Where a job file's top level starts: its first key (comment headers skipped). */
  documentStart(): Node | undefined {
    const node = this.nodes.get(this.root)
    const first = node?.items[0]
    if (isPair(first) && isNodeLike(first.key)) return first.key
    return node
  }

  span(node: Node): Span {
    const start = node.range?.[0] ?? 0
    let end = endOffset(node)
    // Block scalars (| and >) include their last line break; the span ends on the last line of text.
    while (end > start && WHITESPACE.has(this.text.charAt(end - 1))) end--
    return this.spanOf(start, end)
  }

  spanOf(start: number, end: number): Span {
    const from = this.lines.linePos(start)
    const to = this.lines.linePos(end)
    return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col }
  }
}

export interface LoadedJobFile {
  /** The top-level mapping, when the file is valid YAML with one mapping document. */
  tree?: Record<string, unknown>
  map?: JobFileMap
  diagnostics: Diagnostic[]
}

/** Parse a job file. Any YAML problem is reported here, and then the file is not validated further. */
/** A job is a few levels deep; deeper nesting only costs stack and memory in the parser. */
export const MAX_NESTING_DEPTH = 64
/**
 * Keys and list items one file may hold. A job has dozens; the parser keeps about 2 kB per entry, so this
 * also bounds its memory, whatever the list-size rules say afterwards.
 */
export const MAX_ENTRIES = 20_000

export interface ShapeProblem {
  kind: 'depth' | 'entries'
  /** Where the limit was passed. */
  offset: number
}

/**
 * Whether the text nests deeper than `maxDepth` or holds more than `maxEntries` keys and items, estimated
 * before parsing in one pass: brackets and commas outside quotes and comments, block lines and indentation.
 */
export function shapeBeyond(
  text: string,
  maxDepth: number = MAX_NESTING_DEPTH,
  maxEntries: number = MAX_ENTRIES
): ShapeProblem | undefined {
  let flow = 0
  let entries = 0
  let quote: string | undefined
  const indents: number[] = []
  let lineStart = true
  let indent = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '\n') {
      lineStart = true
      indent = 0
      continue
    }
    if (lineStart) {
      if (c === ' ') {
        indent++
        continue
      }
      lineStart = false
      if (c !== '#' && c !== '\r' && quote === undefined && flow === 0) {
        while (indents.length > 0 && (indents.at(-1) ?? 0) >= indent) indents.pop()
        indents.push(indent)
        if (indents.length > maxDepth) return { kind: 'depth', offset: i }
        if (++entries > maxEntries) return { kind: 'entries', offset: i }
      }
    }
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i++
      else if (c === quote) quote = undefined
    } else if (c === '"' || c === "'") {
      // Only a quote that opens a scalar counts: `it's` inside a plain value does not.
      const before = text[i - 1]
      if (before === undefined || /[\s,[{:]/.test(before)) quote = c
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i)
      i = (end < 0 ? text.length : end) - 1
    } else if (c === '[' || c === '{') {
      if (++flow > maxDepth) return { kind: 'depth', offset: i }
    } else if ((c === ']' || c === '}') && flow > 0) flow--
    else if (c === ',' && flow > 0 && ++entries > maxEntries) return { kind: 'entries', offset: i }
  }
  return undefined
}

export function loadJobFile(source: JobSource): LoadedJobFile {
  const shape = shapeBeyond(source.text)
  if (shape !== undefined) {
    const before = source.text.slice(0, shape.offset)
    const line = before.split('\n').length
    const column = shape.offset - before.lastIndexOf('\n')
    return {
      diagnostics: [
        {
          severity: 'error',
          rule: 'YAML syntax',
          message:
            shape.kind === 'depth'
              ? `The job file nests more than ${MAX_NESTING_DEPTH} levels deep here; a job definition needs a handful.`
              : `The job file holds more than ${MAX_ENTRIES} keys and list items (here the limit is passed); a job definition has dozens.`,
          file: source.file,
          line,
          column,
          endLine: line,
          endColumn: column + 1,
          path: []
        }
      ]
    }
  }
  const lines = new LineCounter()
  // yaml's own duplicate-key check compares every pair with every other (quadratic): ours uses a set.
  const doc = parseDocument(source.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false })
  const tree = plainTree(doc, source.text)
  const root = isPlainMapping(tree.value) ? tree.value : {}
  const map = new JobFileMap(source.file, source.text, root, tree.nodes, lines)
  const problem = (rule: string, message: string, span: Span): Diagnostic => ({
    severity: 'error',
    rule,
    message,
    file: source.file,
    ...span,
    path: []
  })

  const duplicates = repeatedKeys(doc, source.text)
  if (doc.errors.length > 0 || duplicates.length > 0) {
    const found = [
      ...doc.errors.map(error => ({
        at: error.pos[0],
        diagnostic: yamlErrorDiagnostic(error, source.text, map, problem)
      })),
      ...duplicates.map(key => ({
        at: key.range?.[0] ?? 0,
        diagnostic: problem(
          'Duplicate key',
          `The key \`${keyText(key, source.text)}\` appears twice in this mapping; keep only one of them (YAML does not allow repeated keys).`,
          map.span(key)
        )
      }))
    ]
    return { diagnostics: found.sort((a, b) => a.at - b.at).map(f => f.diagnostic) }
  }
  if (tree.problem) {
    return {
      diagnostics: [
        problem('YAML syntax', `${capitalize(tree.problem.message)}.`, map.span(tree.problem.node))
      ]
    }
  }
  const contents = doc.contents
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    const message =
      'The job file is empty; write the job as a YAML mapping with job_name and config (see the vendor sample request).'
    return { diagnostics: [problem('Empty file', message, map.spanOf(0, 0))] }
  }
  if (!isPlainMapping(tree.value)) {
    const kind = isSeq(contents) ? 'a list' : 'a single value'
    const message = `The top level of a job file must be a mapping with job_name and config, not ${kind}.`
    return { diagnostics: [problem('Not a mapping', message, map.span(contents))] }
  }
  return { tree: tree.value, map, diagnostics: [] }
}

function yamlErrorDiagnostic(
  error: YAMLError,
  text: string,
  map: JobFileMap,
  problem: (rule: string, message: string, span: Span) => Diagnostic
): Diagnostic {
  const [start, end] = error.pos
  if (error.code === 'MULTIPLE_DOCS') {
    const lineEnd = text.indexOf('\n', start)
    const message = 'The job file holds more than one YAML document (a `---` line); keep one job per file.'
    return problem('Multiple documents', message, map.spanOf(start, lineEnd === -1 ? text.length : lineEnd))
  }
  const hint = SYNTAX_HINTS[error.code] ?? 'fix the YAML syntax here'
  return problem('YAML syntax', `${capitalize(firstLine(error.message))}; ${hint}.`, map.spanOf(start, end))
}

/** Each key written again in its mapping (the second and later ones), in one pass per mapping. */
function repeatedKeys(doc: ReturnType<typeof parseDocument>, text: string): Node[] {
  const repeated: Node[] = []
  visit(doc, {
    Map(_, mapping) {
      const seen = new Set<string>()
      for (const pair of mapping.items) {
        if (!isNodeLike(pair.key)) continue
        const name = keyText(pair.key, text)
        if (seen.has(name)) repeated.push(pair.key)
        else seen.add(name)
      }
    }
  })
  return repeated
}

/** End of a node's text: a block mapping or list ends with its last value, not on the next line. */
function endOffset(node: Node): number {
  if ((isMap(node) || isSeq(node)) && !node.flow) {
    const last: unknown = node.items[node.items.length - 1]
    const inner = isPair(last) ? (isNodeLike(last.value) ? last.value : last.key) : last
    if (isNodeLike(inner)) return endOffset(inner)
  }
  return node.range?.[1] ?? 0
}

function isNodeLike(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

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
          spot = {
            ...(pairAsItem.label && { key: pairAsItem.label }),
            ...(pairAsItem.value && { value: pairAsItem.value })
          }
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
        const entries = Object.entries(value)
        const index = typeof segment === 'number' ? segment : entries.findIndex(([key]) => key === segment)
        const pair = node.items[index]
        const entry = entries[index]
        if (!isPair(pair) || entry === undefined) return undefined
        const key = isNodeLike(pair.key) ? pair.key : undefined
        const nodeValue = isNodeLike(pair.value) ? pair.value : undefined
        if (typeof segment === 'number') {
          pairAsItem = { label: key, value: nodeValue, entry }
          spot = { ...(nodeValue && { value: nodeValue }) }
          continue
        }
        spot = { ...(key && { key }), ...(nodeValue && { value: nodeValue }) }
        value = entry[1]
      } else return undefined
    }
    return spot
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
export function loadJobFile(source: JobSource): LoadedJobFile {
  const lines = new LineCounter()
  const doc = parseDocument(source.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
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

  if (doc.errors.length > 0) {
    return {
      diagnostics: doc.errors.map(error => yamlErrorDiagnostic(error, doc, source.text, map, problem))
    }
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
  doc: ReturnType<typeof parseDocument>,
  text: string,
  map: JobFileMap,
  problem: (rule: string, message: string, span: Span) => Diagnostic
): Diagnostic {
  const [start, end] = error.pos
  if (error.code === 'DUPLICATE_KEY') {
    const key = keyNodeAt(doc, start)
    const name = key ? keyText(key, text) : text.slice(start, end)
    const message = `The key \`${name}\` appears twice in this mapping; keep only one of them (YAML does not allow repeated keys).`
    return problem('Duplicate key', message, key ? map.span(key) : map.spanOf(start, end))
  }
  if (error.code === 'MULTIPLE_DOCS') {
    const lineEnd = text.indexOf('\n', start)
    const message = 'The job file holds more than one YAML document (a `---` line); keep one job per file.'
    return problem('Multiple documents', message, map.spanOf(start, lineEnd === -1 ? text.length : lineEnd))
  }
  const hint = SYNTAX_HINTS[error.code] ?? 'fix the YAML syntax here'
  return problem('YAML syntax', `${capitalize(firstLine(error.message))}; ${hint}.`, map.spanOf(start, end))
}

/** The mapping key that starts at `offset`: yaml reports a duplicate key by its start only. */
function keyNodeAt(doc: ReturnType<typeof parseDocument>, offset: number): Node | undefined {
  let found: Node | undefined
  visit(doc, {
    Pair(_, pair) {
      if (isNodeLike(pair.key) && pair.key.range?.[0] === offset) {
        found = pair.key
        return visit.BREAK
      }
      return undefined
    }
  })
  return found
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

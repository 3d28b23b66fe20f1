/** YAML nodes to plain values, keeping the link from each mapping and list back to its node. */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml'

/** More alias expansions than any job file needs: guards against "billion laughs" documents. */
const MAX_ALIAS_EXPANSIONS = 1000
const TRAILING_PUNCTUATION = /[.:]\s*$/

/** A YAML node that a plain mapping or list was read from. */
export type CollectionNode = Node & { items: unknown[] }

export interface PlainTree {
  value: unknown
  /** Each mapping and list of `value` to the node it came from. */
  nodes: WeakMap<object, CollectionNode>
  /** The first alias that could not be expanded, if any. */
  problem?: { node: Node; message: string }
}

interface Conversion {
  doc: Document
  text: string
  nodes: WeakMap<object, CollectionNode>
  expanded: number
  open: Set<Node>
  problem?: { node: Node; message: string }
}

/**
 * Plain value of a document: mappings become objects (key order kept), lists arrays, numbers their
 * source text (so `0.10` stays "0.10"; integer fields parse it later), booleans, strings and null as is.
 */
export function plainTree(doc: Document, text: string): PlainTree {
  const conversion: Conversion = { doc, text, nodes: new WeakMap(), expanded: 0, open: new Set() }
  const value = plainValue(doc.contents, conversion)
  const tree: PlainTree = { value, nodes: conversion.nodes }
  if (conversion.problem) tree.problem = conversion.problem
  return tree
}

function plainValue(node: unknown, c: Conversion): unknown {
  if (isAlias(node)) {
    const target = node.resolve(c.doc)
    if (target === undefined)
      return fail(c, node, `alias *${node.source} names no anchor; define &${node.source} first`)
    if (c.open.has(target)) return fail(c, node, `alias *${node.source} refers to a node that contains it`)
    if (++c.expanded > MAX_ALIAS_EXPANSIONS) return fail(c, node, 'too many aliases are expanded')
    return plainValue(target, c)
  }
  if (isMap(node)) {
    c.open.add(node)
    const entries = node.items.map(pair => [keyText(pair.key, c.text), plainValue(pair.value, c)] as const)
    c.open.delete(node)
    // fromEntries defines keys as own properties, so even a `__proto__` key stays plain data.
    const value: Record<string, unknown> = Object.fromEntries(entries)
    c.nodes.set(value, node)
    node.items.forEach((pair, index) => noteScalar(value, entries[index]?.[0] ?? '', pair.value, c))
    return value
  }
  if (isSeq(node)) {
    c.open.add(node)
    const value = node.items.map(item => plainValue(item, c))
    c.open.delete(node)
    c.nodes.set(value, node)
    node.items.forEach((item, index) => noteScalar(value, index, item, c))
    return value
  }
  if (isScalar(node)) return scalarValue(node.value, node.source)
  return null
}

/** Containers whose entries were YAML numbers (kept as source text), and booleans' source text. */
const NUMBER_ENTRIES = new WeakMap<object, Set<string | number>>()
const BOOLEAN_SOURCES = new WeakMap<object, Map<string | number, string>>()

function noteScalar(container: object, key: string | number, node: unknown, c: Conversion): void {
  const scalar = isAlias(node) ? node.resolve(c.doc) : node
  if (!isScalar(scalar)) return
  if (typeof scalar.value === 'number' || typeof scalar.value === 'bigint') {
    const set = NUMBER_ENTRIES.get(container) ?? new Set()
    set.add(key)
    NUMBER_ENTRIES.set(container, set)
  } else if (typeof scalar.value === 'boolean' && scalar.source !== undefined) {
    const map = BOOLEAN_SOURCES.get(container) ?? new Map<string | number, string>()
    map.set(key, scalar.source)
    BOOLEAN_SOURCES.set(container, map)
  }
}

/** The text a boolean entry was written with (`False` stays "False"), else the value as text. */
export function entryText(container: object, key: string | number, value: unknown): unknown {
  if (typeof value !== 'boolean') return value
  return BOOLEAN_SOURCES.get(container)?.get(key) ?? String(value)
}

/**
 * The entry as written, for keys sent as they are: numbers that the tree keeps as source text become
 * numbers again (JSON files and YAML alike), containers are copied the same way.
 */
export function writtenEntry(container: object, key: string | number): unknown {
  const value = (container as Record<string | number, unknown>)[key]
  if (typeof value === 'string' && NUMBER_ENTRIES.get(container)?.has(key)) {
    const number = Number(value)
    return Number.isFinite(number) ? number : value
  }
  if (Array.isArray(value)) return value.map((_, index) => writtenEntry(value, index))
  if (isPlainMapping(value)) {
    const copy: Record<string, unknown> = {}
    for (const entry of Object.keys(value)) setEntry(copy, entry, writtenEntry(value, entry))
    return copy
  }
  return value
}

/** Copies an entry from one container to another, keeping what was noted about how it was written. */
export function copyEntry(to: Record<string, unknown>, toKey: string, from: object, fromKey: string): void {
  setEntry(to, toKey, (from as Record<string, unknown>)[fromKey])
  const numbers = NUMBER_ENTRIES.get(to) ?? new Set()
  if (NUMBER_ENTRIES.get(from)?.has(fromKey)) numbers.add(toKey)
  else numbers.delete(toKey)
  NUMBER_ENTRIES.set(to, numbers)
  const source = BOOLEAN_SOURCES.get(from)?.get(fromKey)
  const booleans = BOOLEAN_SOURCES.get(to) ?? new Map<string | number, string>()
  if (source !== undefined) booleans.set(toKey, source)
  else booleans.delete(toKey)
  BOOLEAN_SOURCES.set(to, booleans)
}

/** Sets an own, enumerable property even for a key like `__proto__`. */
export function setEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

function scalarValue(value: unknown, source: string | undefined): unknown {
  if (typeof value === 'number' || typeof value === 'bigint') return source ?? String(value)
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value
  return String(value)
}

function fail(c: Conversion, node: Node, message: string): null {
  c.problem ??= { node, message }
  return null
}

/** A YAML mapping read as a plain object (not a list, not null). */
export function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The text of a mapping key as the plain object uses it. */
export function keyText(key: unknown, text: string): string {
  if (isScalar(key)) {
    if (typeof key.value === 'string') return key.value
    if (key.value === null || key.value === undefined) return ''
    return key.source ?? String(key.value)
  }
  if (isPair(key)) return ''
  const range = (key as Node | null)?.range
  return range ? text.slice(range[0], range[1]) : ''
}

/** A structured input (parameter, data_source, volumes) read on its own; `problem` says why it is not YAML. */
export function readYamlText(text: string): { value?: unknown; problem?: string } {
  const doc = parseDocument(text, { prettyErrors: false })
  const error = doc.errors[0]
  if (error) return { problem: firstLine(error.message) }
  const tree = plainTree(doc, text)
  if (tree.problem) return { problem: tree.problem.message }
  return { value: tree.value }
}

export function firstLine(message: string): string {
  const end = message.indexOf('\n')
  return (end === -1 ? message : message.slice(0, end)).replace(TRAILING_PUNCTUATION, '')
}

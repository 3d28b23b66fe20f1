/** Diagnostics become GitHub annotations, drawn on the PR diff at the offending key or value. */
import * as core from '@actions/core'
import type { Diagnostic } from '../job/diagnostic.js'

/** Where a problem is, in the words of the log: `jobs/a.yaml:3:5` or `input \`spec_id\``. */
export function locationOf(d: Diagnostic): string {
  if (d.file !== undefined) {
    if (d.line === undefined) return d.file
    return d.column === undefined ? `${d.file}:${d.line}` : `${d.file}:${d.line}:${d.column}`
  }
  if (d.input !== undefined) return `input \`${d.input}\``
  return 'job definition'
}

export function annotationOf(d: Diagnostic): core.AnnotationProperties {
  const properties: core.AnnotationProperties = { title: d.rule }
  if (d.file === undefined) return properties
  properties.file = d.file
  if (d.line === undefined) return properties
  properties.startLine = d.line
  properties.endLine = d.endLine ?? d.line
  // GitHub accepts columns only on single-line annotations.
  if (properties.endLine === d.line && d.column !== undefined) {
    properties.startColumn = d.column
    properties.endColumn = d.endColumn ?? d.column
  }
  return properties
}

/** One annotation per problem; problems from inputs have no file, so the input's name leads the message. */
export function annotate(d: Diagnostic): void {
  const message = d.file === undefined ? `${locationOf(d)}: ${d.message}` : d.message
  if (d.severity === 'error') core.error(message, annotationOf(d))
  else core.warning(message, annotationOf(d))
}

/** A failure that is one problem: the step's failure line, annotated at the problem's line or input. */
export class AnnotatedError extends Error {
  constructor(
    message: string,
    readonly diagnostic: Diagnostic
  ) {
    super(message)
    this.name = 'AnnotatedError'
  }
}

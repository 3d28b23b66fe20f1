/** Reads a job file from the workspace and builds the definition; problems become annotations. */
import * as path from 'node:path'
import {
  buildJobDefinition,
  type BuildOptions,
  type BuildResult,
  type DefinitionInputs,
  type LocateInJob,
  type ValidDefinition
} from '../job/index.js'
import { readWorkspaceFile } from '../job/workspace-file.js'
import { annotate } from '../report/annotations.js'
import { plural } from '../report/plural.js'

export const workspaceDir = (): string => process.env.GITHUB_WORKSPACE || process.cwd()

/** Path as annotations need it: relative to the workspace, with forward slashes. */
export function relativeToWorkspace(file: string): string {
  const absolute = path.resolve(workspaceDir(), file)
  return path.relative(workspaceDir(), absolute).split(path.sep).join('/')
}

/**
 * Reads and checks one job file (or none); never throws on bad input, the result carries the problems.
 * Synchronous on purpose: for thousands of small files a plain read beats a trip through the thread pool.
 */
export function checkJobFile(
  file: string | undefined,
  inputs: DefinitionInputs,
  options: BuildOptions = {}
): BuildResult {
  if (file === undefined) return buildJobDefinition(undefined, inputs, options)
  const shown = relativeToWorkspace(file)
  const read = readWorkspaceFile(workspaceDir(), file, { input: 'job_file', shown })
  if ('problem' in read) {
    // An annotation may only point into the repository.
    const outside = shown.startsWith('../') || path.isAbsolute(shown)
    return {
      api: 'v1',
      diagnostics: [
        {
          severity: 'error',
          rule: 'Job file',
          message: `Job file ${read.problem}`,
          file: outside ? undefined : shown,
          input: outside ? 'job_file' : undefined,
          path: []
        }
      ]
    }
  }
  const { text } = read
  return buildJobDefinition({ file: shown, text }, inputs, options)
}

/** A valid definition, and where each of its values came from (the pre-flight reports problems there). */
export type LocatedDefinition = ValidDefinition & { locate: LocateInJob }

export class DefinitionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DefinitionError'
  }
}

/** The definition to send, or a DefinitionError after every problem was annotated. */
export async function readJobDefinition(
  file: string | undefined,
  inputs: DefinitionInputs,
  options: BuildOptions = {}
): Promise<LocatedDefinition> {
  const result = checkJobFile(file, inputs, options)
  // A file that could not be read is the whole story: one line, naming the input.
  const unread = result.diagnostics.find(d => d.rule === 'Job file')
  if (unread) throw new DefinitionError(unread.message)
  result.diagnostics.forEach(annotate)
  if (result.api === 'v1' && result.definition && result.locate) {
    return { api: 'v1', definition: result.definition, locate: result.locate }
  }
  if (result.api === 'v2' && result.definition && result.locate) {
    return { api: 'v2', definition: result.definition, locate: result.locate }
  }
  const errors = result.diagnostics.filter(d => d.severity === 'error')
  const inFile = errors.some(d => d.file !== undefined)
  const inInputs = errors.some(d => d.file === undefined)
  const source =
    file === undefined || !inFile
      ? 'The job definition inputs have'
      : `Job file ${relativeToWorkspace(file)}${inInputs ? ' and the inputs have' : ' has'}`
  throw new DefinitionError(
    `${source} ${plural(errors.length, 'problem')}, listed above; nothing was sent to ModelArts.`
  )
}

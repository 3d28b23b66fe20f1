/** `validate_only`: checks every matched job file; no credentials, no network. */
import * as path from 'node:path'
import * as core from '@actions/core'
import type { ValidateOnlySettings } from '../settings.js'
import type { Diagnostic } from '../job/diagnostic.js'
import { printText } from '../report/untrusted.js'
import { checkJobFile, relativeToWorkspace, workspaceDir } from './definition.js'
import { annotate } from '../report/annotations.js'
import { validationSummary, type FileResult } from '../report/summary.js'
import { setValidation, writeSummary } from '../report/outputs.js'
import { plural } from '../report/plural.js'

/** The summary has a size limit (1 MiB); the log and the annotations keep every problem. */
const SUMMARY_PROBLEM_ROWS = 300

export interface ValidationResult {
  valid: boolean
  filesChecked: number
  problems: number
  /** The line the step fails with, when a file is invalid. */
  failure: string | undefined
}

export async function validateJobFiles(settings: ValidateOnlySettings): Promise<ValidationResult> {
  const { files, unmatched } = await expandJobFiles(settings.jobFiles)
  const results: FileResult[] = []
  const shownProblems: Diagnostic[] = []
  let errors = 0

  const record = (file: string, diagnostics: Diagnostic[]): void => {
    diagnostics.forEach(annotate)
    const fileErrors = diagnostics.filter(d => d.severity === 'error').length
    errors += fileErrors
    results.push({ file, errors: fileErrors, warnings: diagnostics.length - fileErrors })
    for (const d of diagnostics) if (shownProblems.length < SUMMARY_PROBLEM_ROWS) shownProblems.push(d)
  }

  for (const pattern of unmatched) {
    record(pattern, [
      {
        severity: 'error',
        rule: 'Job file',
        message: `\`job_file\` pattern "${pattern}" matches no file under ${workspaceDir()}; check the path and the glob.`,
        path: []
      }
    ])
  }

  const targets: Array<string | undefined> = settings.jobFiles.length === 0 ? [undefined] : files
  for (const file of targets) {
    const result = checkJobFile(file, settings.definitionInputs)
    const shown = file === undefined ? 'inputs' : relativeToWorkspace(file)
    record(shown, result.diagnostics)
    if (result.definition) {
      // Collapsed: a reviewer opens it to see exactly what would be sent.
      core.startGroup(`✓ ${shown}: request body that would be sent`)
      printText(JSON.stringify(result.definition, null, 2))
      core.endGroup()
    } else {
      const count = result.diagnostics.filter(d => d.severity === 'error').length
      printText(`✗ ${shown}: ${plural(count, 'problem')}`)
    }
  }

  const invalid = results.filter(r => r.errors > 0).length
  const result: ValidationResult = {
    valid: invalid === 0,
    filesChecked: files.length,
    problems: errors,
    failure: undefined
  }
  setValidation(result)
  const server = process.env.GITHUB_SERVER_URL
  const repo = process.env.GITHUB_REPOSITORY
  const sha = process.env.GITHUB_SHA
  await writeSummary(
    validationSummary(
      results,
      shownProblems,
      server && repo && sha ? `${server}/${repo}/blob/${sha}` : undefined
    )
  )
  if (invalid === 0) {
    printText(`${plural(files.length, 'job file')} valid; nothing was sent anywhere.`)
    return result
  }
  result.failure = `${invalid} of ${plural(results.length, 'job file')} ${invalid === 1 ? 'has' : 'have'} problems (${plural(errors, 'error')}), annotated above; nothing was sent anywhere.`
  return result
}

const GLOB_CHARS = /[*?[\]{}]/

/** Paths and globs, relative to the workspace; each one that matches nothing is reported. */
export async function expandJobFiles(patterns: string[]): Promise<{ files: string[]; unmatched: string[] }> {
  const root = workspaceDir()
  const files = new Set<string>()
  const unmatched: string[] = []
  const globs: string[] = []
  for (const pattern of patterns) {
    if (pattern.startsWith('!') || GLOB_CHARS.test(pattern)) {
      globs.push(pattern)
      continue
    }
    // A plain path that does not exist is reported by checkJobFile at the file itself.
    files.add(path.resolve(root, pattern))
  }
  const positive = globs.filter(g => !g.startsWith('!'))
  if (positive.length > 0) {
    const glob = await import('@actions/glob')
    const absolute = (g: string): string =>
      g.startsWith('!') ? `!${path.resolve(root, g.slice(1))}` : path.resolve(root, g)
    const excludes = globs.filter(g => g.startsWith('!')).map(absolute)
    for (const pattern of positive) {
      const globber = await glob.create([absolute(pattern), ...excludes].join('\n'), {
        matchDirectories: false,
        implicitDescendants: false,
        // A pull request can add a link to a directory outside the workspace: never walk through it.
        followSymbolicLinks: false
      })
      const found = await globber.glob()
      if (found.length === 0) unmatched.push(pattern)
      found.forEach(f => files.add(f))
    }
  }
  return { files: [...files].sort(), unmatched }
}

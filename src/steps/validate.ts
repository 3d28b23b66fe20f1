/**
 * `validate_only`: checks every matched job file; no credentials, nothing sent to Huawei Cloud. Beyond what the
 * runner draws, the problems go to GitHub through a check run (report/problems.ts).
 */
import * as path from 'node:path'
import * as core from '@actions/core'
import type { ValidateOnlySettings } from '../settings.js'
import type { Diagnostic } from '../job/diagnostic.js'
import { printText } from '../report/untrusted.js'
import { printRequestBody } from '../report/request-body.js'
import { checkJobFile, relativeToWorkspace, workspaceDir } from './definition.js'
import { annotateProblems, type ProblemDelivery } from '../report/problems.js'
import {
  escapeMarkdown,
  noJobFileSummary,
  validationSummary,
  type FileResult,
  type SummaryNote
} from '../report/summary.js'
import { setValidation, writeSummary } from '../report/outputs.js'
import { plural } from '../report/plural.js'
import type { PreflightSubject } from '../modelarts/insight.js'
import type { Service } from './connect.js'
import { errorMessage } from '../util/values.js'

/** The summary has a size limit (1 MiB); the log and the annotations keep every problem. */
const SUMMARY_PROBLEM_ROWS = 300

export interface ValidationResult {
  valid: boolean
  filesChecked: number
  problems: number
  /** The line the step fails with: a file is invalid, or the patterns match no file. */
  failure: string | undefined
}

export async function validateJobFiles(settings: ValidateOnlySettings): Promise<ValidationResult> {
  const { files, unmatched } = await expandJobFiles(settings.jobFiles)
  if (settings.jobFiles.length > 0 && files.length === 0) return noJobFile(settings.jobFiles)
  const results: FileResult[] = []
  const problems: Diagnostic[] = []
  const notes: SummaryNote[] = unmatched.map(unmatchedPattern)
  let errors = 0

  /** Adds a file's problems; returns how many are errors. */
  const record = (file: string, diagnostics: Diagnostic[]): number => {
    problems.push(...diagnostics)
    const fileErrors = diagnostics.filter(d => d.severity === 'error').length
    errors += fileErrors
    results.push({ file, errors: fileErrors, warnings: diagnostics.length - fileErrors })
    return fileErrors
  }

  const preflight = preflightFor(settings, notes)
  const targets: Array<string | undefined> = settings.jobFiles.length === 0 ? [undefined] : files
  for (const file of targets) {
    const result = checkJobFile(file, settings.definitionInputs, settings.definitionOptions)
    const shown = file === undefined ? 'inputs' : relativeToWorkspace(file)
    if (result.definition) result.diagnostics.push(...(await preflight.check(result)))
    const fileErrors = record(shown, result.diagnostics)
    if (result.definition && fileErrors === 0) {
      // Collapsed: a reviewer opens it to see exactly what would be sent.
      printRequestBody(`✓ ${shown}: ${result.api} request body that would be sent`, result.definition, [])
    } else {
      printText(`✗ ${shown}: ${plural(fileErrors, 'problem')}`)
    }
  }

  preflight.dispose()
  const invalid = results.filter(r => r.errors > 0).length
  const result: ValidationResult = {
    valid: invalid === 0,
    filesChecked: files.length,
    problems: errors,
    failure: undefined
  }
  setValidation(result)
  // Annotated once every file is checked: only then is it known whether the runner can draw them all.
  const delivery = await annotateProblems(problems, {
    githubToken: settings.githubToken,
    timeoutMs: settings.requestTimeoutMs,
    summaryRows: SUMMARY_PROBLEM_ROWS
  })
  if (delivery.note) notes.push({ level: 'note', text: delivery.note })
  const server = process.env.GITHUB_SERVER_URL
  const repo = process.env.GITHUB_REPOSITORY
  const sha = process.env.GITHUB_SHA
  await writeSummary(
    validationSummary(
      results,
      problems.slice(0, SUMMARY_PROBLEM_ROWS),
      server && repo && sha ? `${server}/${repo}/blob/${sha}` : undefined,
      notes
    )
  )
  const sent = preflight.ran() ? 'nothing was created' : 'nothing was sent to Huawei Cloud'
  if (invalid === 0) {
    printText(`${plural(files.length, 'job file')} valid; ${sent}.`)
    return result
  }
  result.failure = `${invalid} of ${plural(results.length, 'job file')} ${invalid === 1 ? 'has' : 'have'} problems (${plural(errors, 'error')}), ${whereAnnotated(delivery, problems)}; ${sent}.`
  return result
}

interface ValidatePreflight {
  /** The pre-flight's problems of one valid definition (resources only); [] when it does not run. */
  check(build: PreflightSubject): Promise<Diagnostic[]>
  /** Whether any request went to Huawei Cloud. */
  ran(): boolean
  dispose(): void
}

/**
 * validate_only with credentials and a target: each valid file is checked against the service's lists
 * (read once for all files). Connects at the first valid file. A list or a connection that fails is one
 * warning, never a problem of the files.
 */
function preflightFor(settings: ValidateOnlySettings, notes: SummaryNote[]): ValidatePreflight {
  const { service: serviceSettings } = settings
  if (settings.preflight && settings.preflightSkipped) {
    printText(`Pre-flight not run: credentials are set, but ${settings.preflightSkipped}.`)
  }
  if (!serviceSettings) return { check: async () => [], ran: () => false, dispose: () => undefined }
  let service: Promise<Service | undefined> | undefined
  let connected: Service | undefined
  const warned = new Set<string>()
  const warn = (message: string): void => {
    if (warned.has(message)) return
    warned.add(message)
    core.warning(message)
    // It carries service text (error messages): shown as typed, never as Markdown.
    notes.push({ level: 'warning', text: escapeMarkdown(message) })
  }
  const connectOnce = async (): Promise<Service | undefined> => {
    const { connect } = await import('./connect.js')
    try {
      // The pre-flight reads lists of whichever API each file is for; the API chosen here only creates.
      connected = await connect(
        { ...serviceSettings, requestTimeoutMs: settings.requestTimeoutMs },
        { api: 'v1' }
      )
      return connected
    } catch (error) {
      warn(`Pre-flight skipped: could not reach ModelArts (${errorMessage(error)}).`)
      return undefined
    }
  }
  return {
    async check(build) {
      const reached = await (service ??= connectOnce())
      if (!reached) return []
      try {
        const result = await reached.preflight(build, { mode: 'validate' })
        if (result.warning) warn(result.warning)
        return result.diagnostics
      } catch (error) {
        // The credentials failed: no file's fault, and nothing to check with.
        warn(`Pre-flight skipped: ${errorMessage(error)}`)
        return []
      }
    },
    ran: () => service !== undefined,
    dispose: () => connected?.dispose()
  }
}

/** Where the failure line sends the reader: the check run when it carries the file problems, else the log. */
function whereAnnotated(delivery: ProblemDelivery, problems: readonly Diagnostic[]): string {
  if (delivery.checkRun === undefined) return 'annotated above'
  const { name, url } = delivery.checkRun
  // Problems of the inputs have no file for a check run: they stay workflow-command annotations.
  const inputs = problems.some(d => d.file === undefined) ? ' (those of the inputs above)' : ''
  return `annotated on the check run "${name}"${url ? `: ${url}` : ''}${inputs}`
}

/** A pattern that matches nothing is a warning: one line per kind of file is common, not every kind exists. */
function unmatchedPattern(pattern: string): SummaryNote {
  const message = `\`job_file\` pattern \`${pattern}\` matches no file; skipped.`
  core.warning(message)
  return { level: 'warning', text: message }
}

/** Together the patterns match nothing: most likely a wrong path, so the step fails with one line. */
async function noJobFile(patterns: string[]): Promise<ValidationResult> {
  const list = patterns.map(p => `\`${p}\``).join(', ')
  const failure = `No job file matches \`job_file\` (${list}) under ${workspaceDir()}; check the paths and globs.`
  const result: ValidationResult = { valid: false, filesChecked: 0, problems: 0, failure }
  setValidation(result)
  await writeSummary(noJobFileSummary(failure))
  return result
}

const GLOB_CHARS = /[*?[\]{}]/

/** Paths and globs, relative to the workspace; each one that matches nothing is reported. */
async function expandJobFiles(patterns: string[]): Promise<{ files: string[]; unmatched: string[] }> {
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

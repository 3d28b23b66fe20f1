/**
 * Puts every problem on the PR. Workflow-command annotations when the runner draws them all; beyond its limit,
 * one check run that carries every file problem (the token permitting), else the annotations and a note saying
 * how many are not drawn and where they are listed.
 */
import * as core from '@actions/core'
import type { Diagnostic } from '../job/diagnostic.js'
import { annotate, locationOf } from './annotations.js'
import { checkRunName, fallbackReason, postedNote, undrawnCount, undrawnNote } from './check-run.js'
import { plural } from './plural.js'
import { printText } from './untrusted.js'

export interface ProblemDelivery {
  /** Markdown for the job summary when not every problem fits the runner's annotations. */
  note?: string
  /** Set when the file problems went to this check run instead of workflow-command annotations. */
  checkRun?: { name: string; url: string }
}

export async function annotateProblems(
  diagnostics: readonly Diagnostic[],
  options: {
    githubToken?: string
    timeoutMs: number
    /** How many problems the job summary lists. */
    summaryRows: number
  }
): Promise<ProblemDelivery> {
  const undrawn = undrawnCount(diagnostics)
  if (undrawn === 0) {
    diagnostics.forEach(annotate)
    return {}
  }

  const logGroup = `All ${plural(diagnostics.length, 'problem')}`
  core.startGroup(logGroup)
  // Job-file text (keys, values, file names): it reaches the log as text, never as a command.
  for (const d of diagnostics) printText(`${locationOf(d)}: ${d.severity}: ${d.rule}: ${d.message}`)
  core.endGroup()

  const inFiles = diagnostics.filter(d => d.file !== undefined)
  let reason: string
  if (!options.githubToken) {
    reason = fallbackReason({ noToken: true })
  } else {
    const name = checkRunName(process.env.GITHUB_JOB, process.env.GITHUB_ACTION)
    try {
      // Large, and only this path needs it.
      const { postCheckRun } = await import('./check-run-client.js')
      const posted = await postCheckRun({
        token: options.githubToken,
        name,
        diagnostics: inFiles,
        timeoutMs: options.timeoutMs
      })
      // Problems of the inputs have no file for the check run to point at.
      diagnostics.filter(d => d.file === undefined).forEach(annotate)
      // The URL is GitHub's answer: printed as text.
      printText(postedNote(posted.annotations, name, posted.url, false))
      return {
        note: postedNote(posted.annotations, name, posted.url, true),
        checkRun: { name, url: posted.url }
      }
    } catch (error) {
      const failure = error as { status?: unknown; message?: unknown }
      reason = fallbackReason({
        message: String(failure.message ?? error),
        status: typeof failure.status === 'number' ? failure.status : undefined
      })
    }
  }
  diagnostics.forEach(annotate)
  const note = undrawnNote({
    undrawn,
    total: diagnostics.length,
    reason,
    summaryRows: Math.min(options.summaryRows, diagnostics.length),
    logGroup
  })
  core.notice(note)
  return { note }
}

/** Names of saved state, and the one place that writes the job summary. */
import * as core from '@actions/core'

/** State the post step reads (the runner passes it back as STATE_<name>). */
export const STATE = {
  jobId: 'job_id',
  versionId: 'version_id',
  /** Set when the main step handed the job over on purpose (created, ended, stopped, left running). */
  finished: 'finished'
} as const

export async function writeSummary(markdown: string): Promise<void> {
  // Outside a runner (no GITHUB_STEP_SUMMARY) there is nowhere to write; that is not an error.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.emptyBuffer().addRaw(markdown).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${(error as Error).message}`)
  }
}

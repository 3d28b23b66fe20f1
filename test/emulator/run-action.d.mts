// Types of run-action.mjs for the TypeScript tests.
import type { ChildProcess } from 'node:child_process'

/** The repository root: where dist/ and action.yml are. */
export declare const REPO_ROOT: string

export interface RunOptions {
  /** Action inputs by their action.yml names; undefined entries are left out. */
  inputs?: Record<string, string | number | boolean | undefined>
  /** Extra environment; an undefined value removes the variable. */
  env?: Record<string, string | undefined>
  /** Saved state of the main step, given to a post step as STATE_* variables. */
  state?: Record<string, string>
  /** Which step of action.yml to run: its `runs.main` (default) or `runs.post` script. */
  step?: 'main' | 'post'
  /** Script to run instead, relative to the repository root (tests of the harness itself). */
  entry?: string
  /** Working directory and GITHUB_WORKSPACE (default the repository root). */
  cwd?: string
  /** Where input defaults come from (default <root>/action.yml; false: none). */
  actionYml?: string | false
  /** Aborting it cancels the action like the runner does. */
  signal?: AbortSignal
  onStdout?: (text: string) => void
  onStderr?: (text: string) => void
  /** Kill with SIGKILL after this long (default 120 s). */
  timeoutMs?: number
  /** Keep the temporary files (their directory is returned as tempDir). */
  keepTemp?: boolean
  /** Record the child's peak memory (maxRssKb). */
  measure?: boolean
}

export interface WorkflowCommand {
  command: string
  properties: Record<string, string>
  message: string
  /** Read from the legacy `##[name ...]data` form. */
  legacy?: boolean
}

export interface RunResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Parsed from the GITHUB_OUTPUT file, then any `set-output` command on stdout (the runner honours both). */
  outputs: Record<string, string>
  /** The GITHUB_STEP_SUMMARY markdown. */
  summary: string
  /** Parsed from the GITHUB_STATE file, then any `save-state` command: pass it as `state` to the post step. */
  state: Record<string, string>
  /** Parsed from the GITHUB_ENV file. */
  exportedEnv: Record<string, string>
  /** Workflow commands found on stdout (annotations, add-mask, ...). */
  commands: WorkflowCommand[]
  /** The step ended with commands paused by a `stop-commands` that was never resumed. */
  stoppedAtEnd: boolean
  /** From spawn to exit. */
  elapsedMs: number
  /** With `measure`: the child's peak resident memory in KiB. */
  maxRssKb?: number
  tempDir?: string
}

export interface RunningAction {
  child: ChildProcess
  result: Promise<RunResult>
  /** SIGINT now, SIGTERM after graceMs (default 7500, like the runner) if still running. */
  cancel(graceMs?: number): void
}

export declare function inputVariable(name: string): string
export declare function parseCommandFile(text: string): Record<string, string>
export declare function parseWorkflowCommands(stdout: string, stderr?: string): WorkflowCommand[]
/** The script action.yml runs for a step. */
export declare function actionEntry(actionYml: string, step: 'main' | 'post'): string
export declare function readWorkflowCommands(
  stdout: string,
  stderr?: string
): {
  commands: WorkflowCommand[]
  stoppedAtEnd: boolean
}
export declare function actionDefaults(actionYml: string): Record<string, string>
export declare function spawnAction(options?: RunOptions): RunningAction
export declare function runAction(options?: RunOptions): Promise<RunResult>

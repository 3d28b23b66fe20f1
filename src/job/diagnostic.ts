/** One problem found in a job definition. Pure data: report/ turns it into annotations and messages. */
export type Severity = 'error' | 'warning'

export interface Diagnostic {
  severity: Severity
  /** Short name of the rule, used as the annotation title, e.g. "Unknown key", "Resource pool". */
  rule: string
  /** One sentence: what is wrong and how to fix it. No file/line prefix (the reporter adds it). */
  message: string
  /** Job file path relative to the workspace (as annotations need it), when the value came from a file. */
  file?: string
  /** Action input name, when the value came from an input instead of a file. */
  input?: string
  /** 1-based positions of the offending key or value (only with `file`). */
  line?: number
  column?: number
  endLine?: number
  endColumn?: number
  /** Where in the definition, e.g. ['config', 'data_source', 0, 'type']. */
  path: ReadonlyArray<string | number>
}

/** What the diagnoser needs to know about one API: its schema, names, hints, inputs and warnings. */
import type { z } from 'zod'
import type { Diagnostic, Severity } from './diagnostic.js'
import type { DefinitionPath } from './load.js'

export type Api = 'v1' | 'v2'

/** Reports at `path` (its key or its value) with a rule title; used by the profiles' warnings. */
export type Reporter = (
  path: DefinitionPath,
  part: 'key' | 'value',
  rule: string,
  message: string,
  severity?: Severity,
  /** Report at whichever of these keys of the mapping at `path` is written last (inputs count as last). */
  laterOf?: string[]
) => Diagnostic

export interface ApiProfile {
  api: Api
  schema: z.ZodType
  /** Rule titles of keys whose value rules have a name of their own. */
  valueRules: Readonly<Record<string, string>>
  /** What a required key holds, said when it is missing. */
  requiredHints: Readonly<Record<string, string>>
  /** Keys written as a list or, for convenience, a mapping: what to say when they are neither. */
  listOrMapping: Readonly<Record<string, string>>
  /**
   * Longest lists (or mappings written for them) by dotted path: far above what a training job uses, and
   * checked before the schema, so a hostile file's 100,000 items cost one error, not 100,000.
   */
  listLimits: Readonly<Record<string, number>>
  /** Order of the body sent: the documented tables' (v1), or as written (v2: the body as it is). */
  keyOrder: 'schema' | 'source'
  /** Keys the other API uses, and this API's key for the same thing, suggested when one is found here. */
  otherApiKeys: Readonly<Record<string, string>>
  /** The input that sets the whole field at `path`, if there is one. */
  inputFor(path: DefinitionPath): string | undefined
  /** The warnings the reference justifies, on the merged tree; they never block. */
  warnings(tree: Record<string, unknown>, at: Reporter): Diagnostic[]
}

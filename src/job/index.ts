/** The job definition: load a job file with positions, merge inputs over it, validate, and explain problems. */
export { buildJobDefinition, type BuildResult } from './build.js'
export type { Diagnostic, Severity } from './diagnostic.js'
export { DEFINITION_INPUT_NAMES, type DefinitionInputName, type DefinitionInputs } from './merge.js'
export type { JobSource } from './load.js'
export type { JobConfig, JobDefinition } from './v1/schema.js'

/** The job definition: load a job file with positions, tell the API, merge inputs/overrides, validate, explain. */
export {
  buildJobDefinition,
  definitionName,
  detectApi,
  type ApiVersion,
  type BuildOptions,
  type BuildResult,
  type LocateInJob,
  type ValidDefinition
} from './build.js'
export type { DiagnosticPlace } from './explain.js'
export type { Diagnostic, Severity } from './diagnostic.js'
export { DEFINITION_INPUT_NAMES, type DefinitionInputName, type DefinitionInputs } from './merge.js'
export type { DefinitionPath, JobSource } from './load.js'
export type { Api } from './profile.js'
export type { JobConfig, JobDefinition, V1JobDefinition } from './v1/schema.js'
export type { V2JobDefinition } from './v2/schema.js'

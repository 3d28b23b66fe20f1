/** Reads job-file fixtures the way the action passes them: path relative to the workspace, and the text. */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  buildJobDefinition,
  type BuildOptions,
  type DefinitionInputs,
  type Diagnostic,
  type JobSource,
  type V1JobDefinition
} from '../../src/job/index.js'

export const JOBS = '__fixtures__/jobs'

export function jobSource(relative: string): JobSource {
  const file = `${JOBS}/${relative}`
  return { file, text: readFileSync(join(process.cwd(), file), 'utf8') }
}

export function jobFiles(folder: string): string[] {
  return readdirSync(join(process.cwd(), JOBS, folder))
    .filter(name => /\.(ya?ml|json)$/.test(name) && name !== 'expected.json')
    .sort()
}

export interface ExpectedDiagnostic {
  file: string
  line: number
  column: number
  endLine: number
  endColumn: number
  severity: 'error' | 'warning'
  rule: string
}

/** The hand-checked diagnostics of the invalid fixtures of `folder` (v1: invalid, v2: v2/invalid). */
export function expectedDiagnostics(folder = 'invalid'): Record<string, ExpectedDiagnostic[]> {
  return JSON.parse(readFileSync(join(process.cwd(), JOBS, folder, 'expected.json'), 'utf8')) as Record<
    string,
    ExpectedDiagnostic[]
  >
}

/** An inline job file: `job_name: t` and a config made of the given lines (written without indentation). */
export function jobWithConfig(...configLines: string[]): JobSource {
  const config = configLines.flatMap(line => line.split('\n')).map(line => `  ${line}`)
  return { file: 'job.yaml', text: ['job_name: t', 'config:', ...config, ''].join('\n') }
}

/** A config that passes every rule, to which a test adds or swaps lines. */
export const VALID_CONFIG = [
  'worker_server_num: 1',
  'model_id: 1',
  'data_url: /b/data/',
  'spec_id: 1'
] as const

/** VALID_CONFIG with the keys of `replaced` dropped and `extra` lines added. */
export function validConfigWith(extra: string[], replaced: string[] = []): JobSource {
  const kept = VALID_CONFIG.filter(line => !replaced.some(key => line.startsWith(`${key}:`)))
  return jobWithConfig(...kept, ...extra)
}

/** buildJobDefinition for a definition that must be v1: the result narrowed to the v1 body. */
export function buildV1(
  source: JobSource | undefined,
  inputs: DefinitionInputs = {},
  options: BuildOptions = {}
): { definition?: V1JobDefinition; diagnostics: Diagnostic[] } {
  const result = buildJobDefinition(source, inputs, options)
  if (result.api !== 'v1') throw new Error(`expected a v1 definition, got ${result.api}`)
  return result
}

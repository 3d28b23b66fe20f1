/**
 * Outputs and state reach the runner through its files only: without GITHUB_OUTPUT / GITHUB_STATE nothing is
 * printed as `::set-output` / `::save-state` (the channel untrusted text shares), and a warning says so once.
 */
import { jest } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  markFinished,
  markMainStarted,
  setInsight,
  setStatus,
  setValidation
} from '../../src/report/outputs.js'

const running = { name: 'Running', code: 8, phase: 'running', terminal: false, description: '' } as const
const saved = { ...process.env }
let printed: string[]
let dir: string

beforeEach(() => {
  printed = []
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    printed.push(String(chunk))
    return true
  })
  dir = mkdtempSync(join(tmpdir(), 'outputs-'))
})
afterEach(() => {
  jest.restoreAllMocks()
  process.env = { ...saved }
  rmSync(dir, { recursive: true, force: true })
})

test('with the runner files set, outputs and state go to them and nothing to stdout', () => {
  process.env.GITHUB_OUTPUT = join(dir, 'output')
  process.env.GITHUB_STATE = join(dir, 'state')
  writeFileSync(process.env.GITHUB_OUTPUT, '')
  writeFileSync(process.env.GITHUB_STATE, '')
  setStatus(running)
  markFinished('ended')
  expect(readFileSync(process.env.GITHUB_OUTPUT, 'utf8')).toContain('Running')
  expect(readFileSync(process.env.GITHUB_STATE, 'utf8')).toContain('ended')
  expect(printed).toEqual([])
})

test('without them, nothing is printed as a command, and one warning per missing file', () => {
  delete process.env.GITHUB_OUTPUT
  delete process.env.GITHUB_STATE
  setStatus(running)
  setValidation({ valid: true, filesChecked: 1, problems: 0 })
  setInsight({ failureReason: '::error::forged by a log line', metricsJson: '{}' })
  markMainStarted()
  markFinished('ended')
  const text = printed.join('')
  expect(text).not.toMatch(/^\s*::(?:set-output|save-state)/im)
  expect(text).not.toContain('forged')
  const warnings = printed.filter(line => line.startsWith('::warning::'))
  expect(warnings).toHaveLength(2)
  expect(warnings[0]).toContain('GITHUB_OUTPUT is not set')
  expect(warnings[1]).toContain('GITHUB_STATE is not set')
})

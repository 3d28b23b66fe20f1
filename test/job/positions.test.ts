import { buildJobDefinition } from '../../src/job/index.js'
import { expectedDiagnostics, jobFiles, jobSource } from './fixtures.js'

describe.each(['invalid', 'v2/invalid'])('invalid job files in %s', folder => {
  const expected = expectedDiagnostics(folder)

  it('has a hand-written expectation for every invalid fixture', () => {
    expect(Object.keys(expected).sort()).toEqual(jobFiles(folder))
  })

  it.each(jobFiles(folder))('%s: diagnostics at the expected positions, in order', name => {
    const result = buildJobDefinition(jobSource(`${folder}/${name}`), {})
    const found = result.diagnostics.map(({ file, line, column, endLine, endColumn, severity, rule }) => ({
      file,
      line,
      column,
      endLine,
      endColumn,
      severity,
      rule
    }))
    expect(found).toEqual(expected[name])
    // A file with warnings only (rules that became warnings) is still sent.
    const hasError = (expected[name] ?? []).some(d => d.severity === 'error')
    expect(result.definition === undefined).toBe(hasError)
    for (const diagnostic of result.diagnostics) {
      expect(diagnostic.input).toBeUndefined()
      expect(diagnostic.message).toMatch(/^\S.*[.?]$/)
      expect(diagnostic.message).not.toContain('\n')
    }
  })
})

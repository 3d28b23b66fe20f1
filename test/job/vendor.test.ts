/** The vendor page's sample requests: valid except for setting both spec_id and pool_id (rule 3). */
import { buildJobDefinition } from '../../src/job/index.js'
import { jobFiles, jobSource } from './fixtures.js'

describe('vendor sample request bodies', () => {
  it('are all there', () => {
    expect(jobFiles('vendor')).toEqual(['sample-1.json', 'sample-2.json', 'sample-3.json'])
  })

  it.each(jobFiles('vendor'))('%s fails only on the resource pool rule, at pool_id', name => {
    const result = buildJobDefinition(jobSource(`vendor/${name}`), {})
    expect(result.definition).toBeUndefined()
    expect(result.diagnostics.map(d => ({ severity: d.severity, rule: d.rule, path: d.path }))).toEqual([
      { severity: 'error', rule: 'Resource pool', path: ['config', 'pool_id'] }
    ])
  })

  it.each(jobFiles('vendor'))('%s passes once pool_id is removed, and is sent as written', name => {
    const source = jobSource(`vendor/${name}`)
    const withoutPool = source.text.replace(/,?\n\s*"pool_id": "testpool"/, '')
    expect(withoutPool).not.toContain('pool_id')
    const result = buildJobDefinition({ ...source, text: withoutPool }, {})
    expect(result.diagnostics).toEqual([])
    const sample = JSON.parse(withoutPool) as Record<string, unknown>
    expect(result.definition).toEqual(sample)
  })
})

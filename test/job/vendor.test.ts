/** The vendor page's sample requests: valid, with a warning for setting both spec_id and pool_id (rule 3). */
import { buildJobDefinition } from '../../src/job/index.js'
import { jobFiles, jobSource } from './fixtures.js'

describe('vendor sample request bodies', () => {
  it('are all there', () => {
    expect(jobFiles('vendor')).toEqual(['sample-1.json', 'sample-2.json', 'sample-3.json'])
  })

  it.each(jobFiles('vendor'))('%s passes with one warning, the resource pool rule at pool_id', name => {
    const result = buildJobDefinition(jobSource(`vendor/${name}`), {})
    expect(result.diagnostics.map(d => ({ severity: d.severity, rule: d.rule, path: d.path }))).toEqual([
      { severity: 'warning', rule: 'Resource pool', path: ['config', 'pool_id'] }
    ])
    expect(result.definition).toEqual(JSON.parse(jobSource(`vendor/${name}`).text))
  })

  it.each(jobFiles('vendor'))(
    '%s passes without a warning once pool_id is removed, sent as written',
    name => {
      const source = jobSource(`vendor/${name}`)
      const withoutPool = source.text.replace(/,?\n\s*"pool_id": "testpool"/, '')
      expect(withoutPool).not.toContain('pool_id')
      const result = buildJobDefinition({ ...source, text: withoutPool }, {})
      expect(result.diagnostics).toEqual([])
      const sample = JSON.parse(withoutPool) as Record<string, unknown>
      expect(result.definition).toEqual(sample)
    }
  )
})

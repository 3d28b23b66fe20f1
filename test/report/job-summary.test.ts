/** The job summary built from results, for a v1 run and a v2 run (pure: no runner involved). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { jobSummary, notCreatedSummary, type JobReport } from '../../src/report/summary.js'
import { buildJobDefinition, type ValidDefinition } from '../../src/job/index.js'
import { v2Status } from '../../src/modelarts/v2-status.js'
import { jobStatus } from '../../src/modelarts/v1-status.js'

function valid(file: string, overrides = ''): ValidDefinition {
  const text = readFileSync(join(process.cwd(), file), 'utf8')
  const built = buildJobDefinition({ file, text }, {}, { overrides })
  if (built.api === 'v1' && built.definition) return { api: 'v1', definition: built.definition }
  if (built.api === 'v2' && built.definition) return { api: 'v2', definition: built.definition }
  throw new Error(`${file} is not valid: ${JSON.stringify(built.diagnostics)}`)
}

const rowsOf = (markdown: string): Record<string, string> =>
  Object.fromEntries(
    markdown
      .split('\n')
      .filter(line => /^\| [A-Z]/.test(line))
      .map(line => {
        const [, head, rest] = /^\| ([^|]+) \| (.*) \|$/.exec(line) ?? []
        return [head ?? '', rest ?? '']
      })
  )

describe('the job summary', () => {
  test('v2 in a series: the name used, the series, resources, algorithm, inputs and outputs, no v1 version row', () => {
    const definition = valid(
      '__fixtures__/jobs/v2/own-code.yaml',
      'spec: {resource: {node_count: 2}}\nmetadata: {workspace_id: ws-1}'
    )
    const report: JobReport = {
      definition,
      jobName: 'mnist-v2-V0003',
      kind: 'job',
      jobId: 'u-1',
      versionId: undefined,
      versionName: 'V0003',
      status: v2Status('Completed'),
      endpoint: 'https://modelarts.example',
      durationMs: 61_000,
      outcome: 'terminal'
    }
    const markdown = jobSummary(report)
    expect(markdown).toContain('Created training job **mnist-v2-V0003** (V0003 of the series `mnist-v2`).')
    const rows = rowsOf(markdown)
    expect(rows).toMatchObject({
      Job: '`mnist-v2-V0003` (id `u-1`)',
      Series: '`V0003` of `mnist-v2`',
      Status: 'completed',
      Description: 'Train the MNIST classifier on the v2 API',
      Workspace: '`ws-1`',
      Resources: '2 nodes, flavor `modelarts.vm.cpu.8u`',
      Inputs: '`data_url` `/my-bucket/mnist/data/`',
      Outputs: '`train_url` `/my-bucket/mnist/output/`',
      Parameters: '`learning_rate=1.0` `use_amp=False` `epochs=10`'
    })
    expect(rows.Algorithm).toMatch(
      /^`\/my-bucket\/mnist\/code\/train.py` in `obs:\/\/my-bucket\/mnist\/code\/`, engine `PyTorch /
    )
    expect(rows.Version).toBeUndefined()
  })

  test('v2 without a series: no series row; a dataset input is named as such', () => {
    const definition = valid(
      '__fixtures__/jobs/v2/own-code.yaml',
      'algorithm: {inputs: [{name: labels, remote: {dataset: {id: d1, version_id: v2}}}]}'
    )
    const rows = rowsOf(
      jobSummary({
        definition,
        jobName: 'mnist-v2',
        kind: 'job',
        jobId: 'u-2',
        versionId: undefined,
        versionName: '',
        status: v2Status('Creating'),
        endpoint: 'https://modelarts.example'
      })
    )
    expect(rows.Series).toBeUndefined()
    expect(rows.Inputs).toBe('`data_url` `/my-bucket/mnist/data/`, `labels` dataset `d1` / `v2`')
  })

  test('v1 keeps its version row and workers', () => {
    const definition = valid('__fixtures__/jobs/valid/own-code.yaml')
    const markdown = jobSummary({
      definition,
      jobName: 'mnist-own-code',
      kind: 'job',
      jobId: '10',
      versionId: '11',
      versionName: 'V0001',
      status: jobStatus(8),
      endpoint: 'https://modelarts.example'
    })
    expect(markdown).toContain('Created training job **mnist-own-code** (version V0001).')
    const rows = rowsOf(markdown)
    expect(rows.Version).toBe('`V0001` (id `11`)')
    expect(rows.Resources).toMatch(/^1 worker/)
  })

  test('a create that failed names the job asked for, for either API', () => {
    expect(notCreatedSummary(valid('__fixtures__/jobs/v2/own-code.yaml'), 'https://e', 'taken')).toContain(
      'Training job **mnist-v2** was not created at `https://e`.'
    )
  })
})

/** Metrics over all tasks: missing samples left out, never zero; v1's list read in both its shapes. */
import {
  metricsFromV1Detail,
  metricsJson,
  readMetricsV2,
  summarizeMetrics
} from '../../src/modelarts/metrics.js'
import { metricsMarkdown, sparkline } from '../../src/report/metrics.js'
import type { MetricSeries } from '../../src/modelarts/v2-insight.js'

describe('summarizeMetrics', () => {
  test('average, peak and samples over all tasks; -1 is left out, not counted as zero', () => {
    const series: MetricSeries[] = [
      { metric: 'gpuUtil', values: [10, -1, 30] },
      { metric: 'gpuUtil', values: [50, 70] },
      { metric: 'cpuUsage', values: [-1, -1] }
    ]
    const [gpu, ...rest] = summarizeMetrics(series)
    expect(rest).toEqual([])
    expect(gpu).toEqual({ metric: 'gpuUtil', avg: 40, max: 70, samples: 4, trend: [30, 70, 30] })
    expect(metricsJson(summarizeMetrics(series))).toBe('{"gpuUtil":{"avg":40,"max":70,"samples":4}}')
  })

  test('known metrics come in a fixed order, unknown ones after them; averages are rounded to 2 places', () => {
    const summaries = summarizeMetrics([
      { metric: 'diskUsage', values: [1] },
      { metric: 'npuUtil', values: [1, 2, 2] },
      { metric: 'cpuUsage', values: [3] }
    ])
    expect(summaries.map(s => s.metric)).toEqual(['cpuUsage', 'npuUtil', 'diskUsage'])
    expect(summaries[1]?.avg).toBe(1.67)
  })

  test('no series gives no metrics and an empty JSON object', () => {
    expect(summarizeMetrics([])).toEqual([])
    expect(metricsJson([])).toBe('{}')
  })
})

describe('metricsFromV1Detail', () => {
  test('reads the detail object and the list JSON string alike', () => {
    const list = { cpuUsage: [1, '2', -1], gpuUtil: [] }
    const expected = [
      { metric: 'cpuUsage', values: [1, 2, -1] },
      { metric: 'gpuUtil', values: [] }
    ]
    expect(metricsFromV1Detail({ system_metric_list: list })).toEqual(expected)
    expect(metricsFromV1Detail({ system_metric_list: JSON.stringify(list) })).toEqual(expected)
    expect(metricsFromV1Detail({ system_metric_list: '{broken' })).toEqual([])
    expect(metricsFromV1Detail({})).toEqual([])
  })
})

test('readMetricsV2 reads every task in parallel and names those without metrics', async () => {
  const asked: string[] = []
  const read = await readMetricsV2(
    {
      metrics: async (_id, task) => {
        asked.push(task)
        if (task === 'worker-1') return undefined
        if (task === 'worker-2') throw new Error('HTTP 500')
        return [{ metric: 'cpuUsage', values: [task === 'worker-0' ? 10 : 20] }]
      }
    },
    'job',
    ['worker-0', 'worker-1', 'worker-2', 'worker-3']
  )
  expect(asked).toEqual(['worker-0', 'worker-1', 'worker-2', 'worker-3'])
  expect(read.missingTasks).toEqual(['worker-1', 'worker-2'])
  expect(summarizeMetrics(read.series)[0]).toMatchObject({ avg: 15, samples: 2 })
})

describe('sparkline', () => {
  test('percentages draw on a 0 to 100 scale: idle low, saturated high', () => {
    expect(sparkline([0, 1, 2])).toBe('▁▁▁')
    expect(sparkline([100, 99])).toBe('██')
    expect(sparkline([0, 50, 100])).toBe('▁▅█')
  })

  test('values over 100 scale to their peak; long runs are averaged down to the width', () => {
    expect(sparkline([0, 1000, 2000])).toBe('▁▅█')
    const long = Array.from({ length: 300 }, (_, i) => (i < 150 ? 0 : 100))
    const drawn = sparkline(long, 30)
    expect([...drawn]).toHaveLength(30)
    expect(drawn).toBe(`${'▁'.repeat(15)}${'█'.repeat(15)}`)
    expect(sparkline([])).toBe('')
  })
})

describe('metricsMarkdown', () => {
  test('one row per metric with its label, numbers and sparkline; tasks without metrics named', () => {
    const md = metricsMarkdown(
      summarizeMetrics([
        { metric: 'gpuUtil', values: [2, 4] },
        { metric: 'odd|name', values: [1.25] }
      ]),
      ['worker-1']
    )
    expect(md).toContain('| GPU utilisation | 3 | 4 | ▁▁ | 2 |')
    expect(md).toContain('| odd\\|name | 1.3 | 1.3 | ▁ | 1 |')
    expect(md).toContain('No metrics from `worker-1`.')
  })

  test('nothing at all gives no section, or a note when tasks were asked', () => {
    expect(metricsMarkdown([])).toBe('')
    expect(metricsMarkdown([], ['worker-0'])).toContain('no metrics')
  })
})

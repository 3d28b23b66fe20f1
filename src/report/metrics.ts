/** The job's metrics in the summary: per metric its average, peak and a sparkline. Pure. */
import type { MetricSummary } from '../modelarts/metrics.js'
import { escapeMarkdown } from './summary.js'

const BARS = '▁▂▃▄▅▆▇█'
/** At most this many characters per sparkline: longer runs are averaged into buckets. */
export const SPARKLINE_WIDTH = 30

const LABELS: Readonly<Record<string, string>> = {
  cpuUsage: 'CPU usage',
  memUsage: 'Memory usage',
  gpuUtil: 'GPU utilisation',
  gpuMemUsage: 'GPU memory usage',
  npuUtil: 'NPU utilisation',
  npuMemUsage: 'NPU memory usage'
}

/**
 * A Unicode sparkline of `values`, at most `width` characters. The scale starts at 0 and ends at 100 when no
 * value passes 100 (the services report percentages), so an idle GPU draws low and a saturated one high;
 * otherwise at the peak.
 */
export function sparkline(values: readonly number[], width = SPARKLINE_WIDTH): string {
  const points = bucket(values, width)
  if (points.length === 0) return ''
  const top = Math.max(100, ...points)
  return points
    .map(value =>
      BARS.charAt(Math.min(BARS.length - 1, Math.floor((Math.max(0, value) / top) * BARS.length)))
    )
    .join('')
}

/** Averages consecutive values so that at most `width` remain; shorter input is returned as it is. */
function bucket(values: readonly number[], width: number): number[] {
  if (values.length <= width) return [...values]
  const out: number[] = []
  for (let i = 0; i < width; i++) {
    const from = Math.floor((i * values.length) / width)
    const to = Math.floor(((i + 1) * values.length) / width)
    let sum = 0
    for (let j = from; j < to; j++) sum += values[j] ?? 0
    out.push(sum / Math.max(1, to - from))
  }
  return out
}

/** Service text in a code span: no column breaks, one line (GitHub also ends a line at a bare `\r`). */
const inCode = (value: string): string =>
  value
    .replace(/\|/g, '\\|')
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/`/g, "'")
const number = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(1))

/**
 * The summary section, e.g. `| GPU utilisation | 3.1 | 12 | ▁▁▂▁ | 240 |`; '' when there are no metrics.
 * `missingTasks` (tasks whose metrics could not be read) are named under the table.
 */
export function metricsMarkdown(
  summaries: readonly MetricSummary[],
  missingTasks: readonly string[] = []
): string {
  if (summaries.length === 0) {
    return missingTasks.length > 0 ? '### Metrics\n\nThe service had no metrics for this job.\n' : ''
  }
  const rows = summaries.map(
    s =>
      `| ${LABELS[s.metric] ?? escapeMarkdown(s.metric)} | ${number(s.avg)} | ${number(s.max)} | ${sparkline(s.trend)} | ${s.samples} |`
  )
  const lines = [
    '### Metrics',
    '',
    '| Metric | Average | Peak | Over time | Samples |',
    '| --- | ---: | ---: | --- | ---: |',
    ...rows
  ]
  if (missingTasks.length > 0) {
    lines.push('', `No metrics from ${missingTasks.map(task => `\`${inCode(task)}\``).join(', ')}.`)
  }
  return `${lines.join('\n')}\n`
}

/** Why a job did not complete, in the service's words; the log tails; nothing on success; reads never throw. */
import {
  endReasons,
  failureReason,
  lastLines,
  postMortemV1,
  postMortemV2,
  serviceWords,
  taskFailures,
  type JobEnd
} from '../../src/modelarts/postmortem.js'
import { jobStatus } from '../../src/modelarts/v1-status.js'
import { v2Status } from '../../src/modelarts/v2-status.js'
import { parseJob } from '../../src/modelarts/v2.js'
import type { V2Event } from '../../src/modelarts/v2-insight.js'
import { postMortemMarkdown } from '../../src/report/postmortem.js'

const failedJob = parseJob({
  metadata: { id: 'j1', name: 'mnist' },
  status: {
    phase: 'Failed',
    tasks: ['worker-0', 'worker-1'],
    task_statuses: [
      { task: 'worker-0', exit_code: 0, message: '' },
      { task: 'worker-1', exit_code: '137', message: 'Container killed:\n OOMKilled' }
    ],
    running_records: [
      { start_at: 1, end_at: 2, end_reason: 'exit with 137' },
      { start_at: 3, end_at: 4, end_reason: 'exit with 137' }
    ]
  }
})
const failed: JobEnd = { outcome: 'terminal', status: v2Status('Failed') }
const events: V2Event[] = [
  { time: '2024-01-01T00:00:03+08:00', level: 'Error', message: 'Training job failed.', source: 'Job' },
  { time: '2024-01-01T00:00:02+08:00', level: 'Info', message: '[worker-1] started', source: 'Task' },
  { time: '2024-01-01T00:00:01+08:00', level: 'Error', message: '[worker-1] Exit code 137.', source: 'Task' }
]
const log = (task: string, count: number) =>
  Array.from({ length: count }, (_, i) => `[${task}] line ${i + 1}`).join('\n') + '\n'

function readerV2(over: { events?: () => Promise<V2Event[]>; fail?: string } = {}) {
  const asked: string[] = []
  return {
    asked,
    reader: {
      events: async (id: string) => {
        asked.push(`events ${id}`)
        return over.events ? over.events() : events
      },
      logPreview: async (id: string, task: string) => {
        asked.push(`log ${task}`)
        if (task === over.fail) throw new Error('HTTP 500')
        return { content: log(task, 40) }
      }
    }
  }
}

describe('postMortemV2', () => {
  test('the failed task, its end reason and the Error events, newest first; 30 lines of each log', async () => {
    const { reader, asked } = readerV2()
    const p = await postMortemV2(reader, failedJob, failed)
    expect(asked.sort()).toEqual(['events j1', 'log worker-0', 'log worker-1'])
    expect(p.tasks).toEqual([{ task: 'worker-1', exitCode: 137, message: 'Container killed: OOMKilled' }])
    expect(p.endReasons).toEqual(['exit with 137'])
    expect(p.events.map(e => e.message)).toEqual(['Training job failed.', '[worker-1] Exit code 137.'])
    expect(p.logTails.map(t => [t.task, t.lines.length, t.lines[0], t.lines.at(-1)])).toEqual([
      ['worker-0', 30, '[worker-0] line 11', '[worker-0] line 40'],
      ['worker-1', 30, '[worker-1] line 11', '[worker-1] line 40']
    ])
    expect(p.reason).toBe(
      'Training job failed (the run failed); worker-1 exit code 137: Container killed: OOMKilled; exit with 137'
    )
    expect(p.unread).toEqual([])
  })

  test('a completed job has nothing to explain and reads nothing', async () => {
    const { reader, asked } = readerV2()
    const p = await postMortemV2(reader, failedJob, { outcome: 'terminal', status: v2Status('Completed') })
    expect(p.reason).toBe('')
    expect(asked).toEqual([])
  })

  test('failing reads leave their part out and are named', async () => {
    const { reader } = readerV2({ events: () => Promise.reject(new Error('403')), fail: 'worker-0' })
    const p = await postMortemV2(reader, failedJob, failed, { tailLines: 2 })
    expect(p.unread.sort()).toEqual(['events', 'log of worker-0'])
    expect(p.logTails).toEqual([{ task: 'worker-1', lines: ['[worker-1] line 39', '[worker-1] line 40'] }])
    expect(p.reason).toContain('worker-1 exit code 137')
  })

  test('a secret the job echoes is masked before the reason is cut: no piece of it survives', async () => {
    const secret = 'EMULATORACCESSKEY0123'
    const echoing = parseJob({
      metadata: { id: 'j3', name: 'leak' },
      status: {
        phase: 'Failed',
        tasks: ['worker-0'],
        task_statuses: [{ task: 'worker-0', exit_code: 1, message: `${'x'.repeat(440)} ${secret}` }],
        running_records: [{ end_reason: `bad key ${secret}` }]
      }
    })
    const { reader } = readerV2({
      events: async () => [{ time: 't', level: 'Error', message: `auth ${secret}`, source: 'Job' }]
    })
    const redact = (text: string) => text.split(secret).join('***')
    const p = await postMortemV2(reader, echoing, failed, { redact })
    const everything = JSON.stringify(p)
    for (let length = 6; length <= secret.length; length++)
      expect(everything).not.toContain(secret.slice(0, length))
    expect(p.tasks[0]?.message).toContain('***')
    expect(p.endReasons).toEqual(['bad key ***'])
  })

  test('a timeout says so; with no task words the latest Error event is the reason', async () => {
    const running = parseJob({ metadata: { id: 'j2' }, status: { phase: 'Running', tasks: [] } })
    const { reader } = readerV2()
    const p = await postMortemV2(reader, running, {
      outcome: 'timeout',
      status: v2Status('Running'),
      limit: '2h',
      stopped: true
    })
    expect(p.reason).toBe('Stopped at the timeout (2h), while running; Training job failed')
  })
})

describe('failureReason', () => {
  const none = { tasks: [], endReasons: [], events: [], logTails: [] }
  test('each way of not completing says what happened', () => {
    expect(failureReason({ outcome: 'terminal', status: v2Status('Terminated') }, none)).toBe(
      'Training job terminated (stopped)'
    )
    expect(failureReason({ outcome: 'timeout', status: undefined, limit: '30m', stopped: false }, none)).toBe(
      'Still going at the timeout (30m); not waited for further'
    )
    expect(failureReason({ outcome: 'cancelled', status: v2Status('Pending'), stopped: true }, none)).toBe(
      'Stopped because the workflow was cancelled, while pending'
    )
    expect(failureReason({ outcome: 'terminal', status: v2Status('Completed') }, none)).toBe('')
  })

  test('a description equal to the status name is not repeated', () => {
    expect(failureReason({ outcome: 'terminal', status: v2Status('Abnormal') }, none)).toBe(
      'Training job abnormal'
    )
  })

  test('the service words open a sentence of their own: the lead-in capitalised, service text as sent', () => {
    const tail = { task: 'job.0', lines: ['step 3 loss=0.4.'] }
    expect(serviceWords({ ...none, logTails: [tail] })).toBe('Last log line: step 3 loss=0.4')
    expect(failureReason(failed, { ...none, logTails: [tail] })).toBe(
      'Training job failed (the run failed); last log line: step 3 loss=0.4'
    )
    expect(serviceWords({ ...none, tasks: [{ task: 'worker-0', exitCode: 1, message: '' }] })).toBe(
      'worker-0 exit code 1'
    )
  })

  test('is one line, cut at 500 characters', () => {
    const long = { ...none, tasks: [{ task: 'w', exitCode: 1, message: 'x'.repeat(900) }] }
    const reason = failureReason(failed, long)
    expect(reason).toHaveLength(500)
    expect(reason.endsWith('…')).toBe(true)
    expect(reason).not.toMatch(/\n/)
  })
})

test('taskFailures, endReasons and lastLines read loosely', () => {
  expect(taskFailures({})).toEqual([])
  expect(taskFailures({ status: { task_statuses: [{ task: 'w', message: 'evicted' }, 'x'] } })).toEqual([
    { task: 'w', message: 'evicted' }
  ])
  expect(endReasons({ status: { running_records: [{ end_reason: '' }, {}] } })).toEqual([])
  expect(lastLines('a\r\nb\r\n', 5)).toEqual(['a', 'b'])
  expect(lastLines('', 5)).toEqual([])
})

describe('postMortemV1', () => {
  const api = (files: string[] | Error) => ({
    logFileNames: async () => {
      if (files instanceof Error) throw files
      return files
    },
    logLines: async (_job: string, _version: string, file: string, cursor: string | undefined) => {
      expect(cursor).toBeUndefined()
      return { lines: log(file, 50).trimEnd().split('\n'), cursor: 'end' }
    }
  })
  const end: JobEnd = { outcome: 'terminal', status: jobStatus(3) }

  test('the status name, then the last log line; the newest lines of every worker', async () => {
    const p = await postMortemV1(api(['job.0', 'job.1']), '1', '2', end)
    expect(p.logTails.map(t => [t.task, t.lines.length])).toEqual([
      ['job.0', 30],
      ['job.1', 30]
    ])
    expect(p.reason).toMatch(/^Training job \S+ \(.+\); last log line: \[job\.1\] line 50$/)
  })

  test('without log files the status alone is the reason', async () => {
    const p = await postMortemV1(api(new Error('timeout')), '1', '2', end)
    expect(p.unread).toEqual(['log file names'])
    expect(p.reason).toMatch(/^Training job [a-z_]+ \(/)
    expect(p.reason).not.toContain(';')
  })
})

describe('postMortemMarkdown', () => {
  test('the reason, the facts, each log tail collapsed in a fence the log cannot close', async () => {
    const { reader } = readerV2()
    const p = await postMortemV2(reader, failedJob, failed, { tailLines: 2 })
    p.logTails[0] = { task: 'worker-0', lines: ['```', '<script>x</script>'] }
    const md = postMortemMarkdown(p)
    expect(md).toContain('> Training job failed (the run failed); worker-1 exit code 137')
    expect(md).toContain('- `worker-1` exit code 137: Container killed: OOMKilled')
    expect(md).toContain('- End reason: exit with 137')
    expect(md).toContain('- Event 2024-01-01T00:00:03+08:00 (Job): Training job failed.')
    expect(md).toContain('<summary>Last 2 lines of worker-0</summary>')
    expect(md).toContain('````text\n```\n<script>x</script>\n````')
  })

  test('service text is not read as Markdown or HTML', () => {
    const md = postMortemMarkdown({
      reason: 'Training job failed; OOM *killed* in __init__ <b>',
      tasks: [{ task: 'worker-0', exitCode: 137, message: 'OOM *killed* [x](y)' }],
      endReasons: ['_gone_'],
      events: [{ time: 't', level: 'Error', message: '`rm` **bold**', source: 'Job' }],
      logTails: [],
      unread: []
    })
    expect(md).toContain('> Training job failed; OOM \\*killed\\* in \\_\\_init\\_\\_ \\<b\\>')
    expect(md).toContain('- `worker-0` exit code 137: OOM \\*killed\\* \\[x\\](y)')
    expect(md).toContain('- End reason: \\_gone\\_')
    expect(md).toContain('(Job): \\`rm\\` \\*\\*bold\\*\\*')
  })

  test('nothing on success', () => {
    expect(
      postMortemMarkdown({ reason: '', tasks: [], endReasons: [], events: [], logTails: [], unread: [] })
    ).toBe('')
  })
})

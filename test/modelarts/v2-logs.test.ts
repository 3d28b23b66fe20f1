/** The v2 log window: what is new, whole lines only, gaps said once, bounded state. */
import { readWindow, startCursor, v2LogReader, type WindowCursor } from '../../src/modelarts/v2-logs.js'
import type { V2LogPreview } from '../../src/modelarts/v2.js'
import type { LogReader, RunDetail } from '../../src/modelarts/api.js'
import { v2Status } from '../../src/modelarts/v2-status.js'

/** The window a service with a `cap`-byte preview shows of `log`. */
function windowOf(log: string, cap = Infinity): V2LogPreview {
  const bytes = Buffer.from(log, 'utf8')
  const shown = bytes.subarray(Math.max(0, bytes.length - cap))
  return { content: shown.toString('utf8'), currentSize: shown.length, fullSize: bytes.length }
}

/** Feeds the growing log through readWindow and collects every line printed. */
function follow(stages: string[], cap = Infinity, finalAt = stages.length - 1) {
  let cursor: WindowCursor = startCursor()
  const lines: string[] = []
  const gaps: number[] = []
  stages.forEach((log, i) => {
    const read = readWindow(cursor, windowOf(log, cap), i >= finalAt)
    cursor = read.cursor
    lines.push(...read.lines)
    if (read.skippedBytes !== undefined) gaps.push(read.skippedBytes)
  })
  return { lines, gaps, cursor }
}

describe('readWindow', () => {
  test('prints only what is new, each line once, in order', () => {
    const { lines } = follow(['a\n', 'a\nb\nc\n', 'a\nb\nc\n', 'a\nb\nc\nd\n'])
    expect(lines).toEqual(['a', 'b', 'c', 'd'])
  })

  test('keeps a partial last line until it completes', () => {
    let cursor = startCursor()
    const first = readWindow(cursor, windowOf('one\ntw'), false)
    expect(first.lines).toEqual(['one'])
    expect(first.cursor.printed).toBe(4)
    cursor = first.cursor
    const second = readWindow(cursor, windowOf('one\ntwo\nthr'), false)
    expect(second.lines).toEqual(['two'])
    const last = readWindow(second.cursor, windowOf('one\ntwo\nthree'), true)
    expect(last.lines).toEqual(['three'])
    expect(last.cursor.printed).toBe(13)
  })

  test('the final read prints the partial tail once, and nothing after', () => {
    const { lines, cursor } = follow(['x\ny', 'x\ny'])
    expect(lines).toEqual(['x', 'y'])
    expect(readWindow(cursor, windowOf('x\ny'), true).lines).toEqual([])
  })

  test('counts bytes, not characters, and strips CR', () => {
    const { lines } = follow(['größe=1 ✓\r\n', 'größe=1 ✓\r\n训练 2\n'])
    expect(lines).toEqual(['größe=1 ✓', '训练 2'])
  })

  test('a window that moved past unprinted lines: said once, and whole lines only after it', () => {
    const log = (n: number) =>
      Array.from({ length: n }, (_, i) => `line ${String(i).padStart(3, '0')}\n`).join('')
    // Each line is 9 bytes; the window shows 40 bytes, i.e. the tail of one line plus four lines.
    const { lines, gaps } = follow([log(2), log(20), log(21), log(40)], 40)
    expect(lines.slice(0, 2)).toEqual(['line 000', 'line 001'])
    expect(lines.slice(2, 6)).toEqual(['line 016', 'line 017', 'line 018', 'line 019'])
    expect(lines.slice(6)).toEqual(['line 020', 'line 036', 'line 037', 'line 038', 'line 039'])
    // Skipped: lines 2..15 (14 lines) plus the partial line 15's tail in the window... all counted in bytes.
    expect(gaps).toHaveLength(1)
    expect(gaps[0]).toBe(20 * 9 - 40 + 4 - 2 * 9)
    expect(new Set(lines).size).toBe(lines.length)
  })

  test('a first read of a log that is already longer than its window says so', () => {
    const read = readWindow(
      startCursor(),
      { content: 'tail\nnext\n', currentSize: 10, fullSize: 1000 },
      false
    )
    expect(read.lines).toEqual(['next'])
    expect(read.skippedBytes).toBe(995)
    expect(read.cursor).toEqual({ printed: 1000, gapReported: true })
  })

  test('a window without a newline past a gap is skipped whole', () => {
    const read = readWindow({ printed: 0, gapReported: true }, { content: 'abc', fullSize: 100 }, false)
    expect(read).toEqual({ lines: [], cursor: { printed: 100, gapReported: true } })
  })

  test('a log that got shorter started over: read from its beginning', () => {
    const read = readWindow({ printed: 500, gapReported: false }, windowOf('new 1\nnew 2\n'), false)
    expect(read.restarted).toBe(true)
    expect(read.lines).toEqual(['new 1', 'new 2'])
  })

  test('without full_size the window is taken as the whole log', () => {
    const read = readWindow(startCursor(), { content: 'a\nb\n' }, false)
    expect(read.lines).toEqual(['a', 'b'])
    expect(read.cursor.printed).toBe(4)
  })

  test('the cursor stays two small values however long the log grows', () => {
    const big = 'x'.repeat(99) + '\n'
    const { cursor, lines } = follow([big.repeat(1000), big.repeat(2000)], 100_000)
    expect(Object.keys(cursor).sort()).toEqual(['gapReported', 'printed'])
    expect(cursor.printed).toBe(200_000)
    expect(lines).toHaveLength(2000)
  })
})

describe('v2LogReader', () => {
  /** A status read naming `tasks`, as v2Api.getRun returns it. */
  const run = (tasks: string[]): RunDetail => ({ status: v2Status('Running'), durationMs: undefined, tasks })
  const guard = <T>(work: Promise<T>): Promise<T> => work

  /** Reads once with the status read `detail` (undefined: that read failed), recording lines and notices. */
  function reading(reader: LogReader, printed: Array<[string, string | undefined]>, notices: string[]) {
    return (detail: RunDetail | undefined, final = false): Promise<void> =>
      reader.read((line, worker) => void printed.push([line, worker]), guard, final, {
        run: detail,
        notice: message => void notices.push(message)
      })
  }

  function setup(logs: Record<string, string | undefined>) {
    const printed: Array<[string, string | undefined]> = []
    const notices: string[] = []
    const calls: string[] = []
    const reader = v2LogReader(
      {
        async logPreview(id, task) {
          calls.push(`${id}/${task}`)
          const log = logs[task]
          return log === undefined ? undefined : windowOf(log, 30)
        }
      },
      'j'
    )
    return { read: reading(reader, printed, notices), printed, notices, calls, logs }
  }

  test('one task: no prefix; not-ready logs print nothing', async () => {
    const { read, printed, logs } = setup({ 'worker-0': undefined })
    await read(run(['worker-0']))
    expect(printed).toEqual([])
    logs['worker-0'] = 'a\nb\n'
    await read(run(['worker-0']))
    expect(printed).toEqual([
      ['a', undefined],
      ['b', undefined]
    ])
  })

  test('several tasks: prefixed by task, each in order; tasks kept when a read has none', async () => {
    const { read, printed, logs, calls } = setup({ 'worker-0': 'a0\n', 'worker-1': 'a1\n' })
    await read(run(['worker-0', 'worker-1']))
    logs['worker-0'] = 'a0\nb0\nc0'
    logs['worker-1'] = 'a1\nb1\n'
    await read(undefined)
    await read(run(['worker-0', 'worker-1']), true)
    expect(printed).toEqual([
      ['a0', 'worker-0'],
      ['a1', 'worker-1'],
      ['b0', 'worker-0'],
      ['b1', 'worker-1'],
      ['c0', 'worker-0']
    ])
    expect(calls).toHaveLength(6)
  })

  test('several tasks by node_count: the first task is prefixed before the second appears', async () => {
    const { read, printed, logs } = setup({ 'worker-0': 'a0\n' })
    await read({ ...run(['worker-0']), taskCount: 2 })
    logs['worker-0'] = 'a0\nb0\n'
    logs['worker-1'] = 'a1\n'
    await read({ ...run(['worker-0', 'worker-1']), taskCount: 2 })
    expect(printed).toEqual([
      ['a0', 'worker-0'],
      ['b0', 'worker-0'],
      ['a1', 'worker-1']
    ])
  })

  test('once several tasks were seen, lines stay prefixed when a later read lists one', async () => {
    const { read, printed, logs } = setup({ 'worker-0': 'a0\n', 'worker-1': 'a1\n' })
    await read(run(['worker-0', 'worker-1']))
    logs['worker-0'] = 'a0\nb0\n'
    await read(run(['worker-0']))
    await read(undefined)
    expect(printed).toEqual([
      ['a0', 'worker-0'],
      ['a1', 'worker-1'],
      ['b0', 'worker-0']
    ])
  })

  test('one node: no prefix, even with the task count given', async () => {
    const { read, printed } = setup({ 'worker-0': 'a\n' })
    await read({ ...run(['worker-0']), taskCount: 1 })
    expect(printed).toEqual([['a', undefined]])
  })

  test('says once per task that the window moved on', async () => {
    const { read, notices, logs } = setup({ 'worker-0': 'a\n' })
    await read(run(['worker-0']))
    logs['worker-0'] = 'a\n' + 'line\n'.repeat(20)
    await read(run(['worker-0']))
    logs['worker-0'] = 'a\n' + 'line\n'.repeat(40)
    await read(run(['worker-0']))
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/log preview of worker-0 had moved past \d+ bytes/)
  })

  test('a failed read leaves the cursor where it was', async () => {
    let fail = true
    const printed: Array<[string, string | undefined]> = []
    const reader = v2LogReader(
      {
        async logPreview() {
          if (fail) throw new Error('503')
          return windowOf('a\nb\n')
        }
      },
      'j'
    )
    const read = reading(reader, printed, [])
    await expect(read(run(['worker-0']))).rejects.toThrow('503')
    fail = false
    await read(run(['worker-0']))
    expect(printed).toEqual([
      ['a', undefined],
      ['b', undefined]
    ])
  })
})

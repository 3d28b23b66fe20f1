import {
  backoffDelay,
  defaultRetryPolicy,
  parseRetryAfter,
  sleep,
  withRetry,
  type RetryDecision
} from '../../src/huaweicloud/retry.js'

class Flaky extends Error {
  constructor(
    readonly retry: boolean,
    readonly serverDelayMs?: number
  ) {
    super('flaky')
  }
}

const classify = (error: unknown): RetryDecision =>
  error instanceof Flaky ? { retry: error.retry, serverDelayMs: error.serverDelayMs } : { retry: false }

/** A fake clock that the fake sleep advances. */
function fakeTime() {
  const state = { now: 0, sleeps: [] as number[] }
  return {
    state,
    now: () => state.now,
    sleep: async (ms: number) => {
      state.sleeps.push(ms)
      state.now += ms
    }
  }
}

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-06T07:08:09Z')
  it.each([
    ['2', 2000],
    ['0', 0],
    [' 1.5 ', 1500],
    [new Date(now + 4000).toUTCString(), 4000],
    [new Date(now - 4000).toUTCString(), 0],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined]
  ])('%j → %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected)
  })
})

describe('backoffDelay (full jitter)', () => {
  it('stays within [0, min(cap, base * 2^(n-1))]', () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000 }
    for (let retry = 1; retry <= 8; retry++) {
      const ceiling = Math.min(1000, 100 * 2 ** (retry - 1))
      expect(backoffDelay(retry, policy, () => 0)).toBe(0)
      const high = backoffDelay(retry, policy, () => 0.999999)
      expect(high).toBeLessThanOrEqual(ceiling)
      expect(high).toBeGreaterThanOrEqual(Math.floor(ceiling * 0.99))
    }
  })
})

describe('withRetry', () => {
  it('returns the first success', async () => {
    const time = fakeTime()
    let calls = 0
    const result = await withRetry(
      async () => {
        if (++calls < 3) throw new Flaky(true)
        return 'done'
      },
      { classify, sleep: time.sleep, now: time.now, random: () => 0.5 }
    )
    expect(result).toBe('done')
    expect(calls).toBe(3)
    expect(time.state.sleeps).toHaveLength(2)
  })

  it('rethrows a non-retryable error at once', async () => {
    const time = fakeTime()
    const error = new Flaky(false)
    await expect(withRetry(async () => Promise.reject(error), { classify, sleep: time.sleep })).rejects.toBe(
      error
    )
    expect(time.state.sleeps).toEqual([])
  })

  it('stops after maxAttempts', async () => {
    const time = fakeTime()
    let calls = 0
    await expect(
      withRetry(
        async () => {
          calls++
          throw new Flaky(true)
        },
        { classify, sleep: time.sleep, now: time.now, policy: { maxAttempts: 3 } }
      )
    ).rejects.toBeInstanceOf(Flaky)
    expect(calls).toBe(3)
  })

  it('stops when the next wait would pass the elapsed-time bound', async () => {
    const time = fakeTime()
    let calls = 0
    await expect(
      withRetry(
        async () => {
          calls++
          throw new Flaky(true, 4000)
        },
        { classify, sleep: time.sleep, now: time.now, policy: { maxAttempts: 100, maxElapsedMs: 10_000 } }
      )
    ).rejects.toBeInstanceOf(Flaky)
    expect(time.state.sleeps).toEqual([4000, 4000])
    expect(calls).toBe(3)
  })

  it('honours a server delay but caps it', async () => {
    const time = fakeTime()
    let calls = 0
    await withRetry(
      async () => {
        if (++calls === 1) throw new Flaky(true, 10 * 60_000)
        return calls
      },
      { classify, sleep: time.sleep, now: time.now, random: () => 0, policy: { maxServerDelayMs: 30_000 } }
    )
    expect(time.state.sleeps).toEqual([30_000])
  })

  it('stops early when aborted during a wait, without waiting it out', async () => {
    const controller = new AbortController()
    let calls = 0
    const run = withRetry(
      async () => {
        calls++
        if (calls === 1) setTimeout(() => controller.abort(new Error('cancelled')), 10)
        throw new Flaky(true, 60_000)
      },
      { classify, signal: controller.signal, policy: { maxServerDelayMs: 60_000 } }
    )
    await expect(run).rejects.toThrow('cancelled')
    expect(calls).toBe(1)
  })

  it('does not start when already aborted', async () => {
    const controller = new AbortController()
    controller.abort(new Error('cancelled'))
    let calls = 0
    await expect(withRetry(async () => ++calls, { classify, signal: controller.signal })).rejects.toThrow(
      'cancelled'
    )
    expect(calls).toBe(0)
  })
})

describe('sleep', () => {
  it('resolves after a short real delay', async () => {
    await expect(sleep(5)).resolves.toBeUndefined()
  })
})

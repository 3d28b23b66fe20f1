/**
 * The one retry helper: full-jitter exponential backoff, bounded in attempts and in total time,
 * honouring a delay the server asked for, and stopping early when aborted.
 */

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number
  /** Backoff before the second attempt is drawn from [0, baseDelayMs]; it doubles each time. */
  baseDelayMs: number
  /** Upper bound of one backoff. */
  maxDelayMs: number
  /** No retry starts later than this after the first attempt began. */
  maxElapsedMs: number
  /** Longest server-requested delay (Retry-After) that is honoured as is. */
  maxServerDelayMs: number
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 20_000,
  maxElapsedMs: 120_000,
  maxServerDelayMs: 60_000
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>
export type Random = () => number

/** What the operation's failure means for the next attempt. */
export interface RetryDecision {
  retry: boolean
  /** Delay the server asked for, e.g. from Retry-After. */
  serverDelayMs?: number
}

export interface RetryOptions {
  policy?: Partial<RetryPolicy>
  /** Decides from the error whether another attempt may help. */
  classify: (error: unknown) => RetryDecision
  sleep?: Sleep
  random?: Random
  /** Milliseconds clock, for the elapsed-time bound. */
  now?: () => number
  signal?: AbortSignal
  /** Called before each wait, e.g. to log it. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('The operation was aborted')
}

/** A timer-based sleep that ends early (rejecting) when `signal` aborts. */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal))
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(abortReason(signal as AbortSignal))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })

/** Full jitter: uniform in [0, min(max, base * 2^(retry-1))]; `retry` counts from 1. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: Random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1))
  return Math.floor(random() * ceiling)
}

/** A throttled create (HTTP 429) was refused, not taken: it is sent again after Retry-After, this long at most. */
export const MAX_THROTTLE_DELAY_MS = 60_000

/** How long to wait before sending a throttled call again: what the service asked for, else the backoff. */
export function throttleDelay(
  retryAfterMs: number | undefined,
  retry: number,
  random: Random = Math.random
): number {
  return Math.min(retryAfterMs ?? backoffDelay(retry, defaultRetryPolicy, random), MAX_THROTTLE_DELAY_MS)
}

/**
 * Retry-After as milliseconds: delay-seconds or an HTTP date (relative to `nowMs`).
 * Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (text === '') return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - nowMs)
}

/** Runs `operation` until it succeeds, the error is not retryable, or a bound is reached; rethrows the last error. */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions
): Promise<T> {
  const policy = { ...defaultRetryPolicy, ...options.policy }
  const wait = options.sleep ?? sleep
  const random = options.random ?? Math.random
  const now = options.now ?? Date.now
  const { signal } = options
  const started = now()
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortReason(signal)
    try {
      return await operation(attempt)
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal)
      const decision = options.classify(error)
      if (!decision.retry || attempt >= policy.maxAttempts) throw error
      const backoff = backoffDelay(attempt, policy, random)
      // A server-requested delay wins over the jittered one, within a sane cap.
      const delayMs =
        decision.serverDelayMs !== undefined
          ? Math.min(Math.max(decision.serverDelayMs, backoff), policy.maxServerDelayMs)
          : backoff
      if (now() - started + delayMs > policy.maxElapsedMs) throw error
      options.onRetry?.({ attempt, delayMs, error })
      await wait(delayMs, signal)
    }
  }
}

/** The one rule for sending a failed create again as it is, shared by the v1 and v2 exactly-once submits. */
import { backoffDelay, defaultRetryPolicy, throttleDelay } from '../huaweicloud/retry.js'
import { neverSent, retryAfterOf, wasThrottled } from '../huaweicloud/errors.js'

/**
 * Waits and returns true when the create may be sent again unchanged: it never left (connection refused), or
 * the service throttled it (a 429 means it was not accepted), after Retry-After. False when it may have landed
 * or failed for good: the caller decides from the job list, or gives up.
 */
export async function waitToResend(
  error: unknown,
  attempt: number,
  { sleep, log }: { sleep: (ms: number) => Promise<void>; log: (message: string) => void }
): Promise<boolean> {
  if (neverSent(error)) {
    await sleep(backoffDelay(attempt, defaultRetryPolicy))
    return true
  }
  if (wasThrottled(error)) {
    const delayMs = throttleDelay(retryAfterOf(error), attempt)
    log(`The create call was throttled (HTTP 429); sending it again in ${Math.ceil(delayMs / 1000)} s.`)
    await sleep(delayMs)
    return true
  }
  return false
}

/** Durations as users write them in inputs (`90m`, `5h50m`, `3600`) and as the log shows them. Pure. */

const msPerUnit = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const

// Units in this order, each at most once, whole numbers only; `ms` is tried before `m` through backtracking.
const durationPattern = /^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*(?:(\d+)\s*ms)?$/i

export interface ParsedDuration {
  ms?: number
  error?: string
}

/**
 * Parses `2h`, `90m`, `5h50m`, `1h30m15s`, `45s`, or a plain number of seconds (`3600`);
 * `500ms` too when `allowMs`. The result is positive and a whole number of milliseconds.
 */
export function parseDuration(value: string, options: { allowMs: boolean }): ParsedDuration {
  const text = value.trim()
  const forms = options.allowMs
    ? 'e.g. 90m, 2h, 5h50m, 1h30m15s, 45s, 500ms, or a whole number of seconds such as 3600'
    : 'e.g. 90m, 2h, 5h50m, 1h30m15s, 45s, or a whole number of seconds such as 3600'
  const invalid = (why: string): ParsedDuration => ({ error: `"${value}" ${why}: write ${forms}` })

  if (text === '') return invalid('is empty')
  if (text.startsWith('-')) return invalid('is negative')

  let ms: number
  if (/^\d+$/.test(text)) {
    ms = Number(text) * msPerUnit.s
  } else {
    const match = durationPattern.exec(text)
    if (!match) return invalid('is not a duration')
    const [, hours, minutes, seconds, millis] = match
    if (millis !== undefined && !options.allowMs)
      return invalid('uses milliseconds, which are not allowed here')
    ms =
      Number(hours ?? 0) * msPerUnit.h +
      Number(minutes ?? 0) * msPerUnit.m +
      Number(seconds ?? 0) * msPerUnit.s +
      Number(millis ?? 0) * msPerUnit.ms
  }
  if (!Number.isSafeInteger(ms)) return invalid('is too long')
  if (ms === 0) return invalid('is zero')
  return { ms }
}

/** `1h 2m 3s` for the log; under a second as `250 ms`. Sub-second remainders above a second are dropped. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0 ms'
  if (ms < 1000) return `${Math.floor(ms)} ms`
  const totalSeconds = Math.floor(ms / 1000)
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  const parts: string[] = []
  if (hours > 0) parts.push(`${hours}h`)
  if (minutes > 0) parts.push(`${minutes}m`)
  if (seconds > 0) parts.push(`${seconds}s`)
  return parts.join(' ')
}

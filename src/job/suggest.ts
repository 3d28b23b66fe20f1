/** The known key a mistyped key most likely meant. */

const SEPARATORS = /[-\s.]+/g

/**
 * Nearest of `known` to `unknown`, or undefined when none is close: same words in another case or with
 * `-`, a small edit distance (`readonly`), a prefix (`spec`, `boot_file`), or all words found (`worker_num`).
 */
export function nearestKey(unknown: string, known: readonly string[]): string | undefined {
  const wanted = normalize(unknown)
  const wantedWords = wanted.split('_').filter(Boolean)
  let best: string | undefined
  let bestScore = Number.POSITIVE_INFINITY
  for (const candidate of known) {
    const score = closeness(wanted, wantedWords, candidate)
    if (score < bestScore) {
      best = candidate
      bestScore = score
    }
  }
  return best
}

/** Lower is closer; infinity is not close at all. */
function closeness(wanted: string, wantedWords: string[], candidate: string): number {
  if (wanted === candidate) return 0
  const limit = wanted.length <= 4 ? 1 : wanted.length <= 10 ? 2 : 3
  const distance = editDistance(wanted, candidate, limit)
  if (distance <= limit) return distance
  const shorter = Math.min(wanted.length, candidate.length)
  if (shorter >= 3 && (candidate.startsWith(wanted) || wanted.startsWith(candidate))) return 4
  const candidateWords = candidate.split('_')
  if (wantedWords.length >= 2 && wantedWords.every(word => candidateWords.includes(word))) return 5
  return Number.POSITIVE_INFINITY
}

function normalize(key: string): string {
  return key.trim().toLowerCase().replace(SEPARATORS, '_')
}

/** Optimal string alignment distance (adjacent swaps count once), giving up above `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let beforePrevious: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowMinimum = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1)
      }
      current[j] = value
      rowMinimum = Math.min(rowMinimum, value)
    }
    if (rowMinimum > limit) return limit + 1
    beforePrevious = previous
    previous = current
  }
  return previous[b.length] ?? limit + 1
}

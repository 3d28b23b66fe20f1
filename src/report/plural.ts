/** Words in sentences: `1 problem`, `3 problems`. */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : many}`
}

/** `job 7 version 9` at the start of a sentence: `Job 7 version 9`. */
export const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

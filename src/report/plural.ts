/** `1 problem`, `3 problems`: counts read as sentences. */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : many}`
}

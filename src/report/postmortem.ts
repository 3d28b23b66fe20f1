/** Why a job did not complete, for the summary: the service's words, then each task's log tail collapsed. Pure. */
import type { PostMortem } from '../modelarts/postmortem.js'
import { escapeMarkdown } from './summary.js'

/** Service text inside HTML (`<summary>`): no tags, no line breaks. */
const html = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\s+/g, ' ').trim()
/** Service text as Markdown text: no HTML, no emphasis or links (`OOM *killed*` stays as written). Markdown's own
 * escapes (`\\<`, `\\&`) keep tags and entities literal; HTML entities on top would show as `&lt;`. */
const text = (value: string): string => escapeMarkdown(value.replace(/\s+/g, ' ').trim())
/** Service text in a code span: shown literally there, so only a backtick (which would end it) is changed. */
const codeSpan = (value: string): string => `\`${value.replace(/\s+/g, ' ').trim().replace(/`/g, "'")}\``

/** A fence longer than any run of backticks in `body`, so log text cannot close it. */
function fenced(body: string): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `${fence}text\n${body}\n${fence}`
}

/** The summary section; '' when the job completed. */
export function postMortemMarkdown(p: PostMortem): string {
  if (p.reason === '') return ''
  const lines = ['### Why the job did not complete', '', `> ${text(p.reason)}`, '']
  const facts: string[] = []
  for (const task of p.tasks) {
    const code = task.exitCode !== undefined ? ` exit code ${task.exitCode}` : ''
    facts.push(`- ${codeSpan(task.task)}${code}${task.message ? `: ${text(task.message)}` : ''}`)
  }
  for (const reason of p.endReasons) facts.push(`- End reason: ${text(reason)}`)
  for (const event of p.events) {
    facts.push(
      `- Event ${text(event.time)}${event.source ? ` (${text(event.source)})` : ''}: ${text(event.message)}`
    )
  }
  if (facts.length > 0) lines.push(...facts, '')
  for (const tail of p.logTails) {
    const count = tail.lines.length
    lines.push(
      '<details>',
      `<summary>Last ${count} ${count === 1 ? 'line' : 'lines'} of ${html(tail.task)}</summary>`,
      '',
      fenced(tail.lines.join('\n')),
      '',
      '</details>',
      ''
    )
  }
  if (p.unread.length > 0) lines.push(`Not read: ${p.unread.map(text).join(', ')}.`, '')
  return `${lines.join('\n').trimEnd()}\n`
}

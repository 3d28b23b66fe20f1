/** The provenance line of the job summary: the workflow's name is text from the repository, shown as typed. */
import { runProvenance } from '../../src/report/provenance.js'

const saved = { ...process.env }
afterAll(() => {
  process.env = saved
})

test('a workflow name with backticks, HTML and a line break stays inside its code span', async () => {
  Object.assign(process.env, {
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_RUN_ID: '42',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: '0123456789abcdef',
    GITHUB_WORKFLOW: 'ci` <img src="https://evil.example/t.png">\r# INJECTED `x'
  })
  const line = await runProvenance()
  expect(line).toBeDefined()
  expect(line).not.toMatch(/[\r\n]/)
  // Code spans removed, nothing of the name is left outside one.
  const outside = (line ?? '').replace(/(`+)[^\n]*?\1/g, '')
  expect(outside).not.toContain('<img')
  expect(outside).not.toContain('INJECTED')
  expect(line).toContain('<img src="https://evil.example/t.png"> # INJECTED')
})

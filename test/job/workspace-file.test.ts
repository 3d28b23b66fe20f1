import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isInside, readWorkspaceFile } from '../../src/job/workspace-file.js'

let base: string
let root: string
let outside: string

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'workspace-file-'))
  root = join(base, 'repo')
  outside = join(base, 'outside')
  mkdirSync(join(root, 'jobs'), { recursive: true })
  mkdirSync(outside)
  writeFileSync(join(root, 'jobs', 'a.yaml'), 'job_name: a\n')
  writeFileSync(join(outside, 'secret.yaml'), 'job_name: secret\n')
  symlinkSync(join(outside, 'secret.yaml'), join(root, 'jobs', 'link.yaml'))
  symlinkSync(outside, join(root, 'linked-dir'))
  symlinkSync(join(root, 'jobs', 'a.yaml'), join(root, 'inner-link.yaml'))
  execFileSync('mkfifo', [join(root, 'jobs', 'fifo.yaml')])
  writeFileSync(join(root, 'big.yaml'), Buffer.alloc(2 * 1024 * 1024, 'a'))
  writeFileSync(join(root, 'binary.yaml'), Buffer.from([0x6a, 0x00, 0xff]))
  writeFileSync(join(root, 'latin1.yaml'), Buffer.from([0x6a, 0xe9, 0x0a]))
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

const read = (file: string) => readWorkspaceFile(root, file, { input: 'job_file' })
const problem = (file: string): string => {
  const result = read(file)
  if (!('problem' in result)) throw new Error(`${file} was read`)
  return result.problem
}

describe('readWorkspaceFile', () => {
  test('a file in the workspace, and a link that stays inside it, are read', () => {
    expect(read('jobs/a.yaml')).toEqual({ text: 'job_name: a\n' })
    expect(read('inner-link.yaml')).toEqual({ text: 'job_name: a\n' })
    expect(read(join(root, 'jobs', 'a.yaml'))).toEqual({ text: 'job_name: a\n' })
  })

  test.each([
    ['../outside/secret.yaml', /outside the workspace/],
    ['../../../../../../etc/passwd', /outside the workspace/],
    ['/etc/passwd', /outside the workspace/],
    ['jobs/link.yaml', /outside the workspace through a symbolic link/],
    ['linked-dir/secret.yaml', /outside the workspace through a symbolic link/]
  ])('%s is refused, naming the input', (file, reason) => {
    const message = problem(file)
    expect(message).toMatch(reason)
    expect(message).toContain('`job_file`')
    expect(message).not.toContain('job_name: secret')
  })

  test('a FIFO is refused at once, without waiting for a writer', () => {
    const started = Date.now()
    expect(problem('jobs/fifo.yaml')).toMatch(/not a regular file/)
    expect(Date.now() - started).toBeLessThan(1000)
  })

  test('a directory, a missing file, a big file, a binary file and non-UTF-8 text each get their reason', () => {
    expect(problem('jobs')).toMatch(/not a regular file/)
    expect(problem('jobs/none.yaml')).toMatch(/does not exist/)
    expect(problem('big.yaml')).toMatch(/2 MiB, more than the 1 MiB a job file may have/)
    expect(problem('binary.yaml')).toMatch(/binary file/)
    expect(problem('latin1.yaml')).toMatch(/not UTF-8/)
  })

  test('a newline in a file name is shown escaped', () => {
    expect(problem('a\n::error::x.yaml')).toContain('a\\n::error::x.yaml')
  })

  test('isInside compares whole path segments', () => {
    expect(isInside('/w/repo', '/w/repo')).toBe(true)
    expect(isInside('/w/repo', '/w/repo/a')).toBe(true)
    expect(isInside('/w/repo', '/w/repo-other/a')).toBe(false)
    expect(isInside('/w/repo', '/w')).toBe(false)
  })
})

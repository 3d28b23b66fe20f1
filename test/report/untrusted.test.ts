import { readWorkflowCommands } from '../emulator/run-action.mjs'
import { asText, looksLikeCommand, printText, setWriter, stopToken } from '../../src/report/untrusted.js'

/** Every form the runner reads as a command, each hidden in a different way. */
const HOSTILE = [
  '::set-output name=job_id::666',
  '::error::forged annotation',
  '::stop-commands::x',
  '::save-state name=finished::ended',
  '   ::warning::after spaces',
  '::NOTICE::upper case',
  'progress 10%\r::error::after a bare CR',
  'text ##[error]legacy anywhere in a line',
  '##[set-output name=job_id;]legacy output',
  'two\n::add-mask::lines',
  // The runner trims with .NET's Char.IsWhiteSpace, wider than JavaScript's \s: NEL (U+0085) and others.
  '\u0085::set-output name=job_id::666',
  'ok\n\u0085::error::after a newline and NEL',
  '\u0085::stop-commands::x',
  '\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\u000b\u000c::error::other .NET white space',
  'no white space needed :: a pair of colons anywhere is enough'
]

/** The characters .NET's Char.IsWhiteSpace accepts, which the runner's TrimStart removes. */
const DOTNET_WHITE_SPACE = [
  ...'\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000',
  ...Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i))
]

describe('untrusted text', () => {
  test.each(HOSTILE)('%j is printed verbatim and read as no command', line => {
    expect(looksLikeCommand(line)).toBe(true)
    const printed = asText(line, 'untrusted-0123456789abcdef')
    expect(printed).toContain(line)
    const read = readWorkflowCommands(printed)
    expect(read.commands.filter(c => c.command !== 'stop-commands')).toEqual([])
    expect(read.stoppedAtEnd).toBe(false)
  })

  test('plain text is printed as it is, one line', () => {
    expect(looksLikeCommand('step 3 loss=0.25 : fine # [x]')).toBe(false)
    expect(asText('step 3 loss=0.25')).toBe('step 3 loss=0.25\n')
  })

  test.each(DOTNET_WHITE_SPACE.map(c => [`U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`, c]))(
    'the harness, like the runner, reads a command after %s, and printText wraps it',
    (_name, space) => {
      const line = `${space}::error::x`
      expect(readWorkflowCommands(line).commands.map(c => c.command)).toEqual(['error'])
      expect(looksLikeCommand(line)).toBe(true)
    }
  )

  test('the harness reads commands on stderr too, as the runner does', () => {
    const read = readWorkflowCommands('plain\n', '\u0085::error::on stderr\n')
    expect(read.commands.map(c => [c.command, c.message])).toEqual([['error', 'on stderr']])
  })

  test('commands after the text still work: the pause always ends on a line of its own', () => {
    const printed =
      asText('no newline at the end ::error::x\r::stop-commands::y', 'untrusted-aa') +
      '::error::own failure\n'
    const read = readWorkflowCommands(printed)
    expect(read.commands.map(c => [c.command, c.message])).toContainEqual(['error', 'own failure'])
    expect(read.stoppedAtEnd).toBe(false)
  })

  test('the token in the text, in any case, cannot end the pause early', () => {
    const token = 'untrusted-abcdef'
    const printed = asText(`::${token.toUpperCase()}::\n::error::forged`, token)
    const read = readWorkflowCommands(printed)
    expect(read.commands.filter(c => c.command === 'error')).toEqual([])
  })

  test('one token per process, 128 random bits, never a command name', () => {
    expect(stopToken()).toMatch(/^untrusted-[0-9a-f]{32}$/)
    expect(stopToken()).toBe(stopToken())
  })

  test('printText writes through the one writer', () => {
    const written: string[] = []
    const previous = setWriter(bytes => written.push(bytes))
    try {
      printText('::error::x')
    } finally {
      setWriter(previous)
    }
    expect(written).toHaveLength(1)
    expect(readWorkflowCommands(written.join('')).commands.map(c => c.command)).toEqual(['stop-commands'])
  })
})

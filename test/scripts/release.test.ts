/** scripts/release.mjs: what a release needs from the tag, package.json's version and CHANGELOG.md. */
import { changelogSection, checkRelease } from '../../scripts/release.mjs'

const changelog = (unreleased: string): string =>
  [
    '# Changelog',
    '',
    'Intro.',
    '',
    '## [Unreleased]',
    unreleased,
    '## [1.2.0]',
    '',
    '- New input `x`.',
    '- Fixed `y`.',
    '',
    '## [1.1.0]',
    '',
    '- Older.',
    ''
  ].join('\n')

describe('changelogSection', () => {
  test('is the text under the heading up to the next one', () => {
    expect(changelogSection(changelog(''), '1.2.0')).toBe('\n- New input `x`.\n- Fixed `y`.\n')
    expect(changelogSection(changelog(''), '1.1.0')).toBe('\n- Older.\n')
  })
  test('is undefined for a version without a heading, and does not match a longer version', () => {
    expect(changelogSection(changelog(''), '1.3.0')).toBeUndefined()
    expect(changelogSection('## [1.2.0-rc.1]\n- rc\n', '1.2.0')).toBeUndefined()
  })
  test('reads CRLF files', () => {
    expect(changelogSection('## [1.0.0]\r\n- a\r\n## [0.9.0]\r\n- b\r\n', '1.0.0')).toBe('- a')
  })
})

describe('checkRelease', () => {
  test('a tag that matches the version and its section: the notes and the major tag to move', () => {
    expect(checkRelease({ tag: 'v1.2.0', version: '1.2.0', changelog: changelog('') })).toEqual({
      problems: [],
      major: 'v1',
      notes: '- New input `x`.\n- Fixed `y`.'
    })
  })
  test('an empty Unreleased heading may stay', () => {
    expect(checkRelease({ tag: 'v1.2.0', version: '1.2.0', changelog: changelog('\n\n') }).problems).toEqual(
      []
    )
  })
  test('entries still under Unreleased block the release', () => {
    const result = checkRelease({
      tag: 'v1.2.0',
      version: '1.2.0',
      changelog: changelog('\n- Not yet released.\n')
    })
    expect(result.major).toBeUndefined()
    expect(result.problems).toEqual([
      expect.stringMatching(/"## \[Unreleased\]" section still has entries.*\[1\.2\.0\]/)
    ])
  })
  test('a tag that is not v<major>.<minor>.<patch>', () => {
    for (const tag of ['1.2.0', 'v1.2', 'v01.2.0', 'v1.2.0-rc.1', 'latest']) {
      const result = checkRelease({ tag, version: '1.2.0', changelog: changelog('') })
      expect(result.problems).toEqual([expect.stringContaining('is not a release tag')])
    }
  })
  test('a tag that does not match package.json', () => {
    const { problems } = checkRelease({ tag: 'v1.1.0', version: '1.2.0', changelog: changelog('') })
    expect(problems).toEqual([expect.stringContaining("does not match package.json's version 1.2.0")])
  })
  test('a version without a section, or with an empty one', () => {
    expect(checkRelease({ tag: 'v1.3.0', version: '1.3.0', changelog: changelog('') }).problems).toEqual([
      expect.stringContaining('no "## [1.3.0]" section')
    ])
    const empty = '## [Unreleased]\n\n## [1.3.0]\n\n## [1.2.0]\n- x\n'
    expect(checkRelease({ tag: 'v1.3.0', version: '1.3.0', changelog: empty }).problems).toEqual([
      expect.stringContaining('section for 1.3.0 is empty')
    ])
  })
})

#!/usr/bin/env node
// Publishes a release tag the way users pin it: checks that the tag, package.json and CHANGELOG.md agree, writes the
// release notes, and moves the major tag (v1) to the tagged commit.
//
//   node scripts/release.mjs v1.2.3 --notes notes.md    the release workflow, after the checks on dist/
//   node scripts/release.mjs --dry-run                   the same against a throwaway bare repository (CI, offline)
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const SEMVER_TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/

/**
 * What a release of `tag` needs, from package.json's version and the changelog's text. Pure.
 * @param {{ tag: string, version: string, changelog: string }} input
 * @returns {{ problems: string[], major?: string, notes?: string }}
 */
export function checkRelease({ tag, version, changelog }) {
  const problems = []
  const match = SEMVER_TAG.exec(tag)
  if (!match) problems.push(`Tag "${tag}" is not a release tag: write v<major>.<minor>.<patch>, e.g. v1.2.3.`)
  if (match && tag.slice(1) !== version) {
    problems.push(`Tag ${tag} does not match package.json's version ${version}: bump the version first.`)
  }
  if (!match) return { problems }
  const notes = changelogSection(changelog, tag.slice(1))
  if (notes === undefined) {
    problems.push(`CHANGELOG.md has no "## [${tag.slice(1)}]" section: say what changed before releasing.`)
  } else if (notes.trim() === '') {
    problems.push(`CHANGELOG.md's section for ${tag.slice(1)} is empty.`)
  }
  // An empty "## [Unreleased]" heading may stay (Keep a Changelog's habit); entries under it would be left out of
  // the release notes while the tag ships their code.
  if (changelogSection(changelog, 'Unreleased')?.trim()) {
    problems.push(
      `CHANGELOG.md's "## [Unreleased]" section still has entries: move them under "## [${tag.slice(1)}]" before releasing.`
    )
  }
  return problems.length > 0 ? { problems } : { problems, major: `v${match[1]}`, notes: notes?.trim() }
}

/**
 * The text under `## [version]` up to the next `## ` heading, or undefined when there is none.
 * @param {string} changelog @param {string} version
 */
export function changelogSection(changelog, version) {
  const lines = changelog.split(/\r?\n/)
  const start = lines.findIndex(line => line.startsWith(`## [${version}]`))
  if (start < 0) return undefined
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '))
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n')
}

/** @param {string[]} args @param {string} [cwd] */
const git = (args, cwd) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()

/** Moves `major` to the commit of `tag` on `remote` (a force push of one lightweight tag). */
function moveMajorTag(tag, major, remote, cwd) {
  const commit = git(['rev-list', '-n', '1', tag], cwd)
  git(['tag', '--force', major, commit], cwd)
  git(['push', '--quiet', '--force', remote, `refs/tags/${major}`], cwd)
  return commit
}

function main(argv) {
  /** @type {Record<string, string | boolean>} */
  const flags = {}
  const positional = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--dry-run') flags.dryRun = true
    else if (arg === '--notes' || arg === '--remote') flags[arg.slice(2)] = argv[++i] ?? ''
    else positional.push(arg)
  }
  const dryRun = flags.dryRun === true
  const notesFile = typeof flags.notes === 'string' ? flags.notes : undefined
  const remote = typeof flags.remote === 'string' ? flags.remote : 'origin'
  const { version } = JSON.parse(readFileSync('package.json', 'utf8'))
  const tag = positional[0] ?? `v${version}`
  const changelog = readFileSync('CHANGELOG.md', 'utf8')

  const { problems, major, notes } = checkRelease({ tag, version, changelog })
  if (problems.length > 0 || !major || notes === undefined) {
    for (const problem of problems) console.error(`release: ${problem}`)
    return 1
  }
  if (notesFile) writeFileSync(notesFile, `${notes}\n`)

  if (!dryRun) {
    const commit = moveMajorTag(tag, major, remote)
    console.log(`release: ${major} now points at ${tag} (${commit.slice(0, 12)}).`)
    return 0
  }

  // Dry run: the same commands against a bare repository standing in for the remote, with the major tag on an
  // older commit first, so the move itself is exercised.
  const scratch = mkdtempSync(join(tmpdir(), 'release-dry-run-'))
  try {
    const bare = join(scratch, 'origin.git')
    const clone = join(scratch, 'clone')
    git(['init', '--quiet', '--bare', bare])
    git(['clone', '--quiet', '--no-local', '.', clone])
    git(['remote', 'add', 'dry-run', bare], clone)
    const head = git(['rev-parse', 'HEAD'], clone)
    const older = git(['rev-list', '--max-count=1', '--skip=1', 'HEAD'], clone) || head
    git(['tag', '--force', major, older], clone)
    git(['push', '--quiet', 'dry-run', 'HEAD:refs/heads/main', `refs/tags/${major}`], clone)
    git(['tag', '--force', tag, head], clone)
    git(['push', '--quiet', 'dry-run', `refs/tags/${tag}`], clone)

    moveMajorTag(tag, major, 'dry-run', clone)
    const published = git(['ls-remote', '--tags', bare, `refs/tags/${major}`]).split(/\s+/)[0]
    if (published !== head) {
      console.error(`release: dry run: ${major} points at ${published}, expected ${head}.`)
      return 1
    }
    console.log(
      `release: dry run passed: ${tag} checks out (package.json, CHANGELOG.md), ${major} moved from ` +
        `${older.slice(0, 12)} to ${head.slice(0, 12)} on a scratch remote; ${notes.split('\n').length} lines of notes.`
    )
    return 0
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2))

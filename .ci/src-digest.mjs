#!/usr/bin/env node
// The digest of what dist/ is built from (src/ and the lockfile), by content: mtimes after a clone or a
// checkout are arbitrary, so "newer than" would call a fresh clone stale. `--write` records it in dist/
// after a build; the end-to-end harness compares it before it runs dist/.
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const DIGEST_FILE = join(root, 'dist', 'src-digest.txt')

/** @param {string} dir @returns {string[]} */
const filesUnder = dir =>
  readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]
  )

/** Hex SHA-256 over the paths and contents (line endings normalised) of src/ and package-lock.json. */
export function sourceDigest() {
  const hash = createHash('sha256')
  const files = [...filesUnder(join(root, 'src')), join(root, 'package-lock.json')]
  for (const file of files.map(f => relative(root, f).split('\\').join('/')).sort()) {
    hash.update(`${file}\0${readFileSync(join(root, file), 'utf8').replace(/\r\n/g, '\n')}\0`)
  }
  return hash.digest('hex')
}

/** Undefined when dist/ was built from the sources as they are; else why not, and the fix. */
export function staleDist() {
  let recorded
  try {
    recorded = readFileSync(DIGEST_FILE, 'utf8').trim()
  } catch {
    return 'dist/ has no src-digest.txt: run `npm run build`.'
  }
  return recorded === sourceDigest()
    ? undefined
    : 'dist/ was built from other sources than src/ and package-lock.json: run `npm run build`.'
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  writeFileSync(DIGEST_FILE, `${sourceDigest()}\n`)
}

#!/usr/bin/env node
// ncc minifies the entry (dist/index.js) but writes the chunks of lazily loaded paths (validate, create, the post
// step, the check run) as they are: minify those too, the way ncc minifies the entry (names of classes and functions
// kept, no compression), so the runner downloads and parses half as much.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { minify } from 'terser'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
let before = 0
let after = 0
for (const name of readdirSync(dist).filter(n => /^\d+\.index\.js$/.test(n))) {
  const file = join(dist, name)
  const code = readFileSync(file, 'utf8')
  const result = await minify(code, {
    module: true,
    compress: false,
    mangle: { keep_classnames: true, keep_fnames: true }
  })
  if (result.code === undefined) throw new Error(`terser returned nothing for ${name}`)
  writeFileSync(file, result.code)
  before += code.length
  after += result.code.length
}
console.log(`chunks minified: ${(before / 1024).toFixed(0)} kB → ${(after / 1024).toFixed(0)} kB`)

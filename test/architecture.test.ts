/**
 * src/ reads top-down: every import points to the same layer or a lower one, and nothing imports in a circle.
 * The layers, highest first, are the map in docs/architecture.md.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { REPO_ROOT } from './emulator/run-action.mjs'

const SRC = join(REPO_ROOT, 'src')

/** Highest first. A file's layer is the first rule its path (relative to src/) matches. */
const LAYERS: Array<[name: string, matches: (file: string) => boolean]> = [
  ['entry', f => f === 'index.ts'],
  ['main and post', f => f === 'main.ts' || f === 'post.ts'],
  ['steps', f => f.startsWith('steps/')],
  ['settings', f => f === 'settings.ts'],
  ['report', f => f.startsWith('report/')],
  ['modelarts', f => f.startsWith('modelarts/')],
  ['job', f => f.startsWith('job/')],
  ['huaweicloud', f => f.startsWith('huaweicloud/')],
  ['util', f => f.startsWith('util/')]
]
/** Layers side by side: neither may import the other. */
const PEERS = new Set(['job', 'huaweicloud'])
const DOMAIN = new Set(['modelarts', 'job', 'huaweicloud', 'util'])

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [relative(SRC, join(dir, entry.name)).split('\\').join('/')]
        : []
  )
}

const layerOf = (file: string): number => {
  const index = LAYERS.findIndex(([, matches]) => matches(file))
  if (index < 0) throw new Error(`src/${file} belongs to no layer: add it to the map`)
  return index
}
const layerName = (file: string): string => LAYERS[layerOf(file)]![0]

// Imports and re-exports (`import … from '…'`, `export … from '…'`, `import '…'`) and dynamic `import('…')`.
const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|(?:^|\n)\s*import\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g

/** Module specifiers of a source file, and the src/ files the relative ones resolve to. */
function importsOf(file: string): { packages: string[]; files: string[] } {
  const text = readFileSync(join(SRC, file), 'utf8')
  const packages: string[] = []
  const files: string[] = []
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = (match[1] ?? match[2] ?? match[3])!
    if (!specifier.startsWith('.')) {
      packages.push(specifier)
      continue
    }
    files.push(
      normalize(join(dirname(file), specifier))
        .split('\\')
        .join('/')
        .replace(/\.js$/, '.ts')
    )
  }
  return { packages, files }
}

const files = filesUnder(SRC).sort()
const graph = new Map(files.map(file => [file, importsOf(file)]))

describe('the layers of src/', () => {
  test('the map covers every file, and every relative import resolves to one', () => {
    expect(files.length).toBeGreaterThan(30)
    expect(graph.get('main.ts')!.files).toEqual(
      expect.arrayContaining(['settings.ts', 'steps/validate.ts', 'steps/create.ts'])
    )
    for (const file of files) {
      layerOf(file)
      for (const target of graph.get(file)!.files) expect(files).toContain(target)
    }
  })

  test('no import from a lower layer to a higher one, nor between side-by-side layers', () => {
    const upward: string[] = []
    for (const [file, { files: targets }] of graph) {
      for (const target of targets) {
        const from = layerOf(file)
        const to = layerOf(target)
        const sideways = from === to ? false : PEERS.has(layerName(file)) && PEERS.has(layerName(target))
        if (to < from || sideways)
          upward.push(`${file} (${layerName(file)}) → ${target} (${layerName(target)})`)
      }
    }
    expect(upward).toEqual([])
  })

  test('no cycle', () => {
    const cycles: string[] = []
    const state = new Map<string, 'open' | 'done'>()
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '))
        return
      }
      state.set(file, 'open')
      for (const target of graph.get(file)?.files ?? []) visit(target, [...path, file])
      state.set(file, 'done')
    }
    for (const file of files) visit(file, [])
    expect(cycles).toEqual([])
  })

  test('the domain never imports @actions/core: it logs through callbacks', () => {
    const offenders = [...graph]
      .filter(([file]) => DOMAIN.has(layerName(file)))
      .filter(([, { packages }]) => packages.includes('@actions/core'))
      .map(([file]) => file)
    expect(offenders).toEqual([])
  })

  test('one writer of outputs and state, and only main and post fail the step', () => {
    const calling = (pattern: RegExp): string[] =>
      files.filter(file => pattern.test(readFileSync(join(SRC, file), 'utf8')))
    expect(calling(/\bcore\.(?:setOutput|saveState|getState)\(/)).toEqual(['report/outputs.ts'])
    expect(calling(/\bcore\.setFailed\(/)).toEqual(['main.ts', 'post.ts'])
  })

  test('plain lines are printed only through printText (ESLint says so too; this also catches a disabled rule)', () => {
    const printing = files.filter(file =>
      /\bcore\.info\(|\bprocess\.stdout\.write\(|\bconsole\.\w+\(/.test(readFileSync(join(SRC, file), 'utf8'))
    )
    expect(printing).toEqual(['report/untrusted.ts'])
  })

  test('one of each helper: isRecord, errorMessage, textOf, numberOf and recordOf live in util/values.ts, errorCodeOf in huaweicloud/errors.ts, the sleep in huaweicloud/retry.ts', () => {
    const doing = (pattern: RegExp): string[] =>
      files.filter(file => pattern.test(readFileSync(join(SRC, file), 'utf8')))
    expect(
      doing(/\b(?:function|const|let|var)\s+(?:isRecord|errorMessage|textOf|numberOf|recordOf|codeOf)\b/)
    ).toEqual(['util/values.ts'])
    // errorMessage written out by hand is a second copy too.
    expect(doing(/instanceof Error\s*\?\s*[\w.]+\.message\s*:\s*String\(/)).toEqual([])
    // A sleep of its own (`new Promise(resolve => setTimeout(resolve, ms))`) is one no signal can end.
    expect(doing(/\bsetTimeout\(\s*resolve\b/)).toEqual([])
  })

  test('optional properties are plain properties: no conditional spreads (docs/architecture.md, Conventions)', () => {
    const spreads = files.filter(file =>
      /\.\.\.\([^()]*(?:!==\s*undefined|&&|(?<!\?)\?(?![?.]))[^()]*\{/.test(
        readFileSync(join(SRC, file), 'utf8')
      )
    )
    expect(spreads).toEqual([])
  })
})

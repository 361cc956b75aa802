// Size: each library's equivalent of `createClient().get(url)` (entries/*.js) bundled for the browser
// (esbuild: bundle, minify, esm, platform browser, target es2022), then gzip level 9.
// Also proves tree-shaking: entries/ferry-full.js adds circuitBreaker, rateLimit, bearer and hooks; entries/ferry.js must
// contain none of their code (checked in esbuild's metafile and by distinctive strings in the bundle text).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import * as esbuild from 'esbuild'
import {
  benchDir,
  bytes,
  clientDistIndex,
  clientSrc,
  ferryFromSource,
  ratio,
  repoDir,
  SIZE_BUILD,
  table,
  verdict,
  writeResult,
} from './lib.mjs'

export const SIZE_TARGET = 4000
const OPT_IN_MODULES = [
  'circuit-breaker.ts',
  'rate-limiter.ts',
  'auth.ts',
  'redirect.ts',
  'stream.ts',
  'paginate.ts',
  'redacted-headers.ts',
  'unwrap.ts',
  'progress.ts',
  'hooks.ts',
  'observe.ts',
]
/** Each step alone on top of `createClient().get(url)`: entries/steps/<name>.js. */
const STEPS = [
  'auth',
  'circuit-breaker',
  'rate-limit',
  'stream',
  'paginate',
  'progress',
  'middleware',
  'events',
  'envelope',
  'hooks',
  'throw-http-errors',
  'retry-control',
  'parse-json',
  'init',
  'query-defaults',
]

async function bundle(entry, { fromSource = true } = {}) {
  const result = await esbuild.build({
    ...SIZE_BUILD,
    entryPoints: [join(benchDir, 'entries', entry)],
    metafile: true,
    plugins: fromSource ? [ferryFromSource] : [],
  })
  const code = result.outputFiles[0].contents
  const [output] = Object.values(result.metafile.outputs)
  const modules = Object.entries(output.inputs)
    .map(([file, { bytesInOutput }]) => ({
      file: relative(repoDir, join(process.cwd(), file)),
      bytesInOutput,
    }))
    .filter((m) => m.bytesInOutput > 0)
    .sort((a, b) => b.bytesInOutput - a.bytesInOutput)
  return {
    text: Buffer.from(code).toString('utf8'),
    min: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    modules,
  }
}

/**
 * Approximate gzip cost of each module: the bundle is built without whitespace minification (esbuild then keeps
 * a `// path` comment before each module), each module's slice is whitespace-minified on its own, and a module's
 * cost is gzip(all slices) − gzip(all slices but that one). Not additive (gzip shares a dictionary), but it says
 * where the bytes are.
 */
async function gzipCostByModule(entry) {
  const result = await esbuild.build({
    ...SIZE_BUILD,
    // Whitespace kept, so esbuild marks where each module starts (see above).
    minify: false,
    minifyIdentifiers: true,
    minifySyntax: true,
    entryPoints: [join(benchDir, 'entries', entry)],
    plugins: [ferryFromSource],
  })
  const slices = []
  for (const line of result.outputFiles[0].text.split('\n')) {
    const mark = /^\/\/ (\S+)$/.exec(line)
    if (mark) slices.push({ file: mark[1].replace(/^.*packages\/client\/src\//, ''), code: '' })
    else if (slices.length > 0) slices[slices.length - 1].code += `${line}\n`
  }
  for (const slice of slices) {
    slice.code = (await esbuild.transform(slice.code, { minifyWhitespace: true, format: 'esm' })).code
  }
  const gz = (parts) => gzipSync(parts.map((p) => p.code).join(''), { level: 9 }).byteLength
  const whole = gz(slices)
  return Object.fromEntries(
    slices.map((slice) => [slice.file, whole - gz(slices.filter((s) => s !== slice))]),
  )
}

/** String literals (≥ 8 chars) that appear in the opt-in modules and in no other client source file. */
function distinctiveStrings() {
  const sources = readdirSync(clientSrc).filter((f) => f.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(f))
  const literals = (text) =>
    new Set([...text.matchAll(/(['"`])((?:(?!\1)[^\\$\n]){8,})\1/g)].map((m) => m[2]))
  const others = sources
    .filter((f) => !OPT_IN_MODULES.includes(f))
    .map((f) => readFileSync(join(clientSrc, f), 'utf8'))
    .join('\n')
  const found = []
  for (const file of OPT_IN_MODULES) {
    const path = join(clientSrc, file)
    if (!existsSync(path)) continue
    for (const s of literals(readFileSync(path, 'utf8')))
      if (!others.includes(s)) found.push({ file, string: s })
  }
  return found
}

/** True when a client source file is newer than the built dist/ (then the dist row measures old code). */
function distIsStale() {
  const newest = (dir, test) =>
    Math.max(
      ...readdirSync(dir)
        .filter(test)
        .map((f) => statSync(join(dir, f)).mtimeMs),
    )
  const distDir = join(clientSrc, '../dist')
  return (
    newest(clientSrc, (f) => f.endsWith('.ts') && !f.includes('.test')) >
    newest(distDir, (f) => f.endsWith('.js'))
  )
}

export const version = (lib) =>
  JSON.parse(readFileSync(join(benchDir, 'node_modules', lib, 'package.json'), 'utf8')).version

export async function runSize() {
  const libraries = ['ky', 'ofetch', 'wretch', 'up-fetch', 'axios']
  const ferry = await bundle('ferry.js')
  const full = await bundle('ferry-full.js')
  const dist = existsSync(clientDistIndex) ? await bundle('ferry.js', { fromSource: false }) : undefined
  const peers = {}
  for (const lib of libraries) peers[lib] = await bundle(`${lib}.js`)

  // Tree-shaking proof.
  const optInFiles = (b) =>
    b.modules.filter((m) => OPT_IN_MODULES.some((f) => m.file.endsWith(`packages/client/src/${f}`)))
  const leakedModules = optInFiles(ferry)
  const strings = distinctiveStrings().filter((s) => full.text.includes(s.string))
  const leakedStrings = strings.filter((s) => ferry.text.includes(s.string))
  const treeShaking = {
    ok: leakedModules.length === 0 && leakedStrings.length === 0 && strings.length > 0,
    deltaMin: full.min - ferry.min,
    deltaGzip: full.gzip - ferry.gzip,
    optInModulesInFull: optInFiles(full),
    leakedModules,
    checkedStrings: strings,
    leakedStrings,
  }

  const rows = [
    ['ferry — createClient().get(url)', ferry.min, ferry.gzip, 1],
    ...(dist
      ? [
          [
            `ferry (from dist/${distIsStale() ? ', STALE: older than src' : ''})`,
            dist.min,
            dist.gzip,
            dist.gzip / ferry.gzip,
          ],
        ]
      : []),
    ...libraries.map((lib) => [
      `${lib} ${version(lib)}`,
      peers[lib].min,
      peers[lib].gzip,
      peers[lib].gzip / ferry.gzip,
    ]),
  ]
  const ok = ferry.gzip <= SIZE_TARGET
  console.log('\n## Size (esbuild bundle+minify, esm, browser, es2022; gzip -9)\n')
  console.log(
    table(
      ['library', 'min B', 'min+gzip B', 'gzip ratio to Ferry'],
      rows.map(([name, min, gzip, r]) => [name, bytes(min), bytes(gzip), ratio(r)]),
    ),
  )
  console.log(`\nFerry min+gzip ${bytes(ferry.gzip)} B — target ≤ ${bytes(SIZE_TARGET)} B: ${verdict(ok)}`)
  console.log(
    `Tree-shaking: + circuitBreaker, rateLimit, bearer, hooks, observe = ${bytes(full.gzip)} B min+gzip ` +
      `(+${bytes(treeShaking.deltaGzip)} B gzip, +${bytes(treeShaking.deltaMin)} B min). ` +
      `Plain entry contains ${leakedModules.length} opt-in modules and ${leakedStrings.length} of ` +
      `${strings.length} distinctive strings: ${verdict(treeShaking.ok)}`,
  )
  for (const m of leakedModules) console.log(`  leaked module: ${m.file} (${bytes(m.bytesInOutput)} B)`)

  // What each step adds when imported, alone.
  const steps = {}
  for (const step of STEPS) {
    const built = await bundle(`steps/${step}.js`)
    steps[step] = {
      min: built.min,
      gzip: built.gzip,
      addsGzip: built.gzip - ferry.gzip,
      addsMin: built.min - ferry.min,
    }
  }
  console.log('\nWhat each step adds to createClient().get(url) when imported (alone):\n')
  console.log(
    table(
      ['step', 'min+gzip B', '+ gzip B', '+ min B'],
      STEPS.map((step) => [
        step,
        bytes(steps[step].gzip),
        `+${bytes(steps[step].addsGzip)}`,
        `+${bytes(steps[step].addsMin)}`,
      ]),
    ),
  )
  for (const s of leakedStrings) console.log(`  leaked string from ${s.file}: ${JSON.stringify(s.string)}`)

  console.log(
    '\nFerry bundle by module (minified bytes from the esbuild metafile; gzip cost leave-one-out):\n',
  )
  const fullBytes = new Map(full.modules.map((m) => [m.file, m.bytesInOutput]))
  const files = [...new Set([...ferry.modules, ...full.modules].map((m) => m.file))].filter((file) =>
    file.startsWith('packages/client/src/'),
  )
  const short = (file) => file.replace('packages/client/src/', '')
  const costPlain = await gzipCostByModule('ferry.js')
  const costFull = await gzipCostByModule('ferry-full.js')
  const moduleRows = files.map((file) => ({
    module: short(file),
    min: ferry.modules.find((m) => m.file === file)?.bytesInOutput ?? 0,
    gzipCost: costPlain[short(file)] ?? 0,
    minWithOptIns: fullBytes.get(file) ?? 0,
    gzipCostWithOptIns: costFull[short(file)] ?? 0,
  }))
  console.log(
    table(
      ['module', 'min B', '≈ gzip B', 'with opt-ins: min B', '≈ gzip B'],
      moduleRows.map((m) => [
        m.module,
        bytes(m.min),
        bytes(m.gzipCost),
        bytes(m.minWithOptIns),
        bytes(m.gzipCostWithOptIns),
      ]),
    ),
  )

  const result = {
    target: { gzipBytes: SIZE_TARGET, ok },
    ferry: { min: ferry.min, gzip: ferry.gzip },
    ferryFull: { min: full.min, gzip: full.gzip },
    modules: moduleRows,
    ferryDist: dist ? { min: dist.min, gzip: dist.gzip } : null,
    peers: Object.fromEntries(
      libraries.map((lib) => [
        lib,
        {
          version: version(lib),
          min: peers[lib].min,
          gzip: peers[lib].gzip,
          ratioToFerry: peers[lib].gzip / ferry.gzip,
        },
      ]),
    ),
    treeShaking,
    steps,
  }
  writeResult('size', result)
  return result
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await runSize()

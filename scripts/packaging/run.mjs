#!/usr/bin/env node
// Packaging tests, part of `pnpm test`: packs every package (building it first), checks each tarball (shape,
// publint, attw), then installs the tarballs into fresh Vite + React apps (React 19 and 18) outside the
// workspace and type-checks, builds and renders them, and runs plain Node programs on the client. Every check
// counts as a test; with FERRY_PACKAGING_COUNTS set, writes `{ passed, failed, skipped }` there as JSON.
//
//   node scripts/packaging/run.mjs [--no-consumer]      (--no-consumer: tarball checks only, no npm install)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { attw, checkShape, publint } from './check-tarball.mjs'
import { build, createApp, exec, install, reactSetups, renderTests, typecheck } from './consumer.mjs'
import { pack, publishablePackages } from './pack.mjs'

const results = []
const started = Date.now()
const keep = process.env.FERRY_KEEP_CONSUMER === '1'

/** Runs one check, prints ✓ or ✗ with its time, and records it. Returns what the check returned. */
async function check(name, fn) {
  const t0 = Date.now()
  try {
    const value = await fn()
    results.push({ name, passed: true })
    console.log(`  ✓ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
    return value
  } catch (error) {
    results.push({ name, passed: false })
    console.log(
      `  ✗ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n${indent(String(error?.message ?? error))}`,
    )
    return undefined
  }
}
const indent = (text) => text.replace(/^/gm, '      ')
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`

const work = mkdtempSync(join(tmpdir(), 'ferry-packaging-'))
const tarballs = []
console.log('\nPackaging: pnpm pack, tarball shape, publint, attw\n')
for (const pkg of publishablePackages()) {
  const packed = await check(`${pkg.name}: pnpm pack builds and packs it`, () =>
    pack(pkg, join(work, 'tarballs')),
  )
  if (!packed) continue
  tarballs.push(packed)
  const unpacked = packed.entries.reduce((sum, e) => sum + e.size, 0)
  console.log(indent(`${packed.entries.length} files, ${kb(packed.bytes)} packed, ${kb(unpacked)} unpacked`))
  await check(
    `${pkg.name}: tarball holds dist, README, LICENSE; no tests, build info or workspace ranges`,
    () => checkShape(packed),
  )
  await check(`${pkg.name}: publint --strict`, () => publint(packed))
  await check(`${pkg.name}: attw (esm-only profile)`, () => attw(packed))
}

const packedAll = tarballs.length === publishablePackages().length
if (!process.argv.includes('--no-consumer') && packedAll) {
  for (const setup of reactSetups) {
    const label = `consumer app, React ${setup.major}`
    console.log(
      `\n${label} (${Object.entries(setup.deps)
        .map(([n, v]) => `${n}@${v}`)
        .join(', ')})\n`,
    )
    const app = createApp(setup, tarballs)
    console.log(indent(app))
    if (
      !(await check(`${label}: npm install of the tarballs`, () => {
        install(app)
        return true
      }))
    )
      continue
    await check(`${label}: tsc (strict, skipLibCheck: false)`, () => typecheck(app))
    await check(`${label}: vite build`, () => build(app))
    const tests = await check(`${label}: vitest runs`, () => renderTests(app, setup))
    for (const test of tests ?? []) {
      await check(`${label}: ${test.name}`, () => {
        if (!test.passed) throw new Error(test.message)
      })
    }
    if (setup === reactSetups[0]) {
      await check('plain Node ESM script: @ferry/client against 127.0.0.1', () =>
        exec(app, process.execPath, ['node-esm.mjs']),
      )
      await check('plain Node CommonJS script: require() of both packages', () =>
        exec(app, process.execPath, ['node-require.cjs']),
      )
      // @ferry/webhooks is server-side: a Node program, when the package exists.
      if (tarballs.some((t) => t.name === '@ferry/webhooks')) {
        await check('plain Node ESM script: @ferry/webhooks verifies and runs each event once', () =>
          exec(app, process.execPath, ['node-webhooks.mjs']),
        )
      }
    }
    if (!keep) rmSync(app, { recursive: true, force: true })
  }
} else if (!packedAll) {
  console.log('\nConsumer apps not run: a package failed to pack (counted above).')
}

if (!keep) rmSync(work, { recursive: true, force: true })
const counts = {
  passed: results.filter((r) => r.passed).length,
  failed: results.filter((r) => !r.passed).length,
  skipped: 0,
}
const seconds = Math.round((Date.now() - started) / 1000)
console.log(
  `\nPackaging: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped · ${seconds} s`,
)
if (process.env.FERRY_PACKAGING_COUNTS)
  writeFileSync(process.env.FERRY_PACKAGING_COUNTS, JSON.stringify(counts))
process.exitCode = counts.failed > 0 ? 1 : 0

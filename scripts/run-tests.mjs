#!/usr/bin/env node
// Runs every test of the repository in one go: Vitest (unit, hook, component, type tests), the packaging tests
// (scripts/packaging/run.mjs: each package packed and checked with publint and attw, then installed from its
// tarball into fresh Vite + React 18 and 19 apps that are type-checked, built and rendered), then Playwright (the
// demo's end-to-end tests in Chromium). Ends with ONE plain line over all of them, the line CI reads:
//
//   Tests: N passed, N failed, N skipped
//
// Exits non-zero when anything failed, including a runner that crashed or a browser that is missing (each counts
// as one failure, so the line never reads "0 failed" for a broken run). `pnpm test` calls it after typecheck, lint
// and build. Chromium comes from /usr/bin/chromium or CHROMIUM_PATH; `npm run verify` installs it when missing.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const demo = join(root, 'apps/demo')
const work = mkdtempSync(join(tmpdir(), 'ferry-tests-'))

/** Runs a node script with inherited output; resolves with its exit code. */
function run(script, args, cwd, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: 'inherit',
    })
    child.on('error', (error) => {
      console.error(error)
      resolve(1)
    })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

/** The counts a runner wrote, made honest: a failing exit with no failed test counts as one failure. */
function counts(name, file, code) {
  let result = { passed: 0, failed: 0, skipped: 0 }
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8'))
    result = { passed: parsed.passed, failed: parsed.failed, skipped: parsed.skipped }
  } catch {
    if (code === 0) console.error(`\n${name} exited cleanly but wrote no counts to ${file}.`)
  }
  if (code !== 0 && result.failed === 0) {
    console.error(
      `\n${name} failed outside any test (exit code ${code}, see its output above): counted as 1 failure.`,
    )
    result.failed = 1
  }
  return result
}

const started = Date.now()

const vitestFile = join(work, 'vitest.json')
const vitestCode = await run(join(root, 'node_modules/vitest/vitest.mjs'), ['run'], root, {
  FERRY_VITEST_COUNTS: vitestFile,
})
const vitest = counts('Vitest', vitestFile, vitestCode)

const packagingFile = join(work, 'packaging.json')
const packagingCode = await run(join(root, 'scripts/packaging/run.mjs'), [], root, {
  FERRY_PACKAGING_COUNTS: packagingFile,
})
const packaging = counts('Packaging', packagingFile, packagingCode)

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const e2eFile = join(work, 'playwright.json')
let e2e
if (existsSync(chromium)) {
  console.log('\nEnd-to-end tests (Playwright, Chromium, production build of apps/demo)\n')
  const code = await run(join(demo, 'node_modules/@playwright/test/cli.js'), ['test'], demo, {
    FERRY_E2E_COUNTS: e2eFile,
    CHROMIUM_PATH: chromium,
  })
  e2e = counts('Playwright', e2eFile, code)
} else {
  console.error(
    `\nNo Chromium at ${chromium}: the end-to-end tests cannot run (counted as 1 failure).\n` +
      'Install it with `sudo apt-get install -y chromium` (or run `npm run verify`, which does), ' +
      'or set CHROMIUM_PATH to a Chromium executable.',
  )
  e2e = { passed: 0, failed: 1, skipped: 0 }
}

rmSync(work, { recursive: true, force: true })
const runs = [vitest, packaging, e2e]
const total = {
  passed: runs.reduce((sum, c) => sum + c.passed, 0),
  failed: runs.reduce((sum, c) => sum + c.failed, 0),
  skipped: runs.reduce((sum, c) => sum + c.skipped, 0),
}
const line = (c) => `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`
const seconds = Math.round((Date.now() - started) / 1000)
console.log(
  `\nVitest: ${line(vitest)} · Packaging: ${line(packaging)} · Playwright: ${line(e2e)} · ${seconds} s`,
)
console.log(`Tests: ${line(total)}`)
// scripts/verify.sh repeats the line after pnpm's own failure message, so that it stays the last one.
if (process.env.FERRY_TESTS_SUMMARY) writeFileSync(process.env.FERRY_TESTS_SUMMARY, `Tests: ${line(total)}\n`)
process.exitCode = total.failed > 0 ? 1 : 0

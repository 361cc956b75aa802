// Shared by the @ferry/react benchmarks: one esbuild bundle holding React, ReactDOM, TanStack Query, SWR and
// Ferry (react + client, from their TypeScript sources) so that all of them share one React; a jsdom page;
// a stub fetch that counts started, aborted and completed requests; small table and result helpers.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import * as esbuild from 'esbuild'
import { SIZE_BUILD } from '../lib.mjs'

export const benchDir = dirname(fileURLToPath(import.meta.url))
export const repoDir = join(benchDir, '../..')
export const resultsDir = join(repoDir, 'bench/results')
export const reactSrcIndex = join(repoDir, 'packages/react/src/index.ts')
export const reactSrcQuery = join(repoDir, 'packages/react/src/query.ts')
export const clientSrcIndex = join(repoDir, 'packages/client/src/index.ts')

/**
 * esbuild plugin: `@ferry/react`, `@ferry/react/query` and `@ferry/client` → their sources (no build needed,
 * always current).
 * A name listed in the build's `external` stays external (esbuild asks plugins first, so without this check
 * the plugin would bundle it anyway).
 */
export const ferryFromSource = {
  name: 'ferry-from-source',
  setup(build) {
    const external = new Set(build.initialOptions.external ?? [])
    const resolve = (file) => (args) =>
      external.has(args.path) ? { path: args.path, external: true } : { path: file, sideEffects: false }
    build.onResolve({ filter: /^@ferry\/react$/ }, resolve(reactSrcIndex))
    build.onResolve({ filter: /^@ferry\/react\/query$/ }, resolve(reactSrcQuery))
    build.onResolve({ filter: /^@ferry\/client$/ }, resolve(clientSrcIndex))
  },
}

/**
 * Bundles `contents` for the browser as the size benchmarks measure it (esbuild: bundle, minify, esm, es2022,
 * production React), with `external` left out; `more` adds esbuild options (a metafile).
 */
export const bundleForSize = (contents, external, more = {}) =>
  esbuild.build({
    ...SIZE_BUILD,
    stdin: { contents, resolveDir: benchDir, loader: 'js' },
    jsx: 'automatic',
    external,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [ferryFromSource],
    ...more,
  })

/** Bundles everything the runtime benchmarks use into one ESM file for Node (production React) and imports it. */
export async function loadStack() {
  const outfile = join(mkdtempSync(join(os.tmpdir(), 'ferry-bench-react-')), 'stack.mjs')
  await esbuild.build({
    stdin: {
      contents: `
        export * as React from 'react'
        export { createRoot } from 'react-dom/client'
        export { flushSync } from 'react-dom'
        export * as TanStack from '@tanstack/react-query'
        export { default as useSWR, SWRConfig } from 'swr'
        export * as Ferry from '@ferry/react'
        export * as FerryQuery from '@ferry/react/query'
        export { createClient } from '@ferry/client'
      `,
      resolveDir: benchDir,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    outfile,
    logLevel: 'error',
    plugins: [ferryFromSource],
  })
  return import(pathToFileURL(outfile).href)
}

/** A jsdom page as the globals React, TanStack and SWR expect. */
export async function installDom({ domAbort = false } = {}) {
  const { JSDOM } = await import('jsdom')
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/' })
  const { window } = dom
  const names = ['window', 'document', 'navigator', 'HTMLElement', 'Node', 'Event', 'EventTarget']
  // With domAbort, AbortController, AbortSignal and DOMException are jsdom's (as in vitest's jsdom environment
  // and like a browser's native ones); Node's own DOMException keeps every instance in an internal WeakMap.
  if (domAbort) names.push('AbortController', 'AbortSignal', 'DOMException')
  for (const name of names) {
    Object.defineProperty(globalThis, name, {
      value: name === 'window' ? window : window[name],
      configurable: true,
      writable: true,
    })
  }
  globalThis.IS_REACT_ACT_ENVIRONMENT = false
  return dom
}

/**
 * A fetch that answers `{ id: url }` as JSON after `latency` ms (or never, with `latency: Infinity`), rejects
 * with the signal's reason on abort, and fails the first `failures` calls with a 503.
 */
export function stubFetch({ latency = 0, failures = 0 } = {}) {
  const stats = { started: 0, aborted: 0, completed: 0 }
  let failed = 0
  const fetch = (url, init = {}) =>
    new Promise((resolve, reject) => {
      stats.started++
      const { signal } = init
      const answer = () => {
        stats.completed++
        signal?.removeEventListener('abort', onAbort)
        if (failed++ < failures) resolve(new Response(null, { status: 503, headers: { 'Retry-After': '0' } }))
        else resolve(Response.json({ id: String(url) }))
      }
      const timer = Number.isFinite(latency) ? setTimeout(answer, latency) : undefined
      const onAbort = () => {
        clearTimeout(timer)
        stats.aborted++
        reject(signal.reason)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  return { fetch, stats }
}

export const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

/** Waits (in macrotasks) until `condition()` holds, at most `ms`. */
export async function until(condition, ms = 2000) {
  const end = Date.now() + ms
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting for the condition')
    await tick()
  }
}

export function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)))
  const line = (cells) => `| ${cells.map((cell, i) => String(cell ?? '').padEnd(widths[i])).join(' | ')} |`
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => r[c]))),
  ].join('\n')
}

export function writeResult(name, data) {
  mkdirSync(resultsDir, { recursive: true })
  const file = join(resultsDir, `${name}.json`)
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, ...data }, null, 2)}\n`,
  )
  return file
}

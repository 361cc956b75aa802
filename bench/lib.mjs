// Shared helpers of the benchmarks: paths, statistics, tables, machine info, results files, and loading
// @ferry/client from its TypeScript sources (Node 20 cannot run .ts, so esbuild bundles it first).
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import * as esbuild from 'esbuild'

export const benchDir = dirname(fileURLToPath(import.meta.url))
export const repoDir = join(benchDir, '..')
export const clientSrc = join(repoDir, 'packages/client/src')
export const clientSrcIndex = join(clientSrc, 'index.ts')
export const clientDistIndex = join(repoDir, 'packages/client/dist/index.js')
export const resultsDir = join(benchDir, 'results')

/**
 * How every size figure is bundled (Ferry, the peers, the React apps, the spike): for the browser, minified ESM
 * at ES2022, without legal comments; the caller adds the entry and plugins. Gzip level 9 is applied after.
 */
export const SIZE_BUILD = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  legalComments: 'none',
  logLevel: 'error',
}

/** esbuild plugin: `@ferry/client` → packages/client/src/index.ts (no build needed, always current). */
export const ferryFromSource = {
  name: 'ferry-from-source',
  setup(build) {
    build.onResolve({ filter: /^@ferry\/client$/ }, () => ({ path: clientSrcIndex, sideEffects: false }))
  },
}

/**
 * Bundles @ferry/client's src/index.ts for Node into a temporary .mjs (unminified, ES2022 like the tsc output in
 * dist/; esbuild keeps a `// src/<module>.ts` comment before each module, which profile.mjs uses) and returns
 * its path.
 */
export async function bundleFerry(
  entry = process.env.FERRY_SRC ? join(process.env.FERRY_SRC, 'index.ts') : clientSrcIndex,
) {
  const outfile = join(mkdtempSync(join(os.tmpdir(), 'ferry-bench-')), 'ferry.mjs')
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    outfile,
    logLevel: 'error',
  })
  return outfile
}

/**
 * Imports @ferry/client for Node: from its sources (bundleFerry), from dist/ with FERRY_SOURCE=dist, or from
 * another copy of src/ with FERRY_SRC=<dir> (to measure a change before making it).
 */
export async function loadFerry() {
  const file = process.env.FERRY_SOURCE === 'dist' ? clientDistIndex : await bundleFerry()
  return import(pathToFileURL(file).href)
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]
}

/** Plain-text table; numbers right-aligned. */
export function table(headers, rows) {
  const cells = [headers, ...rows].map((row) => row.map((cell) => String(cell)))
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i].length)))
  const right = headers.map((_, i) =>
    rows.every((row) => typeof row[i] === 'number' || /^[\d.,×%+−—-]/.test(row[i])),
  )
  const line = (row) =>
    row
      .map((cell, i) => (right[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd()
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n')
}

export const bytes = (n) => n.toLocaleString('en-US')
export const ratio = (n) => `${n.toFixed(2)}×`

export function machine() {
  const cpus = os.cpus()
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  }
}

export function writeResult(name, data) {
  mkdirSync(resultsDir, { recursive: true })
  const file = join(resultsDir, `${name}.json`)
  writeFileSync(file, `${JSON.stringify({ machine: machine(), ...data }, null, 2)}\n`)
  return file
}

export const verdict = (ok) => (ok ? 'PASS' : 'MISS')

/**
 * Runs `call` n times in sequence; returns wall-clock and process CPU time (user + system) per call, in ms.
 * No forced gc() between segments: after a forced full collection the next loop ran about twice as slow (raw
 * fetch on the stub 10 µs → 20 µs, CPU time well above wall time), whatever --min/max-semi-space-size said.
 */
export async function segment(call, n) {
  const cpu = process.cpuUsage()
  const start = performance.now()
  for (let i = 0; i < n; i++) await call()
  const wall = (performance.now() - start) / n
  const { user, system } = process.cpuUsage(cpu)
  return { wall, cpu: (user + system) / 1000 / n }
}

/** A small seeded PRNG (mulberry32), so that the order of contenders is random but the same on every run. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Warm up, then timed rounds until maxRounds, or until budgetMs has passed once minRounds are done. Each round
 * runs every contender once, in a new random order: a fixed rotation (A B C D, B C D A, …) keeps the same
 * neighbours, and the contender after an allocation-heavy one (ky, up-fetch) always paid for its garbage. Each
 * timed segment is preceded by an untimed tenth of it, so the previous contender's young garbage is collected
 * on that contender's own allocations rather than on the clock. The first contender is the baseline of the
 * ratios. Each round gives one ratio per contender (its time / the baseline's time in that round); the result
 * is the median of those ratios, for wall-clock time and for process CPU time. CPU time excludes the time other
 * processes held the CPU, so it is steadier on a busy machine; for the loopback run it includes the server
 * thread's work.
 */
export async function measure(label, list, { warmup, perRound, minRounds, maxRounds, budgetMs, expected }) {
  for (const [name, call] of list) {
    const value = await call()
    if (expected !== undefined && JSON.stringify(value) !== JSON.stringify(expected)) {
      throw new Error(`${name} returned ${JSON.stringify(value)}`)
    }
  }
  for (const [, call] of list) await segment(call, warmup)
  const empty = () => Object.fromEntries(list.map(([name]) => [name, []]))
  const [times, ratios, cpuTimes, cpuRatios] = [empty(), empty(), empty(), empty()]
  const baseline = list[0][0]
  const started = performance.now()
  let rounds = 0
  const next = random(0x5eed)
  while (rounds < maxRounds) {
    if (rounds >= minRounds && performance.now() - started > budgetMs) break
    const order = [...list]
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      ;[order[i], order[j]] = [order[j], order[i]]
    }
    const round = {}
    for (const [name, call] of order) {
      await new Promise((resolve) => setTimeout(resolve, 3))
      await segment(call, Math.ceil(perRound / 10))
      round[name] = await segment(call, perRound)
    }
    for (const [name] of list) {
      times[name].push(round[name].wall)
      ratios[name].push(round[name].wall / round[baseline].wall)
      cpuTimes[name].push(round[name].cpu)
      cpuRatios[name].push(round[name].cpu / round[baseline].cpu)
    }
    rounds++
  }
  const seconds = (performance.now() - started) / 1000
  const rows = list.map(([name]) => ({
    name,
    medianUs: median(times[name]) * 1000,
    bestUs: Math.min(...times[name]) * 1000,
    ratio: median(ratios[name]),
    ratioP25: quantile(ratios[name], 0.25),
    ratioP75: quantile(ratios[name], 0.75),
    cpuUs: median(cpuTimes[name]) * 1000,
    cpuRatio: median(cpuRatios[name]),
  }))
  // Per-round times too, so that any two contenders can be compared round by round (pairedRatio).
  return { label, perRound, rounds, warmup, seconds, rows, times, cpuTimes }
}

/**
 * The median over rounds of `a`'s time / `b`'s time in the same round (wall clock, and process CPU time).
 *
 * @example pairedRatio(result, 'ferry', 'floor') // { ratio: 1.04, cpuRatio: 1.05 }
 */
export function pairedRatio(result, a, b) {
  const per = (series) => series[a].map((value, index) => value / series[b][index])
  const ratios = per(result.times)
  // The quartiles of the per-round ratios: on a shared machine the same code moved 1.06–1.30× between runs over
  // loopback, and the spread says whether a verdict near the target means anything.
  return {
    ratio: median(ratios),
    p25: quantile(ratios, 0.25),
    p75: quantile(ratios, 0.75),
    cpuRatio: median(per(result.cpuTimes)),
  }
}

/** `1.14× (rounds 1.07–1.21)`: a paired ratio with the interquartile range of its rounds. */
export const pairedText = ({ ratio: r, p25, p75 }) =>
  `${ratio(r)} (rounds ${p25.toFixed(2)}–${p75.toFixed(2)})`

/** The small JSON body every overhead benchmark returns (an order, ~300 bytes). */
export const PAYLOAD = JSON.stringify({
  id: 42,
  number: 'ORD-0042',
  status: 'open',
  customer: { id: 7, name: 'Ada Lovelace', email: 'ada@example.com' },
  items: [
    { sku: 'A-1', qty: 2, price: 12.5 },
    { sku: 'B-2', qty: 1, price: 99 },
  ],
  total: 124,
  createdAt: '2026-11-24T10:00:00.000Z',
})
const HEADERS = { 'content-type': 'application/json' }

/** A fetch stub: a fresh Response per call from the shared JSON string, whatever the input. */
export const stubFetch = () => Promise.resolve(new Response(PAYLOAD, { status: 200, headers: HEADERS }))

/** Starts loopback-server.mjs in a worker thread; resolves to { worker, origin }. */
export function startServer() {
  const worker = new Worker(new URL('./loopback-server.mjs', import.meta.url), {
    workerData: { payload: PAYLOAD },
  })
  return new Promise((resolve, reject) => {
    worker.once('message', ({ port }) => resolve({ worker, origin: `http://127.0.0.1:${port}` }))
    worker.once('error', reject)
  })
}

/**
 * The baselines every overhead figure is a ratio to, for one GET of `url` through `f`: raw fetch; the floor of
 * what Ferry's defaults need (one AbortController, a 10 s timer, a Headers object with Accept and a request id);
 * and raw fetch sending that same Headers object (the baseline of `timeout: false`).
 */
export function baselines(f, url) {
  const idHeaders = () => {
    const headers = new Headers({ accept: 'application/json, text/plain;q=0.9, */*;q=0.8' })
    headers.set('x-request-id', randomUUID())
    return headers
  }
  return {
    raw: async () => await (await f(url)).json(),
    floor: async () => {
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), 10_000)
      try {
        return await (await f(url, { method: 'GET', headers: idHeaders(), signal: controller.signal })).json()
      } finally {
        clearTimeout(timer)
      }
    },
    'raw + request id': async () => await (await f(url, { method: 'GET', headers: idHeaders() })).json(),
  }
}

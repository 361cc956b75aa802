// Overhead: sequential GET + JSON requests through each client, as a ratio to raw fetch measured in the same
// rounds.
//   stub:     a fetch stub that builds a fresh Response per call from one shared JSON string (the same work for
//             every contender), so only the client's own cost differs. Target: Ferry ≤ 1.30× raw fetch.
//   loopback: the real global fetch (undici) against a node:http server on 127.0.0.1 in a worker thread.
//             Target: Ferry ≤ 1.05× raw fetch.
// Rounds are interleaved and rotated (A B C D, B C D A, …) and every contender is warmed up first (no forced GC:
// see segment() in lib.mjs). Reported: the median per-request time over rounds and the median of the per-round
// ratios to raw fetch (with the interquartile range of those ratios), for wall-clock and process CPU time.
//
// Env: BENCH_ONLY=raw,ferry (subset of contenders; raw is always kept), BENCH_SCALE=0.5 (shorter run),
//      FERRY_SOURCE=dist (use packages/client/dist instead of bundling src).
import os from 'node:os'
import { pathToFileURL } from 'node:url'
import ky from 'ky'
import { createFetch } from 'ofetch'
import { up } from 'up-fetch'
import wretch from 'wretch'
import {
  baselines,
  loadFerry,
  measure,
  PAYLOAD,
  pairedRatio,
  pairedText,
  ratio,
  startServer,
  stubFetch,
  table,
  verdict,
  writeResult,
} from './lib.mjs'

/** Ferry's per-request cost as a multiple of the floor (raw fetch + what the defaults need), same rounds. */
export const STUB_TARGET = 1.1
export const LOOPBACK_TARGET = 1.05
/** Ferry with `timeout: false` as a multiple of raw fetch sending the same request-id header. */
export const NO_TIMEOUT_TARGET = 1.1

const EXPECTED = JSON.parse(PAYLOAD)
const PATH = '/orders/42'
const scale = Number(process.env.BENCH_SCALE ?? 1)
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim())

/** Each contender: one GET of origin + PATH, resolving to the parsed JSON; defaults left on. */
function contenders(createClient, f, origin) {
  const url = origin + PATH
  const ferry = createClient?.({ fetch: f, baseUrl: origin })
  const $fetch = createFetch({ fetch: f })
  const kyClient = ky.create({ fetch: f })
  const wretchClient = wretch(origin).fetchPolyfill(f)
  const upfetch = up(f, () => ({ baseUrl: origin }))
  const ferryNoTimeout = createClient?.({ fetch: f, baseUrl: origin, timeout: false })
  const all = {
    ...baselines(f, url),
    ferry: () => ferry.get(PATH),
    'ferry, timeout: false': () => ferryNoTimeout.get(PATH),
    ofetch: () => $fetch(url),
    ky: () => kyClient.get(url).json(),
    wretch: () => wretchClient.get(PATH).json(),
    'up-fetch': () => upfetch(PATH),
  }
  if (!ferry) {
    delete all.ferry
    delete all['ferry, timeout: false']
  }
  const kept = ['raw', 'floor', 'raw + request id']
  return Object.entries(all).filter(
    ([name]) => kept.includes(name) || !only || only.some((o) => name.startsWith(o)),
  )
}

function print(result, target) {
  console.log(
    `\n## Overhead — ${result.label} (${result.rounds} rounds × ${result.perRound} sequential requests per ` +
      `contender, ${result.seconds.toFixed(1)} s)\n`,
  )
  console.log(
    table(
      [
        'client',
        'median µs/req',
        'best µs/req',
        '× raw fetch (median)',
        'IQR of ×',
        'CPU µs/req',
        'CPU × raw',
      ],
      result.rows.map((r) => [
        r.name,
        r.medianUs.toFixed(2),
        r.bestUs.toFixed(2),
        ratio(r.ratio),
        `${r.ratioP25.toFixed(2)}–${r.ratioP75.toFixed(2)}`,
        r.cpuUs.toFixed(2),
        ratio(r.cpuRatio),
      ]),
    ),
  )
  const { floor, noTimeout } = targetsOf(result)
  if (floor) {
    console.log(
      `\nFerry ${pairedText(floor)} the floor (CPU ${ratio(floor.cpuRatio)}) — target ≤ ${ratio(target)}: ` +
        verdict(floor.ratio <= target),
    )
    console.log(
      `Ferry, timeout: false ${pairedText(noTimeout)} raw fetch + request id (CPU ${ratio(noTimeout.cpuRatio)}) — ` +
        `target ≤ ${ratio(NO_TIMEOUT_TARGET)}: ${verdict(noTimeout.ratio <= NO_TIMEOUT_TARGET)}`,
    )
  }
}

/** Ferry over the floor, and Ferry without a timeout over raw fetch with the same id header, round by round. */
function targetsOf(result) {
  if (!result.rows.some((r) => r.name === 'ferry')) return {}
  return {
    floor: pairedRatio(result, 'ferry', 'floor'),
    noTimeout: pairedRatio(result, 'ferry, timeout: false', 'raw + request id'),
  }
}

export async function runOverhead() {
  const { createClient } = await loadFerry().catch((error) => {
    console.log(`(Ferry left out: @ferry/client could not be loaded — ${error.message.split('\n')[0]})`)
    return {}
  })
  const n = (x) => Math.max(1, Math.round(x * scale))

  const loadBefore = os.loadavg()[0]
  if (loadBefore > os.availableParallelism() / 2) {
    console.log(
      `(load average ${loadBefore.toFixed(1)} on ${os.availableParallelism()} cores: figures will be noisy)`,
    )
  }
  const stub = await measure('stubbed fetch', contenders(createClient, stubFetch, 'http://127.0.0.1:9'), {
    warmup: n(3000),
    perRound: n(1000),
    minRounds: n(12),
    maxRounds: n(90),
    budgetMs: 20_000 * scale,
  })
  print(stub, STUB_TARGET)

  const { worker, origin } = await startServer()
  let loopback
  try {
    loopback = await measure(
      'loopback node:http, global fetch',
      contenders(createClient, globalThis.fetch, origin),
      {
        warmup: n(1000),
        perRound: n(300),
        minRounds: n(12),
        maxRounds: n(60),
        budgetMs: 20_000 * scale,
        expected: EXPECTED,
      },
    )
  } finally {
    await worker.terminate()
  }
  print(loopback, LOOPBACK_TARGET)

  const summary = (run, target) => {
    const { floor, noTimeout } = targetsOf(run)
    return {
      target,
      vsFloor: floor,
      noTimeoutVsRawWithId: noTimeout,
      noTimeoutTarget: NO_TIMEOUT_TARGET,
      ok: (floor?.ratio ?? Infinity) <= target && (noTimeout?.ratio ?? Infinity) <= NO_TIMEOUT_TARGET,
      ...run,
      times: undefined,
      cpuTimes: undefined,
    }
  }
  const result = {
    payloadBytes: PAYLOAD.length,
    stub: summary(stub, STUB_TARGET),
    loopback: summary(loopback, LOOPBACK_TARGET),
    loadAverage: { before: loadBefore, after: os.loadavg()[0] },
    pendingTimersAfterRun: process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length,
  }
  if (result.pendingTimersAfterRun > 0) {
    console.log(`\nnote: ${result.pendingTimersAfterRun} timers still pending after the last request settled`)
  }
  writeResult('overhead', result)
  return result
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runOverhead()
  process.exit(0)
}

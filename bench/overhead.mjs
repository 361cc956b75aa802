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
  loadFerry,
  measure,
  PAYLOAD,
  ratio,
  startServer,
  stubFetch,
  table,
  verdict,
  writeResult,
} from './lib.mjs'

export const STUB_TARGET = 1.3
export const LOOPBACK_TARGET = 1.05

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
  const all = {
    raw: async () => await (await f(url)).json(),
    ferry: () => ferry.get(PATH),
    ofetch: () => $fetch(url),
    ky: () => kyClient.get(url).json(),
    wretch: () => wretchClient.get(PATH).json(),
    'up-fetch': () => upfetch(PATH),
  }
  if (!ferry) delete all.ferry
  return Object.entries(all).filter(([name]) => name === 'raw' || !only || only.includes(name))
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
  const ferry = result.rows.find((r) => r.name === 'ferry')
  if (ferry)
    console.log(
      `\nFerry ${ratio(ferry.ratio)} raw fetch — target ≤ ${ratio(target)}: ${verdict(ferry.ratio <= target)}`,
    )
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

  const ferryRow = (r) => r.rows.find((row) => row.name === 'ferry')
  const result = {
    payloadBytes: PAYLOAD.length,
    stub: { target: STUB_TARGET, ok: (ferryRow(stub)?.ratio ?? Infinity) <= STUB_TARGET, ...stub },
    loopback: {
      target: LOOPBACK_TARGET,
      ok: (ferryRow(loopback)?.ratio ?? Infinity) <= LOOPBACK_TARGET,
      ...loopback,
    },
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

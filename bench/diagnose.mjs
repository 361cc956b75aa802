// Diagnosis, not part of `pnpm bench`: what each ingredient of a Ferry request costs on top of raw fetch, with
// the stub and against the loopback server. Each variant adds one thing Ferry does per request.
//   node diagnose.mjs [stub|loopback]   (both by default)
import { randomUUID } from 'node:crypto'
import { loadFerry, measure, PAYLOAD, ratio, startServer, stubFetch, table } from './lib.mjs'

const which = process.argv[2]
const { createClient } = await loadFerry()

function variants(f, origin) {
  const url = `${origin}/orders/42`
  const headers = () => {
    const h = new Headers()
    h.set('accept', 'application/json, text/plain;q=0.9, */*;q=0.8')
    h.set('x-request-id', randomUUID())
    return h
  }
  const withSignal = async (init) => {
    const controller = new AbortController()
    const response = await f(url, { ...init, signal: controller.signal })
    return response.json()
  }
  const withTimer = async (init) => {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), 10_000)
    try {
      return await (await f(url, { ...init, signal: controller.signal })).json()
    } finally {
      clearTimeout(timer)
    }
  }
  const ferry = createClient({ fetch: f, baseUrl: origin })
  const noTimeout = createClient({ fetch: f, baseUrl: origin, timeout: false })
  return [
    ['raw fetch', async () => await (await f(url)).json()],
    [
      '+ method & Headers (accept, x-request-id)',
      async () => await (await f(url, { method: 'GET', headers: headers() })).json(),
    ],
    ['+ AbortController signal', () => withSignal({})],
    ['+ signal + 10 s setTimeout/clearTimeout', () => withTimer({})],
    ['+ Headers + signal + timer (Ferry’s floor)', () => withTimer({ method: 'GET', headers: headers() })],
    ['ferry, defaults', () => ferry.get('/orders/42')],
    ['ferry, timeout: false', () => noTimeout.get('/orders/42')],
  ]
}

function print(result) {
  console.log(`\n## ${result.label} (${result.rounds} rounds × ${result.perRound})\n`)
  console.log(
    table(
      ['variant', 'median µs/req', '× raw fetch', 'CPU µs/req', 'CPU × raw', 'CPU µs over raw'],
      result.rows.map((r) => [
        r.name,
        r.medianUs.toFixed(2),
        ratio(r.ratio),
        r.cpuUs.toFixed(2),
        ratio(r.cpuRatio),
        (r.cpuUs - result.rows[0].cpuUs).toFixed(2),
      ]),
    ),
  )
}

const options = {
  warmup: 2000,
  minRounds: 14,
  maxRounds: 28,
  budgetMs: 15_000,
  expected: JSON.parse(PAYLOAD),
}
if (which !== 'loopback') {
  print(
    await measure('stubbed fetch', variants(stubFetch, 'http://127.0.0.1:9'), { ...options, perRound: 1000 }),
  )
}
if (which !== 'stub') {
  const { worker, origin } = await startServer()
  print(
    await measure('loopback, global fetch', variants(globalThis.fetch, origin), {
      ...options,
      perRound: 300,
    }),
  )
  await worker.terminate()
}
process.exit(0)

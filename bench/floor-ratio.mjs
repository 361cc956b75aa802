// Diagnosis, not part of `pnpm bench`: ONE copy of packages/client/src against raw fetch and the floor (raw fetch +
// an AbortController + a 10 s timer + a Headers with a request id), paired round by round, in its own process.
//   node bench/floor-ratio.mjs <src dir | module>     (NT=1: `timeout: false` against raw fetch + request id;
//                                                      LOOPBACK=1: global fetch against loopback-server.mjs)
// A module (a .js or .ts file exporting createClient, such as bench/spike/core.js) is measured as it is.
// Several copies in one process (compare.mjs) share the runtime's inline caches and heap: two identical copies
// measured up to 8 % apart there. Run this alternately for each copy (A B A B …) and compare the medians.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { baselines, bundleFerry, measure, PAYLOAD, pairedRatio, startServer, stubFetch } from './lib.mjs'

const dir = process.argv[2]
if (!dir) throw new Error('usage: node floor-ratio.mjs <src dir | module>')
const entry = /\.[cm]?[jt]s$/.test(dir) ? resolve(dir) : resolve(dir, 'index.ts')
const { createClient } = await import(pathToFileURL(await bundleFerry(entry)).href)
const noTimeout = process.env.NT === '1'
// Loopback: the same node:http server in a worker thread as overhead.mjs, 300 requests per round as there.
const server = process.env.LOOPBACK === '1' ? await startServer() : undefined
const origin = server ? server.origin : 'http://127.0.0.1:9'
const url = `${origin}/orders/42`
const f = server ? fetch : stubFetch
const { raw, floor, 'raw + request id': rawId } = baselines(f, url)
const client = createClient({ fetch: f, baseUrl: origin, ...(noTimeout ? { timeout: false } : {}) })
const result = await measure(
  'stubbed fetch',
  [
    ['raw', raw],
    noTimeout ? ['raw + request id', rawId] : ['floor', floor],
    ['ferry', () => client.get('/orders/42')],
  ],
  {
    warmup: 2000,
    perRound: server ? 300 : 1000,
    minRounds: 20,
    maxRounds: 60,
    budgetMs: 15_000,
    expected: JSON.parse(PAYLOAD),
  },
)
const { ratio, cpuRatio } = pairedRatio(result, 'ferry', noTimeout ? 'raw + request id' : 'floor')
const ferry = result.rows.find((row) => row.name === 'ferry')
console.log(
  `${dir}${server ? ' (loopback)' : ''}: ${ferry.medianUs.toFixed(2)} µs/request, ${ratio.toFixed(3)}× ${noTimeout ? 'raw + request id' : 'the floor'} (CPU ${cpuRatio.toFixed(3)}×), ${result.rounds} rounds`,
)
process.exit(0)

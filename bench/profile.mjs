// Diagnosis, not part of `pnpm bench`: CPU profile of Ferry's GET + JSON loop (V8 sampling profiler through
// node:inspector), reported as self time per function and per source module, Ferry's modules named from the
// `// src/<module>.ts` comments esbuild puts in the bundle. Everything outside Ferry (fetch, Response, Headers,
// URL, timers, GC) is grouped by its own file.
//   node profile.mjs [stub|loopback] [seconds] [ferry|raw]     (stub, 4 s, ferry by default; raw = baseline)
// Writes the raw profile to bench/results/profile-<mode>.cpuprofile (open it in Chrome DevTools).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { bundleFerry, resultsDir, startServer, stubFetch, table, writeResult } from './lib.mjs'

// `pnpm run profile -- stub 4` passes the `--` through: skip it.
const args = process.argv.slice(2).filter((arg) => arg !== '--')
const mode = args[0] ?? 'stub'
const seconds = Number(args[1] ?? 4)
const contender = args[2] ?? 'ferry'
const bundle = await bundleFerry()
const { createClient } = await import(pathToFileURL(bundle).href)

// Line → module map of the bundle.
const marks = []
readFileSync(bundle, 'utf8')
  .split('\n')
  .forEach((line, i) => {
    const m = /^\/\/ (\S+\.ts)$/.exec(line)
    if (m) marks.push({ line: i, module: m[1].replace(/^.*\//, '') })
  })
const moduleAt = (line) => marks.findLast((mark) => mark.line <= line)?.module ?? 'bundle'

const server = mode === 'loopback' ? await startServer() : undefined
const f = server ? globalThis.fetch : stubFetch
const origin = server?.origin ?? 'http://127.0.0.1:9'
const client = createClient({ fetch: f, baseUrl: origin })
const get =
  contender === 'raw'
    ? async () => await (await f(`${origin}/orders/42`)).json()
    : () => client.get('/orders/42')
for (let i = 0; i < 3000; i++) await get()

const session = new Session()
session.connect()
await session.post('Profiler.enable')
await session.post('Profiler.setSamplingInterval', { interval: 50 })
await session.post('Profiler.start')
let requests = 0
const end = performance.now() + seconds * 1000
while (performance.now() < end) {
  for (let i = 0; i < 200; i++) await get()
  requests += 200
}
const { profile } = await session.post('Profiler.stop')
session.disconnect()
await server?.worker.terminate()

// Self time per node, from the sample counts.
const interval = (profile.endTime - profile.startTime) / profile.samples.length // µs per sample
const hits = new Map()
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1)
const byFunction = new Map()
const byModule = new Map()
const totalUs = profile.samples.length * interval
for (const node of profile.nodes) {
  const us = (hits.get(node.id) ?? 0) * interval
  if (!us) continue
  const { functionName, url, lineNumber } = node.callFrame
  const isFerry = url.endsWith('ferry.mjs')
  const where = isFerry
    ? `ferry ${moduleAt(lineNumber)}`
    : url
      ? url.replace(/^.*node_modules\//, '').replace(/^node:internal\//, 'node:')
      : `(${functionName || 'native'})`
  const fn = `${functionName || '(anonymous)'} — ${where}${isFerry ? `:${lineNumber + 1}` : ''}`
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us)
  byModule.set(where, (byModule.get(where) ?? 0) + us)
}
const perRequest = (us) => (us / requests).toFixed(2)
const top = (map, n) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => [name, perRequest(us), `${((100 * us) / totalUs).toFixed(1)}%`])

console.log(`\n## CPU profile, ${contender} GET + JSON, ${mode}: ${requests} requests in ${seconds} s`)
console.log(
  `(${(totalUs / requests).toFixed(2)} µs of samples per request, ${profile.samples.length} samples)\n`,
)
console.log(table(['where (self time)', 'µs/request', 'share'], top(byModule, 25)))
console.log('')
console.log(table(['function (self time)', 'µs/request', 'share'], top(byFunction, 40)))
mkdirSync(resultsDir, { recursive: true })
writeFileSync(join(resultsDir, `profile-${contender}-${mode}.cpuprofile`), JSON.stringify(profile))
writeResult(`profile-${contender}-${mode}`, {
  requests,
  seconds,
  usPerRequest: totalUs / requests,
  byModule: Object.fromEntries(top(byModule, 40)),
  byFunction: Object.fromEntries(top(byFunction, 80)),
})
process.exit(0)

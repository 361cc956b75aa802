// Diagnosis, not part of `pnpm bench`: several copies of packages/client/src side by side in the same
// interleaved rounds (stub and loopback), to measure a change before making it:
//   cp -r packages/client/src /tmp/try && <edit /tmp/try> && node bench/compare.mjs packages/client/src /tmp/try
// ONLY=stub or ONLY=loopback runs one of the two.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { bundleFerry, measure, PAYLOAD, ratio, startServer, stubFetch, table } from './lib.mjs'

const dirs = process.argv.slice(2)
if (dirs.length === 0) throw new Error('usage: node compare.mjs <src dir> [<src dir> …]')
const copies = []
for (const [i, dir] of dirs.entries()) {
  const module = await import(pathToFileURL(await bundleFerry(resolve(dir, 'index.ts'))).href)
  copies.push([`${i + 1}: ${dir}`, module.createClient])
}

const contenders = (f, origin) => [
  ['raw fetch', async () => await (await f(`${origin}/orders/42`)).json()],
  ...copies.map(([name, createClient]) => {
    const client = createClient({ fetch: f, baseUrl: origin })
    return [name, () => client.get('/orders/42')]
  }),
]

const print = (result) => {
  console.log(`\n## ${result.label} (${result.rounds} rounds × ${result.perRound})\n`)
  console.log(
    table(
      ['copy', 'median µs/req', 'best µs/req', '× raw fetch', 'CPU µs/req', 'CPU × raw'],
      result.rows.map((r) => [
        r.name,
        r.medianUs.toFixed(2),
        r.bestUs.toFixed(2),
        ratio(r.ratio),
        r.cpuUs.toFixed(2),
        ratio(r.cpuRatio),
      ]),
    ),
  )
}

const options = {
  warmup: 2000,
  minRounds: 12,
  maxRounds: 30,
  budgetMs: 12_000,
  expected: JSON.parse(PAYLOAD),
}
if (process.env.ONLY !== 'loopback') {
  print(
    await measure('stubbed fetch', contenders(stubFetch, 'http://127.0.0.1:9'), {
      ...options,
      perRound: 1000,
    }),
  )
}
if (process.env.ONLY !== 'stub') {
  const { worker, origin } = await startServer()
  print(
    await measure('loopback, global fetch', contenders(globalThis.fetch, origin), {
      ...options,
      perRound: 300,
    }),
  )
  await worker.terminate()
}
process.exit(0)

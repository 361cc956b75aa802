// Memory: 5,000 mount/unmount cycles, each with a request in flight (the stub never answers; it only rejects
// on abort), each cycle a new key. Heap after GC is compared with a control component that fetches nothing.
// Every contender runs in its own `node --expose-gc` process; the control runs three times, and the spread of
// those runs is the noise. AbortController/AbortSignal/DOMException are jsdom's, as in a browser or in
// vitest's jsdom environment: Node's own DOMException registers every instance in an internal WeakMap whose
// table never shrinks, which adds a few hundred KB of table capacity (not retained objects) to any library whose
// aborted requests live long enough to be promoted; NODE_ABORT=1 measures with Node's primitives anyway.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { installDom, loadStack, stubFetch, table, writeResult } from './lib.mjs'

const CYCLES = Number(process.env.CYCLES ?? 5000)
const WARMUP = 500
const NAMES = [
  'control (no fetch)',
  'Ferry useFetch',
  'raw fetch in useEffect',
  'Ferry useApiQuery',
  'TanStack useQuery',
  'SWR useSWR',
]

/** One mounted component: the contender's hook, and a paragraph (the control renders only that). */
function Probe({ use, path, h }) {
  use(path)
  return h('p', null, path)
}

async function child(name) {
  const { React, createRoot, flushSync, TanStack, useSWR, SWRConfig, Ferry, FerryQuery, createClient } =
    await loadStack()
  await installDom({ domAbort: process.env.NODE_ABORT !== '1' })
  const h = React.createElement
  const { fetch, stats } = stubFetch({ latency: Number.POSITIVE_INFINITY })
  const client = createClient({ baseUrl: 'http://api.test', fetch })
  const queryClient = new TanStack.QueryClient()
  const get = (path, signal) =>
    fetch(`http://api.test${path}`, signal ? { signal } : {}).then((r) => r.json())
  const hooks = {
    'control (no fetch)': () => null,
    'raw fetch in useEffect': (path) => {
      React.useEffect(() => {
        const controller = new AbortController()
        fetch(path, { signal: controller.signal }).catch(() => {})
        return () => controller.abort()
      }, [path])
    },
    'Ferry useFetch': (path) => Ferry.useFetch(path).status,
    'Ferry useApiQuery': (path) => FerryQuery.useApiQuery(path).status,
    'TanStack useQuery': (path) =>
      TanStack.useQuery({ queryKey: [path], queryFn: ({ signal }) => get(path, signal) }).status,
    'SWR useSWR': (path) => useSWR(path, (key) => get(key)).data,
  }
  const use = hooks[name]
  const ui = (path) =>
    h(
      TanStack.QueryClientProvider,
      { client: queryClient },
      h(Ferry.FerryProvider, { client }, h(SWRConfig, null, h(Probe, { use, path, h }))),
    )
  const root = createRoot(document.createElement('div'))
  const gc = async () => {
    for (let i = 0; i < 6; i++) {
      globalThis.gc()
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }
  const cycles = async (from, count) => {
    for (let i = from; i < from + count; i++) {
      flushSync(() => root.render(ui(`/items/${i}`)))
      await new Promise((resolve) => setImmediate(resolve))
      flushSync(() => root.render(null))
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
    await gc()
  }
  // Warm-up: the code paths get compiled (and their code kept) before the measured cycles start.
  await cycles(-WARMUP, WARMUP)
  const warm = { ...stats }
  const before = process.memoryUsage().heapUsed
  await cycles(0, CYCLES)
  const after = process.memoryUsage().heapUsed
  root.unmount()
  process.stdout.write(
    JSON.stringify({
      name,
      before,
      after,
      growth: after - before,
      started: stats.started - warm.started,
      aborted: stats.aborted - warm.aborted,
    }),
  )
  process.exit(0)
}

function run(name) {
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', fileURLToPath(import.meta.url), '--child', name],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  )
  if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`)
  return JSON.parse(result.stdout)
}

if (process.argv[2] === '--child') {
  await child(process.argv[3])
} else {
  // Three control runs: the spread of two alone was sometimes a few KB, which a GC's timing exceeds.
  const control = [run(NAMES[0]), run(NAMES[0]), run(NAMES[0])]
  const growths = control.map((c) => c.growth)
  const base = Math.max(...growths)
  const noise = base - Math.min(...growths)
  const kb = (n) => `${n < 0 ? '-' : '+'}${(Math.abs(n) / 1024).toFixed(0)} KB`
  const measured = [control[0], ...NAMES.slice(1).map(run)]
  const rows = measured.map((m) => ({
    contender: m.name,
    'heap growth over the cycles': kb(m.growth),
    'vs control': kb(m.growth - base),
    'per cycle': `${Math.max(0, (m.growth - base) / CYCLES).toFixed(0)} B`,
    'requests started': m.started,
    aborted: m.aborted,
  }))
  console.log(
    `\nHeap growth (after GC) over ${CYCLES} mount/unmount cycles with a request in flight, after ${WARMUP} warm-up cycles\n`,
  )
  console.log(table(rows, Object.keys(rows[0])))
  const ferry = measured[1]
  // "Within noise": no more than the control's run-to-run spread (at least 64 KB, 13 B per cycle).
  const pass =
    ferry.growth - base <= Math.max(noise, 64 * 1024) &&
    ferry.aborted === ferry.started &&
    ferry.started === CYCLES
  console.log(`\ncontrol run-to-run noise: ${kb(noise)} (the tolerance is the larger of that and 64 KB)`)
  console.log(
    `Ferry useFetch: ${pass ? 'meets' : 'MISSES'} the target (heap within noise of the control, every request aborted).`,
  )
  console.log(
    'TanStack (and useApiQuery, built on it) keeps each cancelled query in its cache for gcTime (5 min) by design.',
  )
  console.log(`results: ${writeResult('react-memory', { cycles: CYCLES, noise, rows, pass })}`)
}

// Renders per fetch and abort on unmount: Ferry's useFetch and useApiQuery beside TanStack Query's useQuery and
// SWR's useSWR used directly, each with the same stub fetch, in jsdom with production React.
// Counted: renders of the component from mount to data, and from a key change to the new data; with two
// retries, the renders of a component that reads the retry progress and of one that does not; and whether
// unmounting aborts the request (the stub sees the signal).
import { installDom, loadStack, stubFetch, table, tick, until, writeResult } from './lib.mjs'

const { React, createRoot, TanStack, useSWR, SWRConfig, Ferry, FerryQuery, createClient } = await loadStack()
await installDom()
const h = React.createElement
const BASE = 'http://api.test'

/** Each contender: a provider wrapper and a hook call that returns [done, retryProgress]. */
function contenders(fetch) {
  const client = createClient({ baseUrl: BASE, fetch, retry: { limit: 2, baseDelay: 1, maxDelay: 1 } })
  const get = async (path, signal) => {
    const response = await fetch(`${BASE}${path}`, signal ? { signal } : {})
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    return response.json()
  }
  const withQuery = (options) => {
    const queryClient = new TanStack.QueryClient({ defaultOptions: { queries: options } })
    return (node) =>
      h(TanStack.QueryClientProvider, { client: queryClient }, h(Ferry.FerryProvider, { client }, node))
  }
  // One QueryClient for the row, as withQuery's: a key change keeps the cache and the providers.
  const withSuspense = (options) => {
    const provide = withQuery(options)
    return (node) => provide(h(React.Suspense, { fallback: null }, node))
  }
  return {
    'Ferry useFetch': {
      wrap: (node) => h(Ferry.FerryProvider, { client }, node),
      use: (path, readProgress) => {
        const state = Ferry.useFetch(path)
        return [state.status === 'success', readProgress ? state.retrying : null]
      },
    },
    'Ferry useApiQuery': {
      wrap: withQuery({}),
      use: (path, readProgress) => {
        const state = FerryQuery.useApiQuery(path)
        return [state.status === 'success', readProgress ? state.retrying : null]
      },
    },
    'Ferry usePaginatedQuery': {
      wrap: withQuery({}),
      // '/items/2' is page 2 of '/items' (the stub's answers say no next page: nothing is prefetched).
      use: (path, readProgress) => {
        const page = Number(path.split('/').at(-1)) || 1
        const state = FerryQuery.usePaginatedQuery('/items', { page })
        return [state.status === 'success' && !state.isPlaceholder, readProgress ? state.retrying : null]
      },
    },
    'Ferry useInfiniteApiQuery': {
      wrap: withQuery({}),
      use: (path, readProgress) => {
        const state = FerryQuery.useInfiniteApiQuery(path)
        return [state.status === 'success', readProgress ? state.retrying : null]
      },
    },
    'Ferry useSuspenseApiQuery': {
      // Each render that suspends counts: the first load's (it throws), then the one with data. On React 19 there
      // is one more between them when the data is slower than React's "pre-warm" render of the suspended tree,
      // which React schedules right after committing the fallback (react#30800); that render suspends again.
      wrap: withSuspense({}),
      use: (path, readProgress) => {
        const state = FerryQuery.useSuspenseApiQuery(path)
        return [state.status === 'success', readProgress ? state.retrying : null]
      },
    },
    'TanStack useSuspenseQuery': {
      // The floor for useSuspenseApiQuery, which is built on it: TanStack retrying itself, like the row below.
      wrap: withSuspense({ retry: 2, retryDelay: 1 }),
      use: (path, readProgress) => {
        const result = TanStack.useSuspenseQuery({
          queryKey: [path],
          queryFn: ({ signal }) => get(path, signal),
        })
        return [result.status === 'success', readProgress ? result.failureCount : null]
      },
    },
    'TanStack useQuery': {
      // TanStack retries itself here (the client is not involved): 2 retries, 1 ms apart, like Ferry's.
      wrap: withQuery({ retry: 2, retryDelay: 1 }),
      use: (path, readProgress) => {
        const result = TanStack.useQuery({ queryKey: [path], queryFn: ({ signal }) => get(path, signal) })
        return [result.status === 'success', readProgress ? result.failureCount : null]
      },
    },
    'SWR useSWR': {
      wrap: (node) => h(SWRConfig, { value: { provider: () => new Map(), errorRetryInterval: 1 } }, node),
      use: (path, readProgress) => {
        const result = useSWR(path, (key) => get(key))
        return [result.data !== undefined, readProgress ? result.isValidating : null]
      },
    },
  }
}

function Probe({ use, path, log, readProgress }) {
  log.renders++
  const [done] = use(path, readProgress)
  log.done = done
  return null
}

async function settle() {
  for (let i = 0; i < 20; i++) await tick()
}

async function rendersToData(name, { failures = 0, readProgress = false } = {}) {
  const { fetch } = stubFetch({ latency: 2, failures })
  const contender = contenders(fetch)[name]
  const log = { renders: 0, done: false }
  const root = createRoot(document.createElement('div'))
  const ui = (path) => contender.wrap(h(Probe, { use: contender.use, path, log, readProgress }))
  root.render(ui('/items/1'))
  await until(() => log.done)
  await settle()
  const mount = log.renders
  log.renders = 0
  log.done = false
  root.render(ui('/items/2'))
  await until(() => log.done)
  await settle()
  const keyChange = log.renders
  root.unmount()
  return { mount, keyChange }
}

async function abortsOnUnmount(name) {
  const { fetch, stats } = stubFetch({ latency: Number.POSITIVE_INFINITY })
  const contender = contenders(fetch)[name]
  const root = createRoot(document.createElement('div'))
  root.render(contender.wrap(h(Probe, { use: contender.use, path: '/slow', log: { renders: 0 } })))
  await until(() => stats.started === 1)
  root.unmount()
  await settle()
  return stats.aborted === 1
}

/** Requests sent when ten components ask for one key at the same time. */
async function requestsForTen(name) {
  const { fetch, stats } = stubFetch({ latency: 2 })
  const contender = contenders(fetch)[name]
  const logs = Array.from({ length: 10 }, () => ({ renders: 0, done: false }))
  const root = createRoot(document.createElement('div'))
  const probes = logs.map((log, i) => h(Probe, { key: i, use: contender.use, path: '/items/1', log }))
  root.render(contender.wrap(h(React.Fragment, null, ...probes)))
  await until(() => logs.every((log) => log.done))
  await settle()
  root.unmount()
  return stats.started
}

const rows = []
for (const name of Object.keys(contenders(() => {}))) {
  const plain = await rendersToData(name)
  const retried = name.startsWith('SWR') ? undefined : await rendersToData(name, { failures: 2 })
  const retriedReading = name.startsWith('SWR')
    ? undefined
    : await rendersToData(name, { failures: 2, readProgress: true })
  rows.push({
    contender: name,
    'renders mount→data': plain.mount,
    'renders key change→data': plain.keyChange,
    '2 retries, progress not read': retried?.mount ?? 'n/a',
    '2 retries, progress read': retriedReading?.mount ?? 'n/a',
    'aborts on unmount': (await abortsOnUnmount(name)) ? 'yes' : 'no',
    '10 components, one key: requests': await requestsForTen(name),
  })
}

console.log(
  `\nRenders per fetch, abort on unmount, shared requests (production React ${React.version}, jsdom)\n`,
)
console.log(table(rows, Object.keys(rows[0])))
// The suspense hook is held to what Suspense allows: a component that suspends never commits, so it has no
// cleanup that could abort its request (TanStack's useSuspenseQuery is the same), and a key change re-suspends.
const isSuspense = (row) => row.contender.includes('Suspense')
const ferryRows = rows.filter((row) => row.contender.startsWith('Ferry'))
const misses = ferryRows.filter((row) =>
  isSuspense(row)
    ? row['renders mount→data'] !== 2 || row['10 components, one key: requests'] !== 1
    : row['renders mount→data'] !== 2 ||
      row['renders key change→data'] !== 2 ||
      row['2 retries, progress not read'] !== 2 ||
      row['2 retries, progress read'] > 4 ||
      row['aborts on unmount'] !== 'yes' ||
      row['10 components, one key: requests'] !== 1,
)
const pass = misses.length === 0
const suspenseFloor = rows.find((row) => row.contender === 'TanStack useSuspenseQuery')?.[
  'renders mount→data'
]
console.log(
  `\nFerry hooks: ${pass ? 'every one meets' : `MISSED by ${misses.map((row) => row.contender).join(', ')}:`} the targets` +
    ' (2 renders to data and on a key change, +1 per retry only when read, aborts on unmount, 1 request for 10 components;' +
    ' useSuspenseApiQuery: 2 renders to data and 1 request for 10 components — a suspended component never commits, so' +
    ' nothing can abort its request, and a key change suspends again).' +
    ` TanStack's own useSuspenseQuery, which useSuspenseApiQuery is built on, renders ${suspenseFloor} times to data here:` +
    ' React 19 renders a suspended tree once more to pre-warm it (react#30800), so a suspense hook renders twice' +
    ' without data, then once with it (React 18: once, then once; use-suspense-api-query.test.tsx checks both).',
)
console.log(`results: ${writeResult('react-renders', { rows, pass })}`)
process.exit(0)

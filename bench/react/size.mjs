// Size, bundled like bench/size.mjs (esbuild: bundle, minify, esm, platform browser, target es2022), then
// gzip level 9. What each figure includes is printed beside it:
//   1. @ferry/react's own bytes beyond @tanstack/react-query (the target, ≤ 2,000 B): everything
//      @ferry/react exports bundled with TanStack Query, minus TanStack Query alone; React and @ferry/client
//      (measured by bench/size.mjs) stay external, so esbuild's per-module `import … from "react"` /
//      `"@ferry/client"` statements count against Ferry. Also the same difference inside one app bundle that
//      already holds the peers (React, TanStack Query, @ferry/client), where those statements disappear, and
//      @ferry/react alone with every peer external, as size-limit would report it.
//   2. useFetch (with FerryProvider and the whole client it needs) against SWR's useSWR.
import { gzipSync } from 'node:zlib'
import { bundleForSize, table, writeResult } from './lib.mjs'

export const OWN_TARGET = 2000

const REACT = ['react', 'react-dom', 'react/jsx-runtime']
const CLIENT = '@ferry/client'
const TANSTACK = '@tanstack/react-query'

async function size(contents, external) {
  const code = (await bundleForSize(contents, external)).outputFiles[0].contents
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length }
}

const minus = (a, b) => ({ min: a.min - b.min, gzip: a.gzip - b.gzip })
const ferryAll = `export * from '@ferry/react'\nexport * from '@ferry/react/query'`

const tanstack = await size(`export * from '${TANSTACK}'`, [...REACT, CLIENT])
const withFerry = await size(`export * from '${TANSTACK}'\n${ferryAll}`, [...REACT, CLIENT])
const beyond = minus(withFerry, tanstack)
const peers = `export * from '${TANSTACK}'\nexport * as React from 'react'\nexport * as Jsx from 'react/jsx-runtime'\nexport * as Client from '${CLIENT}'`
const peersOnly = await size(peers, [])
const inApp = minus(await size(`${peers}\n${ferryAll}`, []), peersOnly)
const own = await size(ferryAll, [...REACT, CLIENT, TANSTACK])
const tanstackLayer = await size(
  `export * from '@ferry/react/query'\nexport { toViewState, QueryState, FerryProvider, describeError } from '@ferry/react'`,
  [...REACT, CLIENT, TANSTACK],
)
const useFetchWithClient = await size(
  `export { useFetch, FerryProvider } from '@ferry/react'\nexport { createClient } from '${CLIENT}'`,
  REACT,
)
const clientAlone = await size(`export { createClient } from '${CLIENT}'`, REACT)
const useFetchOnly = await size(`export { useFetch, FerryProvider } from '@ferry/react'`, [...REACT, CLIENT])
const swr = await size(`export { default } from 'swr'`, REACT)

// Issue 11's app bundles (React external, everything else bundled): one query and one mutation, and the light
// hook. Ferry's own bytes are each app minus the same app without @ferry/react (the TanStack parts it uses and
// the client), so that they can be added to another client's size.
const QUERY_APP_TARGET = 14_500
const FETCH_APP_TARGET = 5_500
const tanstackParts = `export { QueryClient, QueryClientProvider, useQuery, useMutation, useQueryClient } from '${TANSTACK}'`
const queryApp = await size(
  `export { useApiQuery, useApiMutation } from '@ferry/react/query'\nexport { FerryProvider } from '@ferry/react'\nexport { createClient } from '${CLIENT}'\nexport { QueryClient, QueryClientProvider } from '${TANSTACK}'`,
  REACT,
)
const queryAppBase = await size(`${tanstackParts}\nexport { createClient } from '${CLIENT}'`, REACT)
const tanstackOnly = await size(tanstackParts, REACT)
const ofetchApp = await size(
  `export { QueryClient, QueryClientProvider, useQuery, useMutation } from '${TANSTACK}'\nexport { ofetch } from 'ofetch'`,
  REACT,
)
const fetchApp = await size(
  `export { useFetch, FerryProvider } from '@ferry/react'\nexport { createClient } from '${CLIENT}'`,
  REACT,
)
const swrApp = await size(
  `export { default as useSWR } from 'swr'\nexport const fetcher = (url) => fetch(url).then((r) => r.json())`,
  REACT,
)

const row = (bundle, includes, { min, gzip }) => ({ bundle, includes, min, 'min+gzip': gzip })
const rows = [
  row('@tanstack/react-query (all exports)', 'React, @ferry/client external', tanstack),
  row('  + @ferry/react (all exports)', 'React, @ferry/client external', withFerry),
  row('@ferry/react beyond TanStack (target)', 'difference of the two above', beyond),
  row('  the same, in an app bundle', 'difference, with React + TanStack + client bundled', inApp),
  row('@ferry/react alone (all exports)', 'React, TanStack, @ferry/client external', own),
  row('  its TanStack layer + QueryState', 'as above, without useFetch', tanstackLayer),
  row('useFetch + FerryProvider + @ferry/client', 'the whole client; React external', useFetchWithClient),
  row(
    '  useFetch + FerryProvider beyond the client',
    'difference with @ferry/client alone',
    minus(useFetchWithClient, clientAlone),
  ),
  row('  useFetch + FerryProvider alone', 'React, @ferry/client external', useFetchOnly),
  row('swr (useSWR)', 'React external', swr),
]
const queryOwn = minus(queryApp, queryAppBase)
const fetchOwn = minus(fetchApp, clientAlone)
const apps = [
  row('app: useApiQuery + useApiMutation + client + TanStack', `target ≤ ${QUERY_APP_TARGET}`, queryApp),
  row('  TanStack (useQuery, useMutation, QueryClient…) + ofetch', 'the peer app', ofetchApp),
  row('  @ferry/react own bytes in it', 'minus TanStack parts + client', queryOwn),
  row('  TanStack parts alone', 'QueryClient, Provider, useQuery, useMutation', tanstackOnly),
  row('app: useFetch + FerryProvider + client', `target ≤ ${FETCH_APP_TARGET}`, fetchApp),
  row('  SWR + plain fetch', 'the peer app', swrApp),
  row('  @ferry/react own bytes in it', 'minus the client', fetchOwn),
  row('@ferry/client createClient', 'this branch’s client', clientAlone),
]
console.log('\nApp bundles (esbuild minify, gzip -9, React external)\n')
console.log(table(apps, ['bundle', 'includes', 'min', 'min+gzip']))
const queryAppPass = queryApp.gzip <= QUERY_APP_TARGET
const fetchAppPass = fetchApp.gzip <= FETCH_APP_TARGET
console.log(
  `\nuseApiQuery + useApiMutation app: ${queryApp.gzip} B (target ≤ ${QUERY_APP_TARGET}): ${queryAppPass ? 'meets' : 'MISSES'};` +
    ` @ferry/react's own ${queryOwn.gzip} B + TanStack parts ${tanstackOnly.gzip} B + the client.` +
    ` With a 4,000 B client: about ${queryOwn.gzip + tanstackOnly.gzip + 4000} B.`,
)
console.log(
  `useFetch app: ${fetchApp.gzip} B (target ≤ ${FETCH_APP_TARGET}): ${fetchAppPass ? 'meets' : 'MISSES'};` +
    ` @ferry/react's own ${fetchOwn.gzip} B + the client's ${clientAlone.gzip} B. With a 4,000 B client: about ${fetchOwn.gzip + 4000} B.`,
)

console.log('\nSize (esbuild minify, gzip -9)\n')
console.log(table(rows, ['bundle', 'includes', 'min', 'min+gzip']))
const ownPass = beyond.gzip <= OWN_TARGET
const swrPass = useFetchWithClient.gzip < swr.gzip
console.log(
  `\n@ferry/react beyond TanStack: ${beyond.gzip} B (target ≤ ${OWN_TARGET}): ${ownPass ? 'meets' : 'MISSES'} the target` +
    ` (${inApp.gzip} B in an app bundle that already holds React, TanStack Query and @ferry/client).`,
)
console.log(
  `useFetch + client: ${useFetchWithClient.gzip} B vs SWR ${swr.gzip} B (ratio ${(useFetchWithClient.gzip / swr.gzip).toFixed(2)}): ${swrPass ? 'meets' : 'MISSES'} the target (smaller);` +
    ` useFetch + FerryProvider add ${useFetchWithClient.gzip - clientAlone.gzip} B to the client's ${clientAlone.gzip} B.`,
)
console.log(
  `results: ${writeResult('react-size', { apps, rows, beyond, inApp, ownPass, swrPass, queryAppPass, fetchAppPass })}`,
)

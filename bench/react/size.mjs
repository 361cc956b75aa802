// Size, bundled like bench/size.mjs (esbuild: bundle, minify, esm, platform browser, target es2022), then
// gzip level 9; react, react-dom and react/jsx-runtime are external everywhere (every contender needs them).
//   1. @ferry/react's own bytes beyond @tanstack/react-query: everything @ferry/react exports, bundled with
//      TanStack Query, minus TanStack Query alone (@ferry/client external: it is measured by bench/size.mjs).
//      Also @ferry/react alone with TanStack external, as size-limit would report it.
//   2. useFetch (with FerryProvider and the whole client it needs) against SWR's useSWR.
import { gzipSync } from 'node:zlib'
import * as esbuild from 'esbuild'
import { benchDir, ferryFromSource, table, writeResult } from './lib.mjs'

export const OWN_TARGET = 2000

async function size(contents, external = []) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: benchDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    write: false,
    legalComments: 'none',
    logLevel: 'error',
    external: ['react', 'react-dom', 'react/jsx-runtime', ...external],
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [ferryFromSource],
  })
  const code = result.outputFiles[0].contents
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length }
}

const tanstack = await size(`export * from '@tanstack/react-query'`, ['@ferry/client'])
const withFerry = await size(`export * from '@tanstack/react-query'\nexport * from '@ferry/react'`, [
  '@ferry/client',
])
const own = await size(`export * from '@ferry/react'`, ['@ferry/client', '@tanstack/react-query'])
const tanstackLayer = await size(
  `export { apiQuery, useApiQuery, usePaginatedQuery, useInfiniteApiQuery, useApiMutation, toViewState, QueryState, FerryProvider, describeError } from '@ferry/react'`,
  ['@ferry/client', '@tanstack/react-query'],
)
const useFetchWithClient = await size(
  `export { useFetch, FerryProvider } from '@ferry/react'\nexport { createClient } from '@ferry/client'`,
)
const useFetchOnly = await size(`export { useFetch, FerryProvider } from '@ferry/react'`, ['@ferry/client'])
const swr = await size(`export { default } from 'swr'`)

const beyond = { min: withFerry.min - tanstack.min, gzip: withFerry.gzip - tanstack.gzip }
const rows = [
  { bundle: '@tanstack/react-query (all exports)', min: tanstack.min, 'min+gzip': tanstack.gzip },
  { bundle: '  + @ferry/react (all exports)', min: withFerry.min, 'min+gzip': withFerry.gzip },
  { bundle: '@ferry/react beyond TanStack (difference)', min: beyond.min, 'min+gzip': beyond.gzip },
  { bundle: '@ferry/react alone, TanStack external', min: own.min, 'min+gzip': own.gzip },
  {
    bundle: '  its TanStack layer + QueryState (no useFetch)',
    min: tanstackLayer.min,
    'min+gzip': tanstackLayer.gzip,
  },
  {
    bundle: 'useFetch + FerryProvider + @ferry/client',
    min: useFetchWithClient.min,
    'min+gzip': useFetchWithClient.gzip,
  },
  {
    bundle: '  useFetch + FerryProvider, client external',
    min: useFetchOnly.min,
    'min+gzip': useFetchOnly.gzip,
  },
  { bundle: 'swr (useSWR)', min: swr.min, 'min+gzip': swr.gzip },
]
console.log('\nSize (esbuild minify, gzip -9; react external)\n')
console.log(table(rows, ['bundle', 'min', 'min+gzip']))
const ownPass = beyond.gzip <= OWN_TARGET
const swrPass = useFetchWithClient.gzip < swr.gzip
console.log(
  `\n@ferry/react beyond TanStack: ${beyond.gzip} B (target ≤ ${OWN_TARGET}): ${ownPass ? 'meets' : 'MISSES'} the target.`,
)
console.log(
  `useFetch + client: ${useFetchWithClient.gzip} B vs SWR ${swr.gzip} B (ratio ${(useFetchWithClient.gzip / swr.gzip).toFixed(2)}): ${swrPass ? 'meets' : 'MISSES'} the target (smaller).`,
)
console.log(`results: ${writeResult('react-size', { rows, beyond, ownPass, swrPass })}`)

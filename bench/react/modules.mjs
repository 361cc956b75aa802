// @ferry/react's own bytes per module, in the two apps of issue 11 (peers external: React, TanStack Query,
// @ferry/client). esbuild's `bytesInOutput` is minified bytes before gzip; the total is also given gzipped.
import { gzipSync } from 'node:zlib'
import { bundleForSize, table } from './lib.mjs'

const external = ['react', 'react-dom', 'react/jsx-runtime', '@ferry/client', '@tanstack/react-query']
const apps = {
  'useApiQuery + useApiMutation': `export { useApiQuery, useApiMutation } from '@ferry/react/query'\nexport { FerryProvider } from '@ferry/react'`,
  'useFetch + FerryProvider': `export { useFetch, FerryProvider } from '@ferry/react'`,
}

for (const [app, contents] of Object.entries(apps)) {
  const result = await bundleForSize(contents, external, { metafile: true })
  const code = result.outputFiles[0].contents
  const [output] = Object.values(result.metafile.outputs)
  const rows = Object.entries(output.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .map(([file, { bytesInOutput }]) => ({ module: file.replace(/.*src\//, ''), min: bytesInOutput }))
  rows.push({ module: `total (min+gzip ${gzipSync(code, { level: 9 }).length})`, min: code.length })
  console.log(`\n${app} (peers external)\n`)
  console.log(table(rows, ['module', 'min']))
}

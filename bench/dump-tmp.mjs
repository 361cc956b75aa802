import * as esbuild from 'esbuild'
import { ferryFromSource } from '/work/main/bench/lib.mjs'
import { gzipSync } from 'node:zlib'
const r = await esbuild.build({ entryPoints: ['/work/main/bench/entries/ferry.js'], bundle: true, minifySyntax: true, minifyIdentifiers: true, minifyWhitespace: process.argv[2]==='min', format: 'esm', platform: 'browser', target: 'es2022', write: false, legalComments: 'none', plugins: [ferryFromSource] })
const t = r.outputFiles[0].text
console.error(t.length, gzipSync(t, {level: 9}).length)
process.stdout.write(t)

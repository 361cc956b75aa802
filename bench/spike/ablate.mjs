// What each feature of the size spike (core.js) costs, and what is left with none of them:
//   node bench/spike/ablate.mjs [--bare <file>]
// `--bare <file>` also writes the spike without any region to <file>, for `node bench/floor-ratio.mjs <file>`.
// Each row removes every `//#region <name>` … `//#endregion` block of that name from core.js, bundles
// `createClient().get(url)` as bench/size.mjs does (esbuild: minify, esm, browser, es2022; gzip -9) and reports the
// difference. "message text" empties every string or template part with a space in it (error and TypeError
// wording; media types kept), found with TypeScript's parser.
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import * as esbuild from 'esbuild'
import ts from 'typescript'
import { bytes, SIZE_BUILD, table, writeResult } from '../lib.mjs'

const dir = dirname(fileURLToPath(import.meta.url))
const source = readFileSync(join(dir, 'core.js'), 'utf8')
const names = [...new Set([...source.matchAll(/\/\/#region (\S+)/g)].map((match) => match[1]))]

const without = (code, name) =>
  code.replace(new RegExp(`[ \\t]*//#region ${name}\\n[\\s\\S]*?//#endregion\\n`, 'g'), '')

async function minified(code) {
  const result = await esbuild.build({
    ...SIZE_BUILD,
    stdin: {
      contents: "import { createClient } from 'spike'\nexport const run = (url) => createClient().get(url)",
    },
    // The variant is its own module, so what the entry does not use is dropped, as from @ferry/client.
    plugins: [
      {
        name: 'spike',
        setup(build) {
          build.onResolve({ filter: /^spike$/ }, () => ({
            path: 'core.js',
            namespace: 'spike',
            sideEffects: false,
          }))
          build.onLoad({ filter: /.*/, namespace: 'spike' }, () => ({ contents: code, loader: 'js' }))
        },
      },
    ],
  })
  return result.outputFiles[0].text
}

const gzip = (text) => gzipSync(text, { level: 9 }).length

/** The bundle with every literal that reads as wording emptied (a literal's quotes or template delimiters stay). */
function withoutMessages(text) {
  const file = ts.createSourceFile('bundle.js', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS)
  const cuts = []
  const visit = (node) => {
    const literal =
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    if (literal && / /.test(node.text) && !/^(application|multipart|text)\//.test(node.text)) {
      const start = node.getStart(file)
      // Keep the delimiters: a quote or `` ` `` or `}` before, a quote or `` ` `` or `${` after.
      const close = ts.isTemplateHead(node) || ts.isTemplateMiddle(node) ? 2 : 1
      cuts.push([start + 1, node.getEnd() - close])
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  let out = text
  for (const [from, to] of cuts.sort((a, b) => b[0] - a[0])) out = out.slice(0, from) + out.slice(to)
  return out
}

const full = await minified(source)
const base = gzip(full)
const rows = [['spike, every feature', bytes(base), '']]
for (const name of names) {
  const size = gzip(await minified(without(source, name)))
  rows.push([`without ${name}`, bytes(size), `${bytes(size - base)}`])
}
// The regions that DESIGN.md ("Architecture (0.2)", "One request, in order") puts in the core every call pays for:
// the Retry-After and rate-limit headers, the safe error-body read, the URL and credential rules, and the bodies it
// lists. The others are steps there (events, `unwrap`, auth and the other steps' wiring, `stream`), or options
// that later issues added to the core (schema, the controls and hooks of ky and ofetch).
const DESIGN_CORE = new Set([
  'async-iterable-bodies',
  'form-data-warning',
  'error-body-cap',
  'problem-json',
  'http-date',
  'ratelimit-reset',
  'url-checks',
  'trusted-origins',
])
let designCore = source
for (const name of names) if (!DESIGN_CORE.has(name)) designCore = without(designCore, name)
const designText = await minified(designCore)
rows.push(["DESIGN.md's core alone", bytes(gzip(designText)), bytes(gzip(designText) - base)])
rows.push([
  "DESIGN.md's core alone, no message text",
  bytes(gzip(withoutMessages(designText))),
  bytes(gzip(withoutMessages(designText)) - base),
])
let bare = source
for (const name of names) bare = without(bare, name)
const bareFile = process.argv.indexOf('--bare')
if (bareFile > 0) writeFileSync(process.argv[bareFile + 1], bare)
const bareText = await minified(bare)
const bareSize = gzip(bareText)
rows.push(['without every region', bytes(bareSize), bytes(bareSize - base)])
rows.push([
  'spike, every feature, no message text',
  bytes(gzip(withoutMessages(full))),
  bytes(gzip(withoutMessages(full)) - base),
])
rows.push([
  'without every region, no message text',
  bytes(gzip(withoutMessages(bareText))),
  bytes(gzip(withoutMessages(bareText)) - base),
])
const columns = ['createClient().get(url) from the spike', 'min+gzip B', 'vs every feature B']
console.log(table(columns, rows))
const result = rows.map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i]])))
console.log(`results: ${writeResult('size-spike', { rows: result })}`)

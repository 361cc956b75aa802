#!/usr/bin/env node
// Type-checks every ```ts and ```tsx block of the documentation, so that no example rots: README.md,
// CONTRIBUTING.md, packages/*/README.md, apps/*/README.md and docs/**/*.md. Part of `pnpm typecheck`.
//
// Each block becomes its own module in docs/.check/ (gitignored), preceded by the file's `<!-- ts-prelude … -->`
// comment (imports and declarations a reader need not see), and all of them are compiled by one `tsc --noEmit`:
// strict, the repository's base options, `@ferry/*` mapped to the packages' sources, React JSX, DOM and Node
// types. Third-party imports resolve from docs/node_modules (docs/package.json lists what the examples use).
// A block placed right after `<!-- ts-standalone -->` gets no prelude (for a block that itself defines what the
// prelude declares, such as the module that creates the client). Errors are reported at their markdown line:
// `docs/guide.md:42:7 - error TS2304: …`.
//
//   node scripts/check-docs.mjs [file.md …]      (default: every documentation file)
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = join(root, 'docs/.check')
const languages = { ts: 'ts', typescript: 'ts', tsx: 'tsx' }

/** Markdown files under `dir` (recursively when asked), skipping dependencies and generated folders. */
function markdownIn(dir, recursive) {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      return recursive && !['node_modules', '.check'].includes(entry.name) ? markdownIn(path, true) : []
    }
    return entry.name.endsWith('.md') ? [path] : []
  })
}

function documentationFiles() {
  const readmes = (parent) =>
    existsSync(join(root, parent))
      ? readdirSync(join(root, parent)).map((name) => join(root, parent, name, 'README.md'))
      : []
  return [
    join(root, 'README.md'),
    join(root, 'CONTRIBUTING.md'),
    ...readmes('packages'),
    ...readmes('apps'),
    ...markdownIn(join(root, 'docs'), true),
  ].filter((file) => existsSync(file))
}

/**
 * The checked blocks of one markdown file, and its prelude: `{ prelude: { line, text }, blocks: [{ line, lang,
 * text }] }`, where `line` is the 1-based markdown line of the first line of code.
 */
export function extract(markdown) {
  const lines = markdown.split('\n')
  const blocks = []
  const prelude = { line: 0, text: '' }
  let fence = null
  let standalone = false
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]
    if (fence) {
      if (line.trim() === fence.marker) {
        if (fence.lang) {
          blocks.push({
            line: fence.start,
            lang: fence.lang,
            text: fence.body.join('\n'),
            standalone: fence.standalone,
          })
        }
        fence = null
      } else fence.body.push(line)
      continue
    }
    const open = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(line)
    if (open) {
      fence = { marker: open[1], lang: languages[open[2].toLowerCase()], start: i + 2, body: [], standalone }
      standalone = false
      continue
    }
    if (line.trim() === '<!-- ts-standalone -->') standalone = true
    if (line.trim().startsWith('<!-- ts-prelude')) {
      const body = []
      let j = i + 1
      while (j < lines.length && !lines[j].includes('-->')) {
        body.push(lines[j])
        j += 1
      }
      if (prelude.text) throw new Error(`line ${i + 1}: a second ts-prelude (put everything in one)`)
      Object.assign(prelude, { line: i + 2, text: body.join('\n') })
      i = j
    }
  }
  return { prelude, blocks }
}

/** `paths` for every package's public entry points, mapped from `exports` (dist/x.js) to the source (src/x.ts). */
function packagePaths() {
  const paths = {}
  for (const dir of readdirSync(join(root, 'packages'))) {
    const manifestFile = join(root, 'packages', dir, 'package.json')
    if (!existsSync(manifestFile)) continue
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const file = typeof target === 'string' ? target : (target?.import ?? target?.default)
      if (subpath === './package.json' || typeof file !== 'string') continue
      const stem = file.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '')
      const source = ['.ts', '.tsx']
        .map((ext) => join('packages', dir, stem + ext))
        .find((f) => existsSync(join(root, f)))
      if (source) paths[manifest.name + subpath.slice(1)] = [relative(out, join(root, source))]
    }
  }
  return paths
}

const files =
  process.argv.slice(2).length > 0 ? process.argv.slice(2).map((f) => resolve(f)) : documentationFiles()
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

// Generated file name → where its lines came from.
const origin = new Map()
let count = 0
for (const file of files) {
  const markdown = relative(root, file)
  const { prelude, blocks } = extract(readFileSync(file, 'utf8'))
  const slug = markdown.replace(/[^\w]+/g, '_')
  const preludeLines = prelude.text ? prelude.text.split('\n').length : 0
  for (const block of blocks) {
    const name = `${slug}__${block.line}.${block.lang}`
    const withPrelude = prelude.text && !block.standalone
    writeFileSync(join(out, name), withPrelude ? `${prelude.text}\n${block.text}\n` : `${block.text}\n`)
    origin.set(name, { markdown, prelude, preludeLines: withPrelude ? preludeLines : 0, block })
    count += 1
  }
}

writeFileSync(
  join(out, 'tsconfig.json'),
  `${JSON.stringify(
    {
      extends: '../../tsconfig.base.json',
      compilerOptions: {
        noEmit: true,
        declaration: false,
        declarationMap: false,
        sourceMap: false,
        jsx: 'react-jsx',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        types: ['node'],
        // Each block is a module of its own, with or without imports.
        moduleDetection: 'force',
        paths: packagePaths(),
      },
      include: ['*.ts', '*.tsx'],
    },
    null,
    2,
  )}\n`,
)

if (count === 0) {
  console.log(`check-docs: no ts/tsx blocks in ${files.length} files`)
  process.exit(0)
}
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const result = spawnSync(process.execPath, [tsc, '-p', join(out, 'tsconfig.json'), '--pretty', 'false'], {
  cwd: root,
  encoding: 'utf8',
})

/** Rewrites `docs/.check/<block>(line,col): error …` to the markdown file and line it came from. */
function toMarkdown(text) {
  return text.replace(/^(\S[^(\n]*)\((\d+),(\d+)\): /gm, (whole, file, line, col) => {
    const from = origin.get(basename(file))
    if (!from || !resolve(root, file).startsWith(out)) return whole
    const n = Number(line)
    if (n <= from.preludeLines) {
      return `${from.markdown}:${from.prelude.line + n - 1}:${col} (ts-prelude, in the block at line ${from.block.line}) - `
    }
    return `${from.markdown}:${from.block.line + n - from.preludeLines - 1}:${col} - `
  })
}

/** A prelude error repeats in every block of its file: say it once, with the number of blocks. */
function dedupe(text) {
  const seen = new Map()
  const lines = []
  for (const line of text.split('\n')) {
    const key = line.replace(/ \(ts-prelude, in the block at line \d+\)/, ' (ts-prelude)')
    if (key === line) lines.push(line)
    else if (seen.has(key)) seen.set(key, seen.get(key) + 1)
    else {
      seen.set(key, 1)
      lines.push(key)
    }
  }
  return lines.map((line) => (seen.get(line) > 1 ? `${line} [in ${seen.get(line)} blocks]` : line)).join('\n')
}

const output = dedupe(toMarkdown(`${result.stdout}${result.stderr}`.trim()))
if (result.status !== 0) {
  console.error(output || `tsc exited with ${result.status}`)
  const errors = (output.match(/error TS\d+/g) ?? []).length
  console.error(
    `\ncheck-docs: ${errors} error(s) in the ${count} code blocks of ${files.length} markdown files`,
  )
  process.exit(1)
}
console.log(`check-docs: ${count} code blocks in ${files.length} markdown files type-check`)

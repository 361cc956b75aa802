import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const src = import.meta.dirname

/** The package's modules compiled as `tsc` would (one file each), into a folder inside the package. */
function compile(): string {
  const out = mkdtempSync(join(src, '..', '.server-import-'))
  for (const file of readdirSync(src)) {
    if (!/\.tsx?$/.test(file) || /\.test(-d)?\.tsx?$/.test(file)) continue
    const { outputText } = ts.transpileModule(readFileSync(join(src, file), 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        jsx: ts.JsxEmit.ReactJSX,
        verbatimModuleSyntax: true,
      },
    })
    writeFileSync(join(out, file.replace(/\.tsx?$/, '.js')), outputText)
  }
  return out
}

describe('apiQuery on a React Server Component’s server', () => {
  it('imports and runs under the react-server condition, where React has no hooks', () => {
    const out = compile()
    try {
      writeFileSync(
        join(out, 'check.mjs'),
        `import { apiQuery, apiQueryKey } from './api-query.js'
const api = { options: { baseUrl: 'https://api.test' }, request: async (method, path) => ({ method, path }) }
const query = apiQuery(api, '/orders', { query: { page: 1 } })
const data = await query.queryFn({ signal: new AbortController().signal, queryKey: query.queryKey, client: {} })
console.log(JSON.stringify({ path: apiQueryKey(api, '/orders')[0], query: query.queryKey[1].query, data }))`,
      )
      const printed = execFileSync(process.execPath, ['--conditions=react-server', join(out, 'check.mjs')], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      expect(JSON.parse(printed)).toEqual({
        path: '/orders',
        query: { page: 1 },
        data: { method: 'GET', path: '/orders' },
      })
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})

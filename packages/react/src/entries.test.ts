import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const source = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8')
const importsOf = (code: string) =>
  [...code.matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)].map((m) => m[1] ?? '')

/** Every module `entry` loads (relative imports followed), with the packages each one imports. */
function graph(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    const imports = importsOf(source(file))
    seen.set(file, imports)
    for (const target of imports)
      if (target.startsWith('./')) visit(target.replace(/\.js$/, existsAs(target.replace(/\.js$/, ''))))
  }
  visit(entry)
  return seen
}
const existsAs = (stem: string) => {
  for (const ext of ['.ts', '.tsx'])
    try {
      source(stem + ext)
      return ext
    } catch {}
  throw new Error(`no module ${stem}`)
}

describe('entry points', () => {
  it('@ferry/react (useFetch, <QueryState>, the provider) imports nothing from TanStack Query', () => {
    const modules = graph('./index.ts')
    expect(modules.size).toBeGreaterThan(5)
    for (const [file, imports] of modules)
      expect([file, imports.filter((i) => i.includes('tanstack'))]).toEqual([file, []])
  })

  it("marks every module with hooks or components 'use client', and the entries and apiQuery not", () => {
    const hooks = [
      'use-fetch.ts',
      'provider.tsx',
      'query-state.tsx',
      'use-api-query.ts',
      'use-api-mutation.ts',
      'use-retrying.ts',
    ]
    for (const file of [
      ...hooks,
      'use-paginated-query.ts',
      'use-infinite-api-query.ts',
      'use-suspense-api-query.ts',
    ])
      expect([file, source(`./${file}`).startsWith("'use client'\n")]).toEqual([file, true])
    // A server component can build query options and prefetch with them.
    for (const file of [
      'index.ts',
      'query.ts',
      'api-query.ts',
      'retry-store.ts',
      'describe-error.ts',
      'view-state.ts',
    ])
      expect([file, source(`./${file}`).includes("'use client'")]).toEqual([file, false])
  })
})

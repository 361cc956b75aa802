// What a published tarball must be, as checks: its shape (files in, files out, a manifest with no workspace
// ranges and a complete `exports`), then publint and @arethetypeswrong/cli on the tarball itself.
import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { root } from './pack.mjs'

const bin = (name) => join(root, 'node_modules/.bin', name)
const forbidden = [
  [/\.tsbuildinfo$/, 'TypeScript build info'],
  [/\.(test|test-d|stories)\.[cm]?[jt]sx?$/, 'a test or story'],
  [/(^|\/)test-support\//, 'test support'],
  [/(^|\/)__tests__\//, 'a test'],
]

/** The exports map's leaves, with the conditions that lead to each: `[subpath, conditions]`. */
function exportEntries(exports) {
  if (typeof exports === 'string') return [['.', { default: exports }]]
  return Object.entries(exports).filter(([subpath]) => subpath !== './package.json')
}

/** Throws a message naming every problem of the tarball's contents and manifest. */
export function checkShape(packed) {
  const problems = []
  const paths = new Set(packed.entries.map((e) => e.path))
  for (const required of ['package.json', 'README.md', 'LICENSE']) {
    if (!paths.has(required)) problems.push(`${required} is missing (each package ships its own)`)
  }
  if (![...paths].some((p) => p.startsWith('dist/') && p.endsWith('.js')))
    problems.push('no dist/*.js: did prepack build?')
  for (const path of paths) {
    for (const [pattern, what] of forbidden) if (pattern.test(path)) problems.push(`${path} is ${what}`)
  }
  const manifest = JSON.parse(
    execFileSync('tar', ['xzf', packed.file, '-O', 'package/package.json'], { encoding: 'utf8' }),
  )
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${field}.${dep} is "${range}"`)
    }
  }
  if (!manifest.exports) problems.push('no "exports" map')
  for (const [subpath, target] of exportEntries(manifest.exports ?? {})) {
    const keys = typeof target === 'object' && target ? Object.keys(target) : []
    for (const condition of ['types', 'import', 'default']) {
      if (!keys.includes(condition)) problems.push(`exports["${subpath}"] has no "${condition}" condition`)
    }
    if (keys[0] !== 'types') problems.push(`exports["${subpath}"]: "types" must come first`)
    for (const file of Object.values(target ?? {})) {
      if (typeof file === 'string' && !paths.has(file.replace(/^\.\//, ''))) {
        problems.push(`exports["${subpath}"] points at ${file}, which is not in the tarball`)
      }
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'))
}

/** Runs a linter on the tarball; throws with its output when it reports a problem. */
function lint(command, args) {
  const result = spawnSync(bin(command), args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  const output = `${result.stdout}${result.stderr}`.trim()
  if (result.status !== 0) throw new Error(output)
  return output
}

/** publint, with warnings as errors. */
export const publint = (packed) => lint('publint', ['run', packed.file, '--strict'])

/**
 * @arethetypeswrong/cli with the esm-only profile: the packages are ES modules only on purpose (see
 * CONTRIBUTING.md), so `require()` from CommonJS under TypeScript's node16 resolution is not a target; every
 * other resolution (node10, node16 from ESM, bundler) must be clean.
 */
export const attw = (packed) => lint('attw', [packed.file, '--profile', 'esm-only', '--format', 'ascii'])

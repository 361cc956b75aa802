// Packs every publishable package under packages/ the way a maintainer publishes it (`pnpm pack`, which runs
// `prepack` and rewrites `workspace:` ranges), and lists what each tarball holds. New packages are picked up
// without edits: anything in packages/*/ with a package.json that is not private.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../..', import.meta.url))

/** The publishable packages: `{ name, version, dir }` for each packages/<dir>/package.json not marked private. */
export function publishablePackages() {
  const base = join(root, 'packages')
  return readdirSync(base)
    .map((entry) => join(base, entry))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ name: manifest.name, version: manifest.version, dir }))
}

/** pnpm as the test command was started with (`npm_execpath` under `pnpm test`), else the one on PATH. */
function pnpm(args, cwd) {
  const execpath = process.env.npm_execpath
  const [command, prefix] = execpath && /pnpm/.test(execpath) ? [process.execPath, [execpath]] : ['pnpm', []]
  return spawnSync(command, [...prefix, ...args], { cwd, encoding: 'utf8' })
}

/**
 * Packs one package into `destination`; resolves the tarball's path and entries (`path`, `size` in bytes),
 * or throws with pnpm's output when packing (or the build it runs first) fails.
 */
export function pack(pkg, destination) {
  mkdirSync(destination, { recursive: true })
  const file = join(destination, `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`)
  const result = pnpm(['pack', '--pack-destination', destination], pkg.dir)
  if (result.status !== 0 || !existsSync(file)) {
    // pnpm does not pass on what the prepack build printed; the build alone says why it failed.
    const build = spawnSync(process.execPath, [join(root, 'scripts/build-package.mjs')], {
      cwd: pkg.dir,
      encoding: 'utf8',
    })
    throw new Error(
      `pnpm pack failed in ${pkg.dir}:\n${result.stdout}\n${result.stderr}\n` +
        `Its build (scripts/build-package.mjs) says:\n${build.stdout}${build.stderr}`,
    )
  }
  // `tar tzvf` columns: mode owner size date time path.
  const entries = execFileSync('tar', ['tzvf', file], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map((cols) => ({
      path: cols
        .slice(5)
        .join(' ')
        .replace(/^package\//, ''),
      size: Number(cols[2]),
    }))
  return { ...pkg, file, bytes: statSync(file).size, entries }
}

// The consumer test: a fresh Vite + React + TypeScript app outside the workspace, with the packed tarballs
// installed by npm as a user would, type-checked (strict, skipLibCheck off), built with Vite, and its components
// rendered to success by Vitest + jsdom against a real server on 127.0.0.1; once per React major. The app's
// files are in ./consumer-app; this module writes its package.json.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Where the app imports the TanStack Query hooks (`useApiQuery`, `apiQuery`) from. The one place to change if
 * they move to a subpath such as '@ferry/react/query'.
 */
export const QUERY_HOOKS_IMPORT = '@ferry/react/query'

const template = new URL('./consumer-app', import.meta.url).pathname

// Exact versions, so that a run tests Ferry and nothing else that moved. TypeScript 5.9 on React 18 and 6.0 on
// React 19 covers both compilers users have.
const shared = {
  '@tanstack/react-query': '5.108.0',
  '@testing-library/dom': '10.4.2',
  '@testing-library/react': '16.3.3',
  '@types/node': '20.19.43',
  '@vitejs/plugin-react': '6.3.0',
  jsdom: '29.0.1',
  vite: '8.3.8',
  vitest: '4.1.12',
}
export const reactSetups = [
  {
    major: '19',
    deps: {
      react: '19.3.1',
      'react-dom': '19.3.1',
      '@types/react': '19.3.0',
      '@types/react-dom': '19.3.0',
      typescript: '6.0.3',
    },
  },
  {
    major: '18',
    deps: {
      react: '18.3.1',
      'react-dom': '18.3.1',
      '@types/react': '18.3.32',
      '@types/react-dom': '18.3.7',
      typescript: '5.9.3',
    },
  },
]

/** npm without the npm_* settings pnpm puts in the environment of `pnpm test` (they are pnpm's, not npm's). */
function cleanEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)))
  return { ...env, ...extra }
}

/** Runs a command in the app; throws with the tail of its output when it fails. */
export function exec(app, command, args, extraEnv) {
  const result = spawnSync(command, args, { cwd: app, encoding: 'utf8', env: cleanEnv(extraEnv) })
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim()
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.status ?? result.signal}:\n${output.slice(-4000)}`,
    )
  }
  return output
}

/** Creates the app for one React setup in a fresh temp dir; returns its path. Installs nothing yet. */
export function createApp(setup, tarballs) {
  const app = mkdtempSync(join(tmpdir(), `ferry-consumer-react${setup.major}-`))
  cpSync(template, app, { recursive: true })
  const ferry = Object.fromEntries(tarballs.map((t) => [t.name, `file:${t.file}`]))
  const manifest = {
    name: `ferry-consumer-react${setup.major}`,
    private: true,
    type: 'module',
    dependencies: { ...ferry, ...shared, ...setup.deps },
  }
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  writeFileSync(
    join(app, 'src/query-hooks.ts'),
    `// Written by scripts/packaging/consumer.mjs (QUERY_HOOKS_IMPORT).\nexport { apiQuery, useApiQuery } from '${QUERY_HOOKS_IMPORT}'\n`,
  )
  return app
}

export const install = (app) =>
  exec(app, 'npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    '--loglevel=error',
    '--no-package-lock',
  ])

export const typecheck = (app) => exec(app, join(app, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'])

/** `vite build`, then checks that it wrote a page and a script. */
export function build(app) {
  exec(app, join(app, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'])
  const assets = existsSync(join(app, 'dist/assets')) ? readdirSync(join(app, 'dist/assets')) : []
  if (!existsSync(join(app, 'dist/index.html')) || !assets.some((f) => f.endsWith('.js'))) {
    throw new Error(`vite build wrote no dist/index.html or dist/assets/*.js in ${app}`)
  }
}

/** Vitest in the app; returns each test's name and whether it passed (and why not). */
export function renderTests(app, setup) {
  const report = join(app, 'vitest-report.json')
  const result = spawnSync(
    join(app, 'node_modules/.bin/vitest'),
    ['run', '--reporter=json', `--outputFile=${report}`],
    { cwd: app, encoding: 'utf8', env: cleanEnv({ FERRY_REACT_MAJOR: setup.major }) },
  )
  if (!existsSync(report)) throw new Error(`vitest wrote no report:\n${result.stdout}${result.stderr}`)
  const parsed = JSON.parse(readFileSync(report, 'utf8'))
  const tests = parsed.testResults.flatMap((file) =>
    file.assertionResults.map((t) => ({
      name: t.title,
      passed: t.status === 'passed',
      message: (t.failureMessages ?? []).join('\n'),
    })),
  )
  if (tests.length === 0 || (result.status !== 0 && tests.every((t) => t.passed))) {
    throw new Error(`vitest failed outside any test:\n${result.stdout}${result.stderr}`.slice(-4000))
  }
  return tests
}

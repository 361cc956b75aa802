// `pnpm bench`: runs every benchmark in its own node process (fresh heap and JIT), one after the other, then
// @ferry/react's (bench/react/run.mjs) when present, then prints one summary of the client's figures from
// bench/results/*.json. Exits non-zero only when a benchmark crashes, or with --strict when Ferry misses a target.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as esbuild from 'esbuild'
import {
  benchDir,
  bytes,
  ferryFromSource,
  machine,
  pairedText,
  ratio,
  resultsDir,
  table,
  verdict,
  writeResult,
} from './lib.mjs'

const strict = process.argv.includes('--strict')
const started = performance.now()
const failures = []

function run(label, args, cwd = benchDir) {
  console.log(`\n# ${label}: node ${args.join(' ')}`)
  const { status, signal } = spawnSync(process.execPath, args, { cwd, stdio: 'inherit' })
  if (status !== 0) failures.push(`${label} exited with ${status ?? signal}`)
}

run('size', ['size.mjs'])
// What the core would weigh rewritten for size, and without each feature (bench/spike): why the size target is missed.
run('size spike', [join('spike', 'ablate.mjs')])
run('overhead', ['overhead.mjs'])

// Another helper's benchmark; TypeScript, so bundled first (Node 20 cannot run .ts).
const streamMemory = join(benchDir, 'stream-memory.ts')
if (existsSync(streamMemory)) {
  // Inside bench/ (results/ is gitignored) so that its package imports resolve from bench/node_modules.
  const outfile = join(resultsDir, '.build', 'stream-memory.mjs')
  await esbuild.build({
    entryPoints: [streamMemory],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    plugins: [ferryFromSource],
    outfile,
    logLevel: 'error',
  })
  run('stream memory', ['--expose-gc', outfile])
}

// @ferry/webhooks' benchmark (verifications per second beside node's createHmac; the Redis claim round trip).
if (existsSync(join(benchDir, 'webhooks', 'run.mjs'))) run('webhooks', [join('webhooks', 'run.mjs')])

// @ferry/react's benchmarks (another workspace package, bench/react), so that `pnpm bench` runs everything.
const reactBench = join(benchDir, 'react')
if (existsSync(join(reactBench, 'run.mjs'))) run('react', ['run.mjs'], reactBench)

const read = (name) => {
  const file = join(resultsDir, `${name}.json`)
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined
}
const size = read('size')
const overhead = read('overhead')
const m = machine()

console.log(`\n# Summary — ${m.date.slice(0, 10)}, Node ${m.node}, ${m.cores} cores (${m.cpu})\n`)
const targets = []
if (size) {
  targets.push([
    'size, min+gzip of createClient().get(url)',
    `${bytes(size.ferry.gzip)} B`,
    '≤ 4,000 B',
    verdict(size.target.ok),
  ])
  targets.push([
    'tree-shaking (+ circuitBreaker, rateLimit, bearer, hooks, observe)',
    `+${bytes(size.treeShaking.deltaGzip)} B; ${size.treeShaking.leakedModules.length} leaked`,
    '0 leaked',
    verdict(size.treeShaking.ok),
  ])
}
const ferryRow = (run) => run.rows.find((r) => r.name === 'ferry')
for (const key of ['stub', 'loopback']) {
  const result = overhead?.[key]
  const ferry = result && ferryRow(result)
  if (ferry && result.vsFloor) {
    targets.push([
      `overhead, ${result.label} (× the floor)`,
      `${pairedText(result.vsFloor)}; CPU ${ratio(result.vsFloor.cpuRatio)}; ${ratio(ferry.ratio)} raw fetch`,
      `≤ ${ratio(result.target)}`,
      verdict(result.vsFloor.ratio <= result.target),
    ])
    targets.push([
      `overhead, ${result.label}, timeout: false (× raw fetch + request id)`,
      `${pairedText(result.noTimeoutVsRawWithId)}; CPU ${ratio(result.noTimeoutVsRawWithId.cpuRatio)}`,
      `≤ ${ratio(result.noTimeoutTarget)}`,
      verdict(result.noTimeoutVsRawWithId.ratio <= result.noTimeoutTarget),
    ])
  }
}
console.log(table(['Ferry', 'measured', 'target', 'result'], targets))

if (size || overhead) {
  const names = [
    'ferry',
    'ferry, timeout: false',
    'floor',
    'raw + request id',
    'raw',
    'ofetch',
    'ky',
    'wretch',
    'up-fetch',
    'axios',
  ]
  const gzip = (name) => (name === 'ferry' ? size?.ferry.gzip : size?.peers[name]?.gzip)
  const over = (key, name) => overhead?.[key]?.rows.find((r) => r.name === name)
  const cell = (row) => (row ? `${ratio(row.ratio)} (${row.medianUs.toFixed(1)} µs)` : '—')
  const cpu = (row) => (row ? ratio(row.cpuRatio) : '—')
  console.log('')
  console.log(
    table(
      [
        'library',
        'min+gzip B',
        'stub × raw (µs/req)',
        'stub CPU × raw',
        'loopback × raw (µs/req)',
        'loopback CPU × raw',
      ],
      names.map((name) => [
        name === 'raw' ? 'raw fetch' : name,
        gzip(name) === undefined ? '—' : bytes(gzip(name)),
        cell(over('stub', name)),
        cpu(over('stub', name)),
        cell(over('loopback', name)),
        cpu(over('loopback', name)),
      ]),
    ),
  )
}

const missed = targets.filter((row) => row[3] !== 'PASS').length
writeResult('summary', {
  seconds: (performance.now() - started) / 1000,
  targets: targets.map(([name, measured, target, result]) => ({ name, measured, target, result })),
  failures,
})
console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s; results in bench/results/*.json`)
// The figures in bench/README.md come from this run's results.
run('readme', ['write-readme.mjs'])
for (const failure of failures) console.error(`FAILED: ${failure}`)
if (failures.length > 0 || (strict && missed > 0)) process.exit(1)

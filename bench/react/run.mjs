// Runs the @ferry/react benchmarks, each in its own node process: size, renders, memory (with --expose-gc).
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { benchDir } from './lib.mjs'

let failed = false
for (const [script, flags] of [
  ['size.mjs', []],
  ['renders.mjs', []],
  ['memory.mjs', ['--expose-gc']],
]) {
  const { status } = spawnSync(process.execPath, [...flags, join(benchDir, script)], { stdio: 'inherit' })
  if (status !== 0) {
    console.error(`${script} exited with ${status}`)
    failed = true
  }
}
process.exit(failed ? 1 : 0)

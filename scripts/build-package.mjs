#!/usr/bin/env node
// Builds the package in the current directory from scratch: `prepack` runs it, so `pnpm pack` (and
// `changeset publish`) always ship a fresh dist/. Removing dist/ first matters: tsc never deletes the output of a
// module that no longer exists, and its build info lives in dist/, so a stale file would otherwise ship.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createRequire } from 'node:module'

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
rmSync('dist', { recursive: true, force: true })
const { status } = spawnSync(process.execPath, [tsc, '-b'], { stdio: 'inherit' })
process.exit(status ?? 1)

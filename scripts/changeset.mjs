#!/usr/bin/env node
// `pnpm changeset …`: @changesets/cli 3's own bin calls `module.enableCompileCache()`, which Node 20 lacks
// (it needs Node 22), and crashes before doing anything. The CLI itself runs on Node 20, so this starts it
// without that call.
await import('@changesets/cli')

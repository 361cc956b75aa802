#!/usr/bin/env bash
# Installs what the tests need and runs all of them: the README's test command (`npm run verify`).
# Needs only Node 20 and npm: pnpm is brought in at the pinned version when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9
if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version)" = "$PNPM_VERSION" ]; then
  pnpm=(pnpm)
else
  # corepack cannot verify pnpm's signature on some machines, so npx fetches the pinned pnpm instead.
  pnpm=(npx --yes "pnpm@$PNPM_VERSION")
fi

"${pnpm[@]}" install --frozen-lockfile
"${pnpm[@]}" test

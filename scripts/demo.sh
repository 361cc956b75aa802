#!/usr/bin/env bash
# Runs the Orders console with its embedded mock API: the README's demo command (`npm run demo`).
# Needs only Node 20 and npm: pnpm is brought in at the pinned version when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9
if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version)" = "$PNPM_VERSION" ]; then
  pnpm=(pnpm)
else
  pnpm=(npx --yes "pnpm@$PNPM_VERSION")
fi

"${pnpm[@]}" install --frozen-lockfile
exec "${pnpm[@]}" --filter @ferry/demo dev "$@"

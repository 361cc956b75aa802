#!/usr/bin/env bash
# Installs what the tests need and runs all of them: the README's test command (`npm run verify`).
# Needs only Node 20 and npm: pnpm is brought in at the pinned version when it is missing, and Debian's
# Chromium (for the end-to-end tests) from apt when /usr/bin/chromium is missing. To use another Chromium,
# set CHROMIUM_PATH to its executable. Likewise redis-server (for @ferry/webhooks' Redis store tests) when
# /usr/bin/redis-server is missing; REDIS_SERVER_PATH points at another one.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9
if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version)" = "$PNPM_VERSION" ]; then
  pnpm=(pnpm)
else
  # corepack cannot verify pnpm's signature on some machines, so npx fetches the pinned pnpm instead.
  pnpm=(npx --yes "pnpm@$PNPM_VERSION")
fi

# Installs Debian packages with apt-get, as root or through sudo; fails when neither is possible.
apt_install() {
  local as=()
  if [ "$(id -u)" != 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      return 1
    fi
    as=(sudo)
    # Without a terminal sudo cannot ask for a password: fail at once instead of waiting.
    [ -t 0 ] || as=(sudo -n)
  fi
  command -v apt-get >/dev/null 2>&1 || return 1
  ${as[@]+"${as[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update &&
    ${as[@]+"${as[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ ! -x "$CHROMIUM_PATH" ]; then
    echo "verify: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file." >&2
    exit 1
  fi
  echo "verify: end-to-end tests use Chromium at $CHROMIUM_PATH"
elif [ ! -x /usr/bin/chromium ]; then
  echo "verify: /usr/bin/chromium is missing; installing Debian's chromium for the end-to-end tests (apt-get)..."
  # Chromium for Playwright: `playwright install` cannot download browsers here, so it is Debian's package.
  if ! apt_install chromium || [ ! -x /usr/bin/chromium ]; then
    cat >&2 <<'EOF'
verify: could not install Chromium, which the end-to-end tests need.
  Install it yourself:       sudo apt-get update && sudo apt-get install -y chromium
  or point at another one:   CHROMIUM_PATH=/path/to/chromium npm run verify
(installing needs root or sudo, and apt-get: Debian or Ubuntu.)
EOF
    exit 1
  fi
fi

# redis-server for the webhooks' Redis store tests, which start their own on a free port.
if [ -n "${REDIS_SERVER_PATH:-}" ]; then
  if [ ! -x "$REDIS_SERVER_PATH" ]; then
    echo "verify: REDIS_SERVER_PATH=$REDIS_SERVER_PATH is not an executable file." >&2
    exit 1
  fi
  echo "verify: the Redis store tests use redis-server at $REDIS_SERVER_PATH"
elif [ ! -x /usr/bin/redis-server ]; then
  echo "verify: /usr/bin/redis-server is missing; installing Debian's redis-server for the Redis store tests (apt-get)..."
  if ! apt_install redis-server || [ ! -x /usr/bin/redis-server ]; then
    cat >&2 <<'EOF'
verify: could not install redis-server, which the @ferry/webhooks Redis store tests need.
  Install it yourself:       sudo apt-get update && sudo apt-get install -y redis-server
  or point at another one:   REDIS_SERVER_PATH=/path/to/redis-server npm run verify
(installing needs root or sudo, and apt-get: Debian or Ubuntu.)
EOF
    exit 1
  fi
fi

"${pnpm[@]}" install --frozen-lockfile

# CI reads the last line, `Tests: N passed, N failed, N skipped` (scripts/run-tests.mjs prints it). After a failure
# pnpm adds its own "ELIFECYCLE" line below it, so the line is printed once more at the very end.
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
status=0
FERRY_TESTS_SUMMARY="$summary" "${pnpm[@]}" test || status=$?
if [ "$status" -ne 0 ] && [ -s "$summary" ]; then
  cat "$summary"
fi
exit "$status"

#!/usr/bin/env bash
# Runs the browser suite (accessibility, HTML validity, privacy, keyboard journeys) against a
# prassi binary it does not build. Usage, from anywhere:
#
#   tests/browser/run.sh [path/to/prassi] [options]   # default binary: target/debug/prassi
#
# Needs Node.js 20+, `npm ci` done in tests/browser, Debian's /usr/bin/chromium (or CHROMIUM_PATH)
# and Java 17+. Options go to suite.mjs: --report FILE (JSON), --keep (keep the data folder),
# --self-test (prove the checkers catch planted faults instead of checking the site).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

bin="$repo/target/debug/prassi"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then bin="$1"; shift; fi
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac

if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "tests/browser/node_modules is missing: run (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts)" >&2
  exit 2
fi
exec node "$here/suite.mjs" --bin "$bin" "$@"

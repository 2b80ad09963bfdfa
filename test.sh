#!/usr/bin/env bash
# Runs every test of the solution, then the fault tests on a local cluster of three nodes
# (deploy/local/fault-tests.sh). The storage tests start a PostgreSQL server of their own, the build
# bundles the pages with npm, and the browser tests drive Chromium, so the PostgreSQL server binaries,
# Node.js with npm, and Chromium are installed first when they are missing (Debian/Ubuntu).
set -euo pipefail
cd "$(dirname "$0")"

# shellcheck source=deploy/local/prerequisites.sh
. deploy/local/prerequisites.sh

if [ -z "$(pg_bin_dir)" ]; then
  echo "PostgreSQL server binaries not found: installing the 'postgresql' package."
  apt_install postgresql
fi

# The build bundles the pages (/app, /till) with npm.
if ! command -v npm >/dev/null; then
  echo "npm not found: installing the 'nodejs' and 'npm' packages."
  apt_install nodejs npm
fi

# The browser tests drive Debian's Chromium (never a downloaded browser).
if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium not found at /usr/bin/chromium: installing the 'chromium' package."
  apt_install chromium
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Loyalty.sln --configuration Release "$@" 2>&1 | tee "$log" || status=$?

# One closing line over all test projects.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')

# Then the fault tests, on a local three-node cluster of their own (a few minutes).
faults=0
deploy/local/fault-tests.sh || faults=$?

echo "tests: ${passed} passed, ${failed} failed"
if [ "$faults" -eq 0 ]; then echo "fault tests: passed"; else echo "fault tests: FAILED (exit code $faults)"; fi
[ "$status" -ne 0 ] && exit "$status"
exit "$faults"

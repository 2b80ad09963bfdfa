#!/usr/bin/env bash
# Builds the solution, runs its tests but the browser tests and the pages' script tests (tests/web, Node's test
# runner), then the same tests again under faketime at three awkward instants (tests/faketime.sh), and last the browser
# tests side by side with the fault tests on a local cluster of three nodes (deploy/local/fault-tests.sh): both mostly
# wait (on Chromium, on timed phases of load), so together they take little longer than the fault tests alone. The
# storage tests start a PostgreSQL server of their own, the build bundles the pages with npm, and the browser tests
# drive Chromium, and the load balancer's tests run nginx, so the PostgreSQL server binaries, Node.js with npm,
# Chromium, nginx with openssl and envsubst, and faketime are installed first when they are missing (Debian/Ubuntu).
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

# The load balancer's tests run the compose file's nginx entry point: nginx, openssl for its certificate, envsubst.
if { ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; } || ! command -v openssl >/dev/null || ! command -v envsubst >/dev/null; then
  echo "nginx, openssl or envsubst not found: installing the 'nginx', 'openssl' and 'gettext-base' packages."
  apt_install nginx openssl gettext-base
fi

# The tests start hundreds of short-lived engines, silos and processes: without tiered PGO, .NET compiles each method
# once more instead of twice (instrumented, then optimised), about a third less CPU for an engine's first seconds.
export DOTNET_TieredPGO=0

log=$(mktemp)
browser_log=$(mktemp)
faketime_log=$(mktemp)
trap 'rm -f "$log" "$browser_log" "$faketime_log"' EXIT
# How long each stage took, printed with the closing lines.
stages=()
stage_start=$SECONDS
stage_done() { stages+=("$1 $((SECONDS - stage_start)) s"); stage_start=$SECONDS; }

status=0
dotnet build Loyalty.sln --configuration Release 2>&1 | tee "$log" || status=$?
stage_done "build:"
if [ "$status" -ne 0 ]; then echo "the build failed (exit code $status)"; exit "$status"; fi

dotnet test Loyalty.sln --configuration Release --no-build --filter 'FullyQualifiedName!~Loyalty.Browser.Tests' 2>&1 | tee -a "$log" \
  || status=$?
stage_done "tests:"

# The pages' own scripts, with Node's test runner.
node_status=0
node --test --test-reporter=tap tests/web/ 2>&1 | tee -a "$log" || node_status=$?
stage_done "pages' scripts:"

# Then the same tests under faketime at three instants that break date arithmetic.
faketime_status=0
tests/faketime.sh 2>&1 | tee "$faketime_log" || faketime_status=$?
stage_done "under faketime:"

# Then the browser tests, their lines printed when they end, beside the fault tests on a three-node cluster of their own.
browser_status=0
dotnet test tests/Loyalty.Browser.Tests --configuration Release --no-build > "$browser_log" 2>&1 &
browser=$!
faults=0
deploy/local/fault-tests.sh || faults=$?
wait "$browser" || browser_status=$?
tee -a "$log" < "$browser_log"
stage_done "browser and fault tests:"

# One closing line over all test projects.
count() { grep -oE "$1" "$2" | grep -oE '[0-9]+$' | awk '{s+=$1} END {print s+0}'; }
passed=$(($(count 'Passed: +[0-9]+' "$log") + $(count '^# pass [0-9]+' "$log")))
failed=$(($(count 'Failed: +[0-9]+' "$log") + $(count '^# fail [0-9]+' "$log")))

# The names of the tests that failed, just above the closing lines (at most 20 of each run), each with the first
# lines of its error message: a run whose earlier lines are cut off still says why.
failures() {
  awk '/^[ \t]+Failed [A-Za-z_]|^not ok / { sub(/^[ \t]+/, ""); print; n++; msg = 0; next }
       /^[ \t]+Error Message:/ { msg = 4; next }
       /^[ \t]+Stack Trace:/ { msg = 0 }
       msg > 1 { sub(/^[ \t]+/, ""); print "    " substr($0, 1, 300); msg-- }
       n >= 20 && msg <= 1 { exit }' "$1"
}
if [ "$failed" -ne 0 ] || [ "$node_status" -ne 0 ] || [ "$browser_status" -ne 0 ]; then echo "failed tests:"; failures "$log"; fi
if [ "$faketime_status" -ne 0 ]; then echo "failed under faketime:"; failures "$faketime_log"; fi
echo "under faketime: $(count 'Passed: +[0-9]+' "$faketime_log") passed, $(count 'Failed: +[0-9]+' "$faketime_log") failed" \
  "(three instants$([ "$faketime_status" -ne 0 ] && echo ", exit code $faketime_status"))"
echo "tests: ${passed} passed, ${failed} failed"
(IFS=','; echo "took ${SECONDS} s (${stages[*]})" | sed 's/,/, /g')
if [ "$faults" -eq 0 ]; then echo "fault tests: passed"; else echo "fault tests: FAILED (exit code $faults)"; fi
for code in "$status" "$node_status" "$browser_status" "$faketime_status"; do [ "$code" -ne 0 ] && exit "$code"; done
exit "$faults"

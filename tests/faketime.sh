#!/usr/bin/env bash
# Runs the solution's tests, all but the browser tests, again under faketime at instants that break date arithmetic,
# so that no test comes to depend on today's date or the time of day. Called by test.sh after the build.
#
#   tests/faketime.sh                          the three instants below, one after the other
#   tests/faketime.sh '2027-07-01 00:00:00'    the instants given (UTC)
#   tests/faketime.sh --side-by-side [...]     the instants at the same time (each run's lines printed when all
#                                              have ended). Faster once (10 instead of 14 minutes), slower twice (16
#                                              and 17 against 14), and three grain-test processes at once can time out
#                                              on Orleans' test-cluster port mutex ("Timed out while waiting for
#                                              MutexManager to acquire mutex")
#
# The clock runs on from each instant. It is set as an offset from the real clock ("+N seconds"), not as a start
# instant: with a start instant, libfaketime starts the clock again at that instant in every process it starts, so
# the test host, the PostgreSQL server the storage tests start and the build's own processes would each see another
# time. The monotonic clocks move with it (libfaketime's default): with --exclude-monotonic, .NET reads the real and the
# faked monotonic clock in different places, and the test platform gives up on its test hosts at once.
# It uses libfaketime, not libfaketimeMT (`faketime -m`): the MT library takes a lock on every clock read, which .NET does
# constantly (2,000,000 reads cost 2.8 s of CPU with it, 0.29 s without, 0.17 s unfaked), and made the runs a third
# slower. The lock keeps a sped-up or slowed-down clock monotonic across threads; an offset, as here, needs none. What
# the lock also guards is the library re-reading its setting (every 10 s by default): FAKETIME_CACHE_DURATION of a
# year makes each process read it once, at its start, so no thread ever reads it while another one writes it.
# Expects a Release build (it runs with --no-build).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=../deploy/local/prerequisites.sh
. deploy/local/prerequisites.sh

if ! command -v faketime >/dev/null; then
  echo "faketime not found: installing the 'faketime' package."
  apt_install faketime
fi

together=0
if [ "${1:-}" = "--side-by-side" ]; then
  together=1
  shift
fi
instants=("$@")
if [ ${#instants[@]} -eq 0 ]; then
  instants=(
    "2027-03-01 00:10:00"  # the 1st of a month, just after midnight: "3 days ago" is last month
    "2028-02-29 23:50:00"  # a leap day, ten minutes before March: a year ago has no 29 February
    "2026-12-31 23:55:00"  # the last minutes of a year
  )
fi

export TZ=UTC

# under INSTANT COMMAND...: runs the command with the clock at INSTANT (UTC), running on from there.
under() {
  local instant=$1
  shift
  local offset sign=""
  offset=$(($(date -u -d "$instant" +%s) - $(date -u +%s)))
  ((offset >= 0)) && sign=+
  FAKETIME_CACHE_DURATION=31536000 faketime -f "${sign}${offset}" "$@"
}

# The clock must stand at the instant and move on from there; else the run would test nothing.
check_clock() {
  local instant=$1 first second expected
  read -r first second < <(under "$instant" bash -c 'a=$(date -u +%s); sleep 2; echo "$a $(date -u +%s)"')
  expected=$(date -u -d "$instant" +%s)
  if ((first < expected || first > expected + 5)); then
    echo "faketime: the clock reads $(date -u -d "@$first" '+%F %T') instead of $instant" >&2
    return 1
  fi
  if ((second - first < 2)); then
    echo "faketime: the clock does not move under faketime ($first, then $second)" >&2
    return 1
  fi
}

# The test hosts themselves must have seen the faked calendar: each test results file records when its run started.
check_results() {
  local instant=$1 folder=$2 day next file start bad=0
  day=$(date -u -d "$instant" +%F)
  next=$(date -u -d "$instant + 1 day" +%F)
  for file in "$folder"/*.trx; do
    start=$(grep -o '<Times [^>]*start="[^"]*"' "$file" | sed -E 's/.*start="([0-9-]{10}).*/\1/')
    if [ "$start" != "$day" ] && [ "$start" != "$next" ]; then
      echo "faketime: $(basename "$file") started on '$start', not on $day" >&2
      bad=1
    fi
  done
  return "$bad"
}

# One instant: its clock checked, its tests run, and its test hosts' calendar checked; prints its own lines.
run_instant() {
  local instant=$1 results started=$SECONDS status=0
  check_clock "$instant" || return 1
  echo "== tests under faketime at $instant UTC (the clock running on) =="
  results=$(mktemp -d)
  under "$instant" dotnet test Loyalty.sln --configuration Release --no-build \
    --filter 'FullyQualifiedName!~Loyalty.Browser.Tests' --logger trx --results-directory "$results" || status=$?
  check_results "$instant" "$results" || status=1
  rm -rf "$results"
  echo "== under faketime at $instant UTC: $((SECONDS - started)) s"
  return "$status"
}

status=0
if [ "$together" -eq 0 ]; then
  for instant in "${instants[@]}"; do
    run_instant "$instant" || status=$?
  done
  exit "$status"
fi

# The instants side by side: each run's lines are kept apart and printed when all have ended.
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
pids=()
for i in "${!instants[@]}"; do
  echo "== started: tests under faketime at ${instants[$i]} UTC"
  run_instant "${instants[$i]}" > "$logs/$i.log" 2>&1 &
  pids+=($!)
done
for i in "${!instants[@]}"; do
  wait "${pids[$i]}" || status=$?
done
for i in "${!instants[@]}"; do
  cat "$logs/$i.log"
done
exit "$status"

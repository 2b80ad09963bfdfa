#!/usr/bin/env bash
# Fault tests on a local cluster of their own: starts three nodes and PostgreSQL with cluster.sh (own state folder
# and ports, so it runs beside a cluster.sh cluster), builds load-tests/Loyalty.FaultTests, runs its scenarios, prints
# their reports, and stops everything on exit, whatever happens.
#
#   deploy/local/fault-tests.sh                      every scenario
#   deploy/local/fault-tests.sh kill-node redemptions  the ones named
#
# Exit code 0 when every check of every scenario held. The output is also written to
# load-tests/results/fault-tests-latest.txt. Environment (defaults): LOYALTY_FAULT_HTTP_BASE (5180),
# LOYALTY_FAULT_SILO_BASE (11310), LOYALTY_FAULT_GATEWAY_BASE (30310): node N uses base+N; LOYALTY_FAULT_STATE
# (a temporary folder, removed at the end); LOYALTY_FAULT_TIMEOUT (seconds for the whole tool, 900). The tool also
# gives each scenario at most 5 minutes.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
cluster=$repo/deploy/local/cluster.sh
results=$repo/load-tests/results
latest=$results/fault-tests-latest.txt
timeout_seconds=${LOYALTY_FAULT_TIMEOUT:-900}

if [ -n "${LOYALTY_FAULT_STATE:-}" ]; then
  state=$LOYALTY_FAULT_STATE
  state_temporary=0
else
  state=$(mktemp -d /tmp/loyalty-fault-tests.XXXXXX)
  state_temporary=1
fi
export LOYALTY_CLUSTER_STATE=$state
export LOYALTY_CLUSTER_HTTP_BASE=${LOYALTY_FAULT_HTTP_BASE:-5180}
export LOYALTY_CLUSTER_SILO_BASE=${LOYALTY_FAULT_SILO_BASE:-11310}
export LOYALTY_CLUSTER_GATEWAY_BASE=${LOYALTY_FAULT_GATEWAY_BASE:-30310}
export LOYALTY_REPO=$repo

if [ -f "$state/cluster.env" ]; then
  echo "fault-tests.sh: a cluster is recorded in $state already; give another LOYALTY_FAULT_STATE" >&2
  exit 1
fi

started=$(date +%s)
ours=0
finish() {
  local code=$?
  if [ "$ours" = 1 ] && [ -f "$state/cluster.env" ]; then
    echo "== stopping the cluster"
    "$cluster" stop || true
  fi
  if [ "$state_temporary" = 1 ]; then rm -rf "$state"; fi
  echo "== fault tests: exit code $code after $(($(date +%s) - started)) s"
  exit "$code"
}
trap finish EXIT
trap 'exit 130' INT TERM

mkdir -p "$results"
echo "== starting a cluster: HTTP $((LOYALTY_CLUSTER_HTTP_BASE + 1))-$((LOYALTY_CLUSTER_HTTP_BASE + 3)), state in $state"
ours=1
"$cluster" start

echo "== building the fault tests"
dotnet build "$repo/load-tests/Loyalty.FaultTests" -c Release -nologo -v quiet >"$state/fault-tests-build.log" 2>&1 \
  || { tail -20 "$state/fault-tests-build.log"; exit 1; }

echo "== running: ${*:-every scenario} (at most $timeout_seconds s)"
tool_started=$(date +%s)
set +e
{
  echo "# Fault tests, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/^MemTotal:/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo) GiB, commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  timeout --kill-after=15 "$timeout_seconds" dotnet "$repo/load-tests/Loyalty.FaultTests/bin/Release/net10.0/Loyalty.FaultTests.dll" "$@"
  code=$?
  [ "$code" -eq 124 ] && echo "the fault tests did not finish in $timeout_seconds s"
  echo "# scenarios took $(($(date +%s) - tool_started)) s; exit code $code"
  exit "$code"
} 2>&1 | tee "$latest"
code=${PIPESTATUS[0]}
set -e
echo "== written to ${latest#"$repo"/}"
exit "$code"

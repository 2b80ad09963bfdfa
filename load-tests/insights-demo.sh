#!/usr/bin/env bash
# The retention insights on generated data: builds, starts the engine on its embedded default (SQLite in a temporary
# folder, one node, the demo programme, Development keys) with a transaction window of 366 days, sends it a year of
# purchases for N generated members (load-tests/Loyalty.InsightsData: steady members and planted drifting ones),
# waits until the insights read model has caught up, then prints the address of /insights and the marketing key and
# runs until Ctrl-C. With --check it fetches the four insights calls instead, prints a summary and stops.
set -euo pipefail

usage() {
  cat <<'EOF_USAGE'
usage: load-tests/insights-demo.sh [--members N] [--seed N] [--port P] [--check]

  --members N   members to generate (default 2000)
  --seed N      the generator's seed (default 1)
  --port P      the engine's HTTP port on 127.0.0.1 (default 5080, or a free one when 5080 is taken)
  --check       print a summary of the four insights calls and stop, instead of running until Ctrl-C
EOF_USAGE
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
members=2000 seed=1 port="" check=""
while [ $# -gt 0 ]; do
  case "$1" in
    --members) members=${2:?}; shift ;;
    --seed) seed=${2:?}; shift ;;
    --port) port=${2:?}; shift ;;
    --check) check=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
[[ "$members" =~ ^[0-9]+$ ]] && [ "$members" -ge 1 ] || { echo "--members is a whole number, at least 1" >&2; exit 2; }
[[ "$seed" =~ ^-?[0-9]+$ ]] || { echo "--seed is a whole number" >&2; exit 2; }
[ -z "$port" ] || [[ "$port" =~ ^[0-9]+$ ]] || { echo "--port is a port number" >&2; exit 2; }

# shellcheck source=../deploy/local/prerequisites.sh
. "$root/deploy/local/prerequisites.sh" # apt_install, port_free, free_port
command -v curl >/dev/null || apt_install curl
command -v jq >/dev/null || apt_install jq

step() { echo "== $*"; }
die() { echo "insights-demo.sh: $*" >&2; exit 1; }

till_key=dev-till-key
marketing_key=dev-marketing-key
work=$(mktemp -d /tmp/loyalty-insights-demo.XXXXXX)
engine_pid=""
cleanup() {
  if [ -n "$engine_pid" ]; then kill "$engine_pid" 2>/dev/null || true; wait "$engine_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "building (Release)"
dotnet build "$root/src/Loyalty.Server" -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log"; die "the engine's build failed"; }
dotnet build "$root/load-tests/Loyalty.InsightsData" -c Release -nologo -v quiet >>"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log"; die "the generator's build failed"; }
engine_dir=$root/src/Loyalty.Server/bin/Release/net10.0

if [ -z "$port" ]; then if port_free 5080; then port=5080; else free_port port || die "no free port"; fi; fi
port_free "$port" || die "port $port is taken"
free_port silo || die "no free port"; free_port gateway || die "no free port"
url="http://127.0.0.1:$port"

step "starting the engine on $url (SQLite in $work)"
(cd "$engine_dir" && ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development exec dotnet Loyalty.Server.dll \
  --urls "$url" --Loyalty:Cluster:SiloPort "$silo" --Loyalty:Cluster:GatewayPort "$gateway" \
  --Loyalty:Storage:Provider Sqlite --Loyalty:Storage:ConnectionString "Data Source=$work/loyalty.db" \
  --Loyalty:Program:TransactionWindowDays 366 \
  ) >"$work/engine.log" 2>&1 &
engine_pid=$!
for _ in $(seq 1 240); do
  curl -fs -o /dev/null --max-time 2 "$url/health/ready" && break
  kill -0 "$engine_pid" 2>/dev/null || { tail -n 30 "$work/engine.log"; die "the engine stopped"; }
  sleep 0.5
done
curl -fs -o /dev/null --max-time 2 "$url/health/ready" || { tail -n 30 "$work/engine.log"; die "the engine is not ready"; }

step "sending a year of purchases for $members members (seed $seed)"
dotnet run --project "$root/load-tests/Loyalty.InsightsData" -c Release --no-build -- \
  --url "$url" --key "$till_key" --marketing-key "$marketing_key" --members "$members" --seed "$seed" \
  || die "the generator failed (exit $?); the engine's log: $work/engine.log"

if [ -n "$check" ]; then
  step "the insights"
  get() { curl -fsS --max-time 30 "$url/api/insights/$1" -H "X-Api-Key: $marketing_key"; }
  get "retention?period=month&count=12" | jq -r '
    "retention by month (active / retained / new / lost, rate):",
    (.periods[] | "  \(.start[0:7])  \(.active) / \(.retained) / \(.new) / \(.lost)  \(if .retentionRate == null then "-" else "\(.retentionRate * 1000 | round / 10)%" end)")'
  get "at-risk?limit=500" | jq -r '
    "at risk: \(.total) members, \(.valueAtStake) a year at stake",
    (["lapsed", "aov-falling", "category-dropped"][] as $k | "  \($k): \([.members[] | select(any(.reasons[]; .kind == $k))] | length) (of the first \(.members | length))"),
    (.members[0] | "  e.g. \(.memberId), \(.valueAtStake) at stake: \([.reasons[].text] | join(" "))")'
  get "top-members?share=0.2&limit=3" | jq -r '
    "top members: the top \(.topCount) of \(.members) (\(.share * 100)%) bring \(.revenueShare * 1000 | round / 10)% of the 12-month revenue, \(.topRevenue) of \(.totalRevenue)",
    (.list[] | "  #\(.rank) \(.memberId) \(.spend12m)")'
  get "lost?months=12&limit=3" | jq -r '
    "lost in 12 months: \(.count) members, \(.yearlyRevenueLost) of yearly revenue lost",
    "lifetime value: \(.lifetimeValue.estimate) (\(.lifetimeValue.formula))"'
  echo "insights page: $url/insights (marketing key: $marketing_key)"
  exit 0
fi

echo
echo "The insights are ready: open $url/insights with the marketing key '$marketing_key'."
echo "The marketing console is at $url/console, the till at $url/till (till key '$till_key'). Ctrl-C stops the engine."
wait "$engine_pid"

#!/usr/bin/env bash
# The cold members benchmark: imports members with a year of daily sales each (`Loyalty.LoadTests cold --write`, then
# `dotnet Loyalty.Server.dll import`), restarts the engine so that none of them is active, and times the first purchase
# of each (`Loyalty.LoadTests cold`): the member's activation (its state and its transactions of the window read back)
# and the purchase. Once for each number of tills at once given, one after the other after one restart, each run on
# members of its own.
# On SQLite and on a private PostgreSQL server. Writes cold.md to the result folder.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: load-tests/cold.sh [--members N] [--days D] [--tills "T ..."] [--warmup W] [--settle S] [--only postgresql|sqlite] [--out DIR]

  --members N    members imported, then each sent one purchase after the restart, timed (default 2000)
  --days D       days of history of each member, a sale a day (default 365)
  --tills "T ..." purchases sent at once after the restart; with several numbers, one run each, one after the other,
                 each on members of its own (default "8 1": two cores busy, and one till at a time)
  --warmup W     more members imported, whose first purchases go first after the restart, not timed: the engine's
                 own start (compiling the code of a purchase) is not in the figures (default 1500: after 500 the runtime
                 still spent a fifth of the engine's CPU compiling during the timed purchases)
  --settle S     seconds to wait after those, before the timed purchases, for the runtime to finish compiling the hot
                 code in the background, as in an engine that has been serving for a while (default 5)
  --only DB      measure one database only (default both)
  --out DIR      the result folder (default load-tests/results/cold-<UTC time>/)
EOF
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
args="$*"
members=2000 days=365 tills="8 1" warmup=1500 settle=5 only="" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --members) members=${2:?}; shift ;;
    --days) days=${2:?}; shift ;;
    --tills) tills=${2:?}; shift ;;
    --warmup) warmup=${2:?}; shift ;;
    --settle) settle=${2:?}; shift ;;
    --only) only=${2:?}; shift ;;
    --out) out=${2:?}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
case "$only" in ""|postgresql|sqlite) ;; *) echo "--only is postgresql or sqlite" >&2; exit 2 ;; esac
for value in "$warmup" "$settle"; do
  [[ "$value" =~ ^[0-9]+$ ]] || { echo "not a whole number: $value" >&2; exit 2; }
done
for value in "$members" "$days" $tills; do
  [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -ge 1 ] || { echo "not a whole number of at least 1: $value" >&2; exit 2; }
done
out=${out:-$root/load-tests/results/cold-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out/logs"
out=$(cd "$out" && pwd)

. "$root/deploy/local/prerequisites.sh"
if [ "$only" != sqlite ]; then [ -n "$(pg_bin_dir)" ] || apt_install postgresql; fi
command -v curl >/dev/null || apt_install curl
pg_bin=$(pg_bin_dir)

step() { printf '\n== %s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { echo "cold.sh: $*" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/loyalty-cold.XXXXXX")
chmod 755 "$work" # PostgreSQL runs as its own user
engine_pid="" pg_data=""
stop_engine() {
  if [ -n "$engine_pid" ]; then
    kill -TERM "$engine_pid" 2>/dev/null || true
    for _ in $(seq 1 240); do kill -0 "$engine_pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$engine_pid" 2>/dev/null || true
    wait "$engine_pid" 2>/dev/null || true
    engine_pid=""
  fi
}
cleanup() {
  set +e
  stop_engine
  [ -n "$pg_data" ] && [ -f "$pg_data/postmaster.pid" ] && as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "interrupted"; exit 130' INT TERM

step "building (Release)"
for project in src/Loyalty.Server load-tests/Loyalty.LoadTests; do
  dotnet build "$root/$project" -c Release -p:BuildPages=false -nologo -v q -clp:ErrorsOnly >>"$out/logs/build.log" 2>&1 \
    || die "building $project failed; see $out/logs/build.log"
done
engine_dir=$root/src/Loyalty.Server/bin/Release/net10.0
loadtests=$root/load-tests/Loyalty.LoadTests/bin/Release/net10.0/Loyalty.LoadTests.dll

runs=$(echo $tills | wc -w)
step "writing $((warmup + runs * members)) members with $days days of sales each ($warmup not timed, then $runs × $members)"
dotnet "$loadtests" cold --write "$work/files" --members "$((warmup + runs * members))" --days "$days" | tee "$out/logs/write.log"

till_key="bench-till-$RANDOM$RANDOM" ops_key="bench-operations-$RANDOM$RANDOM"
ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# start_engine NAME ARGS...: the engine on its own ports, until /health/ready answers.
start_engine() {
  local name=$1 http silo gateway
  shift
  free_port http; free_port silo; free_port gateway
  (cd "$engine_dir" && ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production exec dotnet Loyalty.Server.dll \
    --urls "http://127.0.0.1:$http" --Loyalty:Cluster:SiloPort "$silo" --Loyalty:Cluster:GatewayPort "$gateway" \
    --Loyalty:Auth:ApiKeys:0:Key "$till_key" --Loyalty:Auth:ApiKeys:0:Name bench-till --Loyalty:Auth:ApiKeys:0:Role till \
    --Loyalty:Auth:ApiKeys:0:PermitsPerSecond 1000000 --Loyalty:Auth:ApiKeys:0:Burst 1000000 \
    --Loyalty:Auth:ApiKeys:1:Key "$ops_key" --Loyalty:Auth:ApiKeys:1:Name bench-operations --Loyalty:Auth:ApiKeys:1:Role operations \
    --Loyalty:Auth:ApiKeys:1:PermitsPerSecond 1000000 --Loyalty:Auth:ApiKeys:1:Burst 1000000 \
    "$@") >>"$out/logs/engine-$name.log" 2>&1 &
  engine_pid=$!
  url="http://127.0.0.1:$http"
  for _ in $(seq 1 240); do
    kill -0 "$engine_pid" 2>/dev/null || { tail -n 40 "$out/logs/engine-$name.log"; die "the engine on $name stopped while starting"; }
    curl -fs -o /dev/null --max-time 2 "$url/health/ready" && return
    sleep 0.5
  done
  die "the engine on $name was not ready after 120 s"
}

# quiet: waits (at most 5 minutes) until the engine uses less than a tenth of a core over 2 s: the projectors of the
# imported ledger (insights, liability) have caught up and do not run during the measured purchases.
quiet() {
  local before after
  for _ in $(seq 1 150); do
    before=$(ticks "$engine_pid"); sleep 2; after=$(ticks "$engine_pid")
    [ $((after - before)) -lt $(($(getconf CLK_TCK) / 5)) ] && return
  done
}

report=$out/cold.md
{
  echo "# Cold members: the first purchase of $members inactive members with $days days of history"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start,"
  echo "with \`load-tests/cold.sh${args:+ $args}\`. Each member once, after a restart of the engine and the first purchases"
  echo "of $warmup other members (not timed); one run for each number of tills at once ($tills), each after $settle s of rest."
  echo
  echo "| database | tills at once | members | history import | median | p90 | p99 | max | failed | load average |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
} >"$report"
figure() { grep -m1 "\"$2\"" "$1" | sed -E 's/.*: *([0-9.]+).*/\1/'; }

bench() {
  local name=$1 started status=0
  shift
  step "$name: importing the history"
  start_engine "$name" "$@"
  started=$SECONDS
  for kind in members sales; do
    LOYALTY_URL=$url LOYALTY_KEY=$ops_key dotnet "$engine_dir/Loyalty.Server.dll" import "$kind" "$work/files/$kind.ndjson" \
      >"$out/logs/import.$name.$kind.log" 2>&1 || die "import $kind on $name failed; see $out/logs/import.$name.$kind.log"
    tail -n 1 "$out/logs/import.$name.$kind.log"
  done
  local imported=$((SECONDS - started))
  quiet
  # A year of history is written over a year, and the database has long vacuumed and analysed it: the bulk import's
  # aftermath (autovacuum of a million new rows, the planner's statistics of an empty ledger, the checkpoint) is not
  # what a member who comes back meets, and would otherwise fall in the timed purchases.
  if [ "$name" = postgresql ]; then
    "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d loyalty -qAtX -c "VACUUM (ANALYZE)" -c "CHECKPOINT"
  fi
  step "$name: restarting the engine"
  stop_engine
  start_engine "$name" "$@"
  # One run for each number of tills, on members of its own, one after the other; the first after the warm-up. The
  # first run's JSON is cold.<database>.json, the others' cold.<database>.tills-<T>.json.
  local run=0 load json first warm
  for count in $tills; do
    first=0 warm=$warmup json=$out/cold.$name.json
    [ "$run" -eq 0 ] || first=$((warmup + run * members)) warm=0 json=$out/cold.$name.tills-$count.json
    step "$name: the first purchase of each of $members members ($count tills, after $warm not timed and $settle s)"
    load=$(cut -d' ' -f1 /proc/loadavg)
    dotnet "$loadtests" cold --url "$url" --key "$till_key" --first "$first" --members "$members" --warmup "$warm" --settle "$settle" \
      --tills "$count" --json "$json" | tee "$out/logs/cold.$name.tills-$count.log" || status=$?
    echo "| $name | $count | $members | ${imported} s | $(figure "$json" median) ms | $(figure "$json" p90) ms | $(figure "$json" p99) ms | $(figure "$json" max) ms | $(figure "$json" failures) | $load |" >>"$report"
    [ "$status" -eq 0 ] || die "the first purchases on $name failed; see $out/logs/cold.$name.tills-$count.log"
    run=$((run + 1))
  done
  stop_engine
}

if [ "$only" != postgresql ]; then
  mkdir -p "$work/sqlite"
  bench sqlite --Loyalty:Storage:Provider Sqlite --Loyalty:Storage:DataFolder "$work/sqlite"
fi
if [ "$only" != sqlite ]; then
  step "PostgreSQL: a private server"
  mkdir -p "$work/pg"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$work/pg"
  pg_data=$work/pg/data
  as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
  free_port pg_port
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/server.log" -w -t 60 \
    -o "-c port=$pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work/pg -c shared_buffers=512MB -c max_connections=300" \
    start >/dev/null
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qAtX -c "CREATE DATABASE loyalty"
  bench postgresql --Loyalty:Storage:Provider PostgreSql --Loyalty:Storage:ConnectionString "Host=127.0.0.1;Port=$pg_port;Database=loyalty;Username=postgres"
fi
{
  echo
  echo "Latency of each first purchase as the till sees it (HTTP, loopback): the member's activation (its state, then its"
  echo "transactions of the window from the ledger) and the purchase's write. Figures: cold.<database>.json (the first"
  echo "number of tills), cold.<database>.tills-<T>.json (the others)."
} >>"$report"
step "report: $report"
cat "$report"

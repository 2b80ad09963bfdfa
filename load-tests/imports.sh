#!/usr/bin/env bash
# The imports benchmark: generates members and a year of their sales (load-tests/Loyalty.InsightsData --write), starts
# the engine on SQLite and on a private PostgreSQL server, and on each imports the members then the sales with the
# command line (`dotnet Loyalty.Server.dll import`). Measures the import rate, the engine's memory (RSS) over the run,
# the CPU time of the engine, the database and the importing client, and the live tills' p99 (purchases at a fixed
# rate from load-tests/Loyalty.LoadTests) without an import and during one. Writes imports.md to the result folder.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: load-tests/imports.sh [--members N] [--sales M] [--only postgresql|sqlite] [--rate R] [--duration S] [--out DIR]

  --members N    members generated and imported (default 100000)
  --sales M      at most M sales, each member's latest (default 1000000)
  --only DB      measure one database only (default both)
  --rate R       the live tills' purchases a second, without and during the import (default 50)
  --duration S   seconds of each tills' run (default 30); the run during the import starts 5 s into it
  --out DIR      the result folder (default load-tests/results/imports-<UTC time>/)
EOF
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
args="$*"
members=100000 sales=1000000 only="" rate=50 duration=30 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --members) members=${2:?}; shift ;;
    --sales) sales=${2:?}; shift ;;
    --only) only=${2:?}; shift ;;
    --rate) rate=${2:?}; shift ;;
    --duration) duration=${2:?}; shift ;;
    --out) out=${2:?}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
case "$only" in ""|postgresql|sqlite) ;; *) echo "--only is postgresql or sqlite" >&2; exit 2 ;; esac
for value in "$members" "$sales" "$rate" "$duration"; do
  [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -ge 1 ] || { echo "not a whole number of at least 1: $value" >&2; exit 2; }
done
out=${out:-$root/load-tests/results/imports-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out/logs"
out=$(cd "$out" && pwd)

. "$root/deploy/local/prerequisites.sh"
if [ "$only" != sqlite ]; then [ -n "$(pg_bin_dir)" ] || apt_install postgresql; fi
command -v curl >/dev/null || apt_install curl
pg_bin=$(pg_bin_dir)

step() { printf '\n== %s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { echo "imports.sh: $*" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/loyalty-imports.XXXXXX")
chmod 755 "$work" # PostgreSQL runs as its own user
engine_pid="" sampler_pid="" pg_data=""
stop_engine() {
  [ -n "$sampler_pid" ] && { kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""; }
  if [ -n "$engine_pid" ]; then
    kill -TERM "$engine_pid" 2>/dev/null || true
    for _ in $(seq 1 80); do kill -0 "$engine_pid" 2>/dev/null || break; sleep 0.25; done
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
for project in src/Loyalty.Server load-tests/Loyalty.InsightsData load-tests/Loyalty.LoadTests; do
  dotnet build "$root/$project" -c Release -p:BuildPages=false -nologo -v q -clp:ErrorsOnly >>"$out/logs/build.log" 2>&1 \
    || die "building $project failed; see $out/logs/build.log"
done
engine_dir=$root/src/Loyalty.Server/bin/Release/net10.0
generator=$root/load-tests/Loyalty.InsightsData/bin/Release/net10.0/Loyalty.InsightsData.dll
loadtests=$root/load-tests/Loyalty.LoadTests/bin/Release/net10.0/Loyalty.LoadTests.dll

# The year of sales ends an hour ago: the engine takes no sale from the future.
as_of=$(date -u -d '1 hour ago' +%Y-%m-%dT%H:00:00Z)
step "generating $members members and at most $sales sales ending $as_of"
dotnet "$generator" --members "$members" --sales "$sales" --seed 1 --as-of "$as_of" --write "$work/files" | tee "$out/logs/generate.log"
sales_lines=$(wc -l <"$work/files/sales.ndjson")
sales_size=$(du -h "$work/files/sales.ndjson" | cut -f1)

till_key="bench-till-$RANDOM$RANDOM" ops_key="bench-operations-$RANDOM$RANDOM"

# ticks PID: the CPU time (user + system, in clock ticks) of a process and of its children it has waited for.
ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# db_ticks: the PostgreSQL server's CPU time: the postmaster (with its ended backends) and its living children.
db_ticks() {
  [ -n "$pg_data" ] || { echo 0; return; }
  local pm total
  pm=$(head -1 "$pg_data/postmaster.pid")
  total=$(ticks "$pm")
  for child in $(pgrep -P "$pm"); do total=$((total + $(ticks "$child"))); done
  echo "$total"
}
hz=$(getconf CLK_TCK)
seconds_of() { awk -v t="$1" -v hz="$hz" 'BEGIN { printf "%.1f", t / hz }'; }

# sample FILE: every second, the engine's RSS (MB) and CPU ticks, and the database's CPU ticks.
sample() {
  local started=$SECONDS
  echo "seconds,engine_rss_mb,engine_cpu_ticks,db_cpu_ticks" >"$1"
  while kill -0 "$engine_pid" 2>/dev/null; do
    echo "$((SECONDS - started)),$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$engine_pid/status"),$(ticks "$engine_pid"),$(db_ticks)" >>"$1"
    sleep 1
  done
}

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
    "$@") >"$out/logs/engine-$name.log" 2>&1 &
  engine_pid=$!
  url="http://127.0.0.1:$http"
  for _ in $(seq 1 240); do
    kill -0 "$engine_pid" 2>/dev/null || { tail -n 40 "$out/logs/engine-$name.log"; die "the engine on $name stopped while starting"; }
    curl -fs -o /dev/null --max-time 2 "$url/health/ready" && return
    sleep 0.5
  done
  die "the engine on $name was not ready after 120 s"
}

# tills NAME: purchases at --rate for --duration seconds from a population of its own, as tills would send them.
tills() {
  dotnet "$loadtests" load --url "$url" --key "$till_key" --members 2000 --population-id tills --mix purchase=100 --rate "$rate" \
    --duration "$duration" --warmup 3 --seed 1 --timeout $((duration + 300)) --json "$out/tills.$1.json" >"$out/logs/tills.$1.log" 2>&1
}
p99() { grep -m1 '"p99"' "$1" 2>/dev/null | sed -E 's/.*: *([0-9.]+).*/\1/'; }

# run_import KIND NAME: the command line, timed; prints its summary.
run_import() {
  local status=0
  LOYALTY_URL=$url LOYALTY_KEY=$ops_key /usr/bin/time -f "%e %U %S %M" -o "$work/time.$2.$1" \
    dotnet "$engine_dir/Loyalty.Server.dll" import "$1" "$work/files/$1.ndjson" >"$out/logs/import.$2.$1.log" 2>&1 || status=$?
  tail -n 5 "$out/logs/import.$2.$1.log"
  [ "$status" -le 1 ] || die "import $1 on $2 failed (exit code $status)"
}

report=$out/imports.md
{
  echo "# Imports: $members members, $sales_lines sales"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
  echo "$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) of memory, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start,"
  echo "with \`load-tests/imports.sh${args:+ $args}\`. The sales file: NDJSON, $sales_size. Engine, database, importing client"
  echo "and the tills' load generator all on this machine. Tills: $rate purchases/s for $duration s, open loop."
  echo
  echo "| database | members/s | sales/s | sales import | engine RSS start / mid / end / max | engine CPU | database CPU | client CPU | tills p99 without / during |"
  echo "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |"
} >"$report"

bench() {
  local name=$1
  shift
  step "$name: the engine"
  start_engine "$name" "$@"
  step "$name: tills alone ($rate purchases/s, $duration s)"
  tills "$name.alone" || die "the tills' run failed; see $out/logs/tills.$name.alone.log"
  step "$name: importing $members members"
  run_import members "$name"
  sample "$out/memory.$name.csv" &
  sampler_pid=$!
  local engine0 db0 engine1 db1
  engine0=$(ticks "$engine_pid") db0=$(db_ticks)
  step "$name: importing $sales_lines sales, tills running from 5 s in"
  ( sleep 5; tills "$name.during" ) &
  local tills_pid=$!
  run_import sales "$name"
  engine1=$(ticks "$engine_pid") db1=$(db_ticks)
  wait "$tills_pid" || echo "the tills' run during the import failed; see $out/logs/tills.$name.during.log"
  kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
  local wall user sys members_wall
  read -r wall user sys _ <"$work/time.$name.sales"
  read -r members_wall _ <"$work/time.$name.members"
  local rss
  rss=$(awk -F, 'NR > 1 { v[++n] = $2; if ($2 > m) m = $2 } END { printf "%s / %s / %s / %s MB", v[1], v[int((n + 1) / 2)], v[n], m }' "$out/memory.$name.csv")
  echo "| $name | $(awk -v n="$members" -v s="$members_wall" 'BEGIN { printf "%.0f", n / s }') | $(awk -v n="$sales_lines" -v s="$wall" 'BEGIN { printf "%.0f", n / s }') | ${wall} s | $rss | $(seconds_of $((engine1 - engine0))) s | $([ -n "$pg_data" ] && echo "$(seconds_of $((db1 - db0))) s" || echo "in the engine") | $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }') s | $(p99 "$out/tills.$name.alone.json") / $(p99 "$out/tills.$name.during.json") ms |" >>"$report"
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
  echo >>"$report"
  echo "PostgreSQL $("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qAtX -c 'SHOW server_version'): fsync and synchronous_commit on, shared_buffers 512MB." >>"$report"
fi
{
  echo
  echo "members/s and sales/s: lines of the file over the wall-clock time of \`import\` (sending the file and the engine's"
  echo "work until the import is done). CPU: seconds used during the sales import. RSS sampled every second during the sales"
  echo "import (memory.<database>.csv). Tills' p99 from Loyalty.LoadTests (tills.<database>.alone.json, .during.json)."
} >>"$report"
step "report: $report"
cat "$report"

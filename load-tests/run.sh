#!/usr/bin/env bash
# The performance run: builds Release, starts a private PostgreSQL server, the engine on SQLite and on PostgreSQL and
# the SQL baseline on both, runs the standard scenarios for a bounded time each and writes the report (report.md, the
# scenarios' JSON, charts) to a result folder. See "The performance run" in load-tests/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: load-tests/run.sh [--quick] [--only purchases] [--out DIR] [--members N] [--duration S] [--warmup S]

  --quick        a smoke run: 5 s measured per run after 2 s of warm-up, 2,000 members per database, cold members
                 200 with 90 days of history
  --out DIR      the result folder, new or empty (default load-tests/results/<UTC time>/)
  --members N    members enrolled in each database (default 20,000; --quick 2,000)
  --duration S   measured seconds of each timed run, push and pgbench, but the hot member's (default 20; --quick 5)
  --warmup S     warm-up seconds before each timed run (default 10; --quick 2)
  --only purchases  only the closed-loop purchases on PostgreSQL (engine and SQL baseline) and their wrk cross-check
EOF
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
caller=$PWD

args="$*"
quick=""
out=""
members=""
duration=""
warmup=""
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --out) out=${2:?--out needs a folder}; shift ;;
    --members) members=${2:?--members needs a number}; shift ;;
    --duration) duration=${2:?--duration needs seconds}; shift ;;
    --warmup) warmup=${2:?--warmup needs seconds}; shift ;;
    --only) only=${2:?--only needs a part: purchases}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
[[ -z "$only" || "$only" == purchases ]] || { echo "--only knows one part: purchases" >&2; exit 2; }
for value in "$members" "$duration" "$warmup"; do
  [[ -z "$value" || "$value" =~ ^[0-9]+$ ]] || { echo "not a whole number: $value" >&2; exit 2; }
done
# --out is relative to where the script was called from; everything else to the repository.
[ -n "$out" ] && [[ "$out" != /* ]] && out="$caller/$out"
cd "$root"

# What each mode runs. The population is enrolled once per database; every timed run is warm-up + duration.
if [ -n "$quick" ]; then
  mode="quick"
  members=${members:-2000}; duration=${duration:-5}; warmup=${warmup:-2}
  sweep="8 32"; sequential_count=100; pgbench_scale=1; probe_members=10000
  hot_duration=$duration; cold_members=200; cold_days=90; cold_warmup=300
else
  mode="full"
  members=${members:-20000}; duration=${duration:-20}; warmup=${warmup:-10}
  sweep="8 32 128"; sequential_count=1000; pgbench_scale=10; probe_members=100000
  hot_duration=60; cold_members=2000; cold_days=365; cold_warmup=1500
fi
[ "$members" -ge 1 ] && [ "$duration" -ge 1 ] || { echo "--members and --duration must be at least 1" >&2; exit 2; }
# sweep: the closed-loop concurrencies of the purchase runs on PostgreSQL (8 and 32 are also the pgbench comparisons');
# wrk_sweep: those of them that wrk runs too, right after the load generator, as a cross-check
wrk_sweep="8 32"
wrk_threads=2
read_concurrency=16       # reads and the HTTP ceiling, on both engines
sqlite_concurrency=16     # purchases on SQLite
hot_tills=16              # two runs of hot_duration s in a row on one member
push_watchers=1000
push_rate=2000
push_count=$((push_rate * duration))   # purchases: as long as a timed run
pgbench_clients="8 32"
pgbench_threads=2
pgbench_seconds=$duration
population="perf"

out=${out:-"load-tests/results/$(date -u +%Y%m%dT%H%M%SZ)"}
if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
  echo "the result folder $out is not empty" >&2
  exit 2
fi
mkdir -p "$out/logs"
out=$(cd "$out" && pwd)
exec > >(tee -a "$out/run.log") 2>&1

step() { printf '\n== %s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { echo "run.sh: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------- prerequisites
# shellcheck source=../deploy/local/prerequisites.sh
. "$root/deploy/local/prerequisites.sh"

command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is needed"
if ! command -v curl >/dev/null; then
  echo "curl not found: installing the 'curl' package."
  apt_install curl
fi
if ! command -v wrk >/dev/null; then
  echo "wrk not found: installing the 'wrk' package."
  apt_install wrk
fi
pg_bin=$(pg_bin_dir)
if [ -z "$pg_bin" ]; then
  echo "PostgreSQL server binaries not found: installing the 'postgresql' package."
  apt_install postgresql
  pg_bin=$(pg_bin_dir)
  [ -n "$pg_bin" ] || die "PostgreSQL's initdb, pg_ctl, psql and pgbench are still missing"
fi
as_root=""
[ "$(id -u)" -eq 0 ] && as_root=1
if [ -n "$as_root" ]; then
  id postgres >/dev/null 2>&1 || die "PostgreSQL refuses to run as root and there is no 'postgres' user to run it as"
fi

# ---------------------------------------------------------------------------------------------- clean-up
work=$(mktemp -d "${TMPDIR:-/tmp}/loyalty-perf.XXXXXX")
pg_root=""
pg_data=""
pids=()
enrol_pids=()
cold_pid=""
problems=()
# A run that failed or saw errors: listed at the end, in problems.txt and in the report.
problem() { problems+=("$1"); echo "$1" >>"$out/problems.txt"; }

stop_hosts() {
  local pid i
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}

stop_postgres() {
  if [ -n "$pg_data" ] && [ -f "$pg_data/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w -t 60 stop >/dev/null 2>&1 \
      || as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1
  fi
  return 0
}

cleanup() {
  local status=$?
  set +e
  trap - EXIT INT TERM
  for pid in "${enrol_pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  # cold.sh (under timeout, which passes the signal on to it and its children) stops its engine and server itself.
  if [ -n "$cold_pid" ]; then kill -TERM "$cold_pid" 2>/dev/null; wait "$cold_pid" 2>/dev/null; fi
  stop_hosts
  stop_postgres
  [ -n "$pg_root" ] && [ -f "$pg_root/server.log" ] && cp "$pg_root/server.log" "$out/logs/postgres.log"
  rm -rf "$work"
  [ -n "$pg_root" ] && rm -rf "$pg_root"
  exit "$status"
}
trap cleanup EXIT
trap 'echo "interrupted"; exit 130' INT TERM

# ---------------------------------------------------------------------------------------------- run info
info() { printf '%s=%s\n' "$1" "$2" >>"$out/run-info.txt"; }
loadavg() { cut -d' ' -f1 /proc/loadavg; }
info started "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
info command "load-tests/run.sh${args:+ $args}"
info mode "$mode${only:+, only $only}"
info members "$members"
info duration "$duration"
info warmup "$warmup"
info cores "$(nproc)"
info memory_kib "$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)"
info cpu "$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
info os "$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -sr)"
info dotnet "$(dotnet --list-runtimes | awk '/^Microsoft.NETCore.App 10\./ {v=$2} END {print v}') (SDK $(dotnet --version))"
info postgres "$("$pg_bin/postgres" --version | sed 's/^postgres (PostgreSQL) //')"
info loadavg_start "$(loadavg)"

step "settings: $mode run, $members members per database, ${warmup} s warm-up + ${duration} s per timed run, results in $out"

# ---------------------------------------------------------------------------------------------- build
step "build (Release)"
for project in src/Loyalty.Server load-tests/Loyalty.SqlBaseline load-tests/Loyalty.LoadTests; do
  echo "dotnet build $project -c Release -p:BuildPages=false"
  dotnet build "$project" -c Release -p:BuildPages=false --nologo -v q -clp:ErrorsOnly >>"$out/logs/build.log" 2>&1 \
    || { cat "$out/logs/build.log"; die "the build of $project failed"; }
done
engine_dir="$root/src/Loyalty.Server/bin/Release/net10.0"
baseline_dir="$root/load-tests/Loyalty.SqlBaseline/bin/Release/net10.0"
tool="$root/load-tests/Loyalty.LoadTests/bin/Release/net10.0/Loyalty.LoadTests.dll"

# ---------------------------------------------------------------------------------------------- PostgreSQL
step "PostgreSQL: a private server in a temporary folder"
pg_root=$(mktemp -d "${TMPDIR:-/tmp}/loyalty-perf-pg.XXXXXX")
pg_data="$pg_root/data"
[ -n "$as_root" ] && chown -R postgres:postgres "$pg_root"
as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust --encoding=UTF8 --no-locale --no-sync >"$out/logs/initdb.log" 2>&1 \
  || { cat "$out/logs/initdb.log"; die "initdb failed"; }
# Durable (fsync and synchronous_commit at their defaults, on); room for the engine's pool, the baseline's and pgbench.
# max_wal_size 4GB: with the default 1GB the purchase runs made PostgreSQL checkpoint every 18 s ("checkpoints are
# occurring too frequently"), and the burst of full-page writes after each start stalled one run's commits for 300 ms.
pg_settings="fsync and synchronous_commit on, shared_buffers 512MB, max_wal_size 4GB, max_connections 300"
info postgres_settings "$pg_settings"
free_port pg_port
as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_root/server.log" -w -t 60 \
  -o "-c port=$pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg_root -c shared_buffers=512MB -c max_wal_size=4GB -c max_connections=300" \
  start >/dev/null || { cat "$pg_root/server.log"; die "the PostgreSQL server did not start"; }
psql_admin() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qAtX -v ON_ERROR_STOP=1 "$@"; }
for database in loyalty baseline pgbench; do psql_admin -c "CREATE DATABASE $database"; done
pg() { echo "Host=127.0.0.1;Port=$pg_port;Database=$1;Username=postgres"; }
pg_pid=$(head -1 "$pg_data/postmaster.pid")
echo "PostgreSQL $(psql_admin -c 'SHOW server_version') on 127.0.0.1:$pg_port ($pg_settings)"

# ---------------------------------------------------------------------------------------------- hosts
key="perf-till-$RANDOM$RANDOM"

# start_engine NAME ARGS...: the engine in Release, Production environment, a till key of this run only. The runs
# drive tens of thousands of calls per second with that one key: its own rate limit is set far above that, so that the
# limiter is measured on the path but never refuses.
start_engine() {
  local name=$1 http silo gateway
  shift
  free_port http; free_port silo; free_port gateway
  echo "$name: dotnet Loyalty.Server.dll --urls http://127.0.0.1:$http --Loyalty:Cluster:SiloPort $silo --Loyalty:Cluster:GatewayPort $gateway $*"
  (cd "$engine_dir" && ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production exec dotnet Loyalty.Server.dll \
    --urls "http://127.0.0.1:$http" --Loyalty:Cluster:SiloPort "$silo" --Loyalty:Cluster:GatewayPort "$gateway" \
    --Loyalty:Auth:ApiKeys:0:Key "$key" --Loyalty:Auth:ApiKeys:0:Name load-tests --Loyalty:Auth:ApiKeys:0:Role till \
    --Loyalty:Auth:ApiKeys:0:PermitsPerSecond 1000000 --Loyalty:Auth:ApiKeys:0:Burst 1000000 \
    "$@") >"$out/logs/$name.log" 2>&1 &
  pids+=($!)
  printf -v "url_${name//-/_}" '%s' "http://127.0.0.1:$http"
  printf -v "pid_${name//-/_}" '%s' "$!"
}

# start_baseline NAME ARGS...: the SQL baseline in Release, the same key.
start_baseline() {
  local name=$1 http
  shift
  free_port http
  echo "$name: dotnet Loyalty.SqlBaseline.dll --urls http://127.0.0.1:$http $*"
  (cd "$baseline_dir" && ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production exec dotnet Loyalty.SqlBaseline.dll \
    --urls "http://127.0.0.1:$http" --Baseline:ApiKeys:0 "$key" "$@") >"$out/logs/$name.log" 2>&1 &
  pids+=($!)
  printf -v "url_${name//-/_}" '%s' "http://127.0.0.1:$http"
  printf -v "pid_${name//-/_}" '%s' "$!"
}

wait_ready() {
  local name=$1 url=$2 pid=$3 i
  for i in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$out/logs/$name.log"; die "$name stopped while starting (log above)"; }
    if curl -fs -o /dev/null --max-time 2 "$url"; then echo "$name ready at ${url%/health/*}"; return; fi
    sleep 0.5
  done
  tail -n 40 "$out/logs/$name.log"
  die "$name was not ready after 120 s"
}

# --only purchases needs the two hosts on PostgreSQL only.
hosts="engine-pg baseline-pg engine-sqlite baseline-sqlite"
if [ -n "$only" ]; then hosts="engine-pg baseline-pg"; fi
step "hosts: $hosts"
mkdir -p "$work/engine-sqlite" "$work/baseline-sqlite"
for host in $hosts; do
  case $host in
    engine-sqlite) start_engine engine-sqlite --Loyalty:Storage:Provider Sqlite --Loyalty:Storage:DataFolder "$work/engine-sqlite" ;;
    engine-pg) start_engine engine-pg --Loyalty:Storage:Provider PostgreSql --Loyalty:Storage:ConnectionString "$(pg loyalty)" ;;
    baseline-sqlite) start_baseline baseline-sqlite --Baseline:Provider Sqlite --Baseline:ConnectionString "Data Source=$work/baseline-sqlite/baseline.db" ;;
    baseline-pg) start_baseline baseline-pg --Baseline:Provider PostgreSql --Baseline:ConnectionString "$(pg baseline)" ;;
  esac
done
for host in $hosts; do
  url_var="url_${host//-/_}" pid_var="pid_${host//-/_}"
  case $host in
    engine-*) wait_ready "$host" "${!url_var}/health/ready" "${!pid_var}" ;;
    *) wait_ready "$host" "${!url_var}/health/live" "${!pid_var}" ;;
  esac
done

# ---------------------------------------------------------------------------------------------- scenarios
# lt NAME ARGS...: one run of the load generator; a run that fails is noted and the script goes on.
lt() {
  local name=$1 status=0
  shift
  echo "-- $name: Loyalty.LoadTests $*"
  dotnet "$tool" "$@" --key "$key" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "!! $name: exit code $status"
    problem "$name: exit code $status"
  fi
}
timed="--duration $duration --warmup $warmup --seed 1"
run_timeout=$((warmup + duration + 120))
# cpu_of HOST: the processes whose CPU time a timed run on HOST records (--cpu-of): the host, and the PostgreSQL
# server (the postmaster with its backends) when the host uses it.
cpu_of() {
  local pid_var="pid_${1//-/_}"
  case $1 in
    *-pg) echo "host=${!pid_var},postgres=$pg_pid" ;;
    *) echo "host=${!pid_var}" ;;
  esac
}
json_number() { grep -m1 "\"$2\":" "$1" 2>/dev/null | sed -E 's/.*: *([0-9.]+).*/\1/'; }

step "enrol $members members in each database, all at once (population id $population)"
enrolling=()
for host in $hosts; do
  url_var="url_${host//-/_}"
  echo "-- enrol $host: Loyalty.LoadTests load --url ${!url_var} --members $members --population-id $population --enrol-concurrency 32 --mix read=100 --duration 1 --warmup 0 --json enrol.$host.json"
  dotnet "$tool" load --url "${!url_var}" --key "$key" --members "$members" --population-id "$population" --enrol-concurrency 32 \
    --mix read=100 --duration 1 --warmup 0 --timeout 3600 --json "$out/enrol.$host.json" >"$out/logs/enrol.$host.log" 2>&1 &
  enrolling+=("$host:$!")
  enrol_pids+=($!)
done
for entry in "${enrolling[@]}"; do
  status=0
  wait "${entry#*:}" || status=$?
  grep -E '^enrolled [0-9]+ members' "$out/logs/enrol.${entry%%:*}.log" | sed "s/^/${entry%%:*}: /" || true
  [ "$status" -eq 0 ] || { tail -n 20 "$out/logs/enrol.${entry%%:*}.log"; die "enrolment on ${entry%%:*} failed (exit code $status)"; }
done
enrol_pids=()

# wrk_run HOST C: the purchases of `load --mix purchase=100 --concurrency C` sent by wrk over C connections
# (load-tests/wrk/purchase.lua: the same members and baskets, transaction ids of their own): a warm-up run, then the
# measured one, whose CPU time (wrk's, the host's, PostgreSQL's) `measure-cpu` records.
wrk_run() {
  local host=$1 c=$2 url_var="url_${1//-/_}" name="wrk.$1.c$2" status=0 answers
  local wrk_args=(-t "$wrk_threads" -c "$c" --timeout 30s -s "$here/wrk/purchase.lua" "${!url_var}" --)
  local script_args=("$key" "$population" "$members")
  echo "-- wrk $host c$c: wrk -t $wrk_threads -c $c -d ${duration}s --timeout 30s -s load-tests/wrk/purchase.lua ${!url_var} -- KEY $population $members RUN 1"
  if [ "$warmup" -gt 0 ]; then
    timeout "$run_timeout" wrk -d "${warmup}s" "${wrk_args[@]}" "${script_args[@]}" "w$RANDOM$RANDOM" 1 >"$out/logs/$name.warmup.txt" 2>&1 || status=$?
  fi
  if [ "$status" -eq 0 ]; then
    timeout "$run_timeout" dotnet "$tool" measure-cpu --json "$out/$name.cpu.json" --cpu-of "$(cpu_of "$host")" -- \
      wrk -d "${duration}s" "${wrk_args[@]}" "${script_args[@]}" "m$RANDOM$RANDOM" 1 >"$out/$name.txt" 2>&1 || status=$?
    cat "$out/$name.txt"
  fi
  answers=$(awk -F= '/^wrk_(not_2xx|socket_errors)=/ { n += $2 } END { print n + 0 }' "$out/$name.txt" 2>/dev/null || echo 0)
  if [ "$status" -ne 0 ] || ! grep -q '^wrk_requests=' "$out/$name.txt" 2>/dev/null; then
    echo "!! wrk $host c$c: exit code $status"
    problem "wrk $host c$c: exit code $status"
  elif [ "$answers" -gt 0 ]; then
    problem "wrk $host c$c: $answers answers not 2xx or socket errors"
  fi
}

if [ -z "$only" ]; then
step "balance reads vs the HTTP ceiling (engine on PostgreSQL, then on SQLite, closed loop $read_concurrency)"
for host in engine-pg engine-sqlite; do
  url_var="url_${host//-/_}"
  lt "reads $host" load --url "${!url_var}" --members "$members" --population-id "$population" --mix read=100 \
    --concurrency "$read_concurrency" $timed --timeout "$run_timeout" --json "$out/read.$host.json" --chart "$out/read.$host.png" \
    --cpu-of "$(cpu_of "$host")"
  lt "ceiling $host" load --url "${!url_var}" --mix live=100 \
    --concurrency "$read_concurrency" $timed --timeout "$run_timeout" --json "$out/live.$host.json" --chart "$out/live.$host.png" \
    --cpu-of "$(cpu_of "$host")"
done
fi

step "purchases on PostgreSQL, closed loop at concurrency $sweep: engine and SQL baseline; wrk on the engine at $wrk_sweep"
for c in $sweep; do
  for host in engine-pg baseline-pg; do
    url_var="url_${host//-/_}"
    lt "purchases $host c$c" load --url "${!url_var}" --members "$members" --population-id "$population" --mix purchase=100 \
      --concurrency "$c" $timed --timeout "$run_timeout" --json "$out/purchase.$host.c$c.json" --chart "$out/purchase.$host.c$c.png" \
      --cpu-of "$(cpu_of "$host")"
    if [ "$host" = engine-pg ] && [[ " $wrk_sweep " == *" $c "* ]]; then
      wrk_run "$host" "$c"
      # The generator once more right after wrk: the cross-check compares wrk with the mean of the runs on its two
      # sides, so that the drift between runs one after the other (background work the runs before left) cancels out.
      lt "purchases $host c$c again" load --url "${!url_var}" --members "$members" --population-id "$population" --mix purchase=100 \
        --concurrency "$c" $timed --timeout "$run_timeout" --json "$out/again.$host.c$c.json" --cpu-of "$(cpu_of "$host")"
    fi
  done
done

if [ -z "$only" ]; then

peak=0
for c in $sweep; do
  t=$(json_number "$out/purchase.engine-pg.c$c.json" throughput)
  peak=$(awk -v a="$peak" -v b="${t:-0}" 'BEGIN { print (b > a ? b : a) }')
done
half=$(awk -v p="$peak" 'BEGIN { r = int(p / 2); print (r < 1 ? 1 : r) }')
step "engine on PostgreSQL at half its peak: open loop at $half purchases/s (peak $peak/s)"
lt "half peak" load --url "$url_engine_pg" --members "$members" --population-id "$population" --mix purchase=100 \
  --rate "$half" $timed --timeout "$run_timeout" --json "$out/purchase.engine-pg.open.json" --chart "$out/purchase.engine-pg.open.png" \
  --cpu-of "$(cpu_of engine-pg)"

step "pgbench -N with ${pgbench_clients// / then } clients, on the same PostgreSQL server"
echo "pgbench -i -s $pgbench_scale pgbench"
if "$pg_bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -i -s "$pgbench_scale" -q pgbench >"$out/logs/pgbench-init.log" 2>&1; then
  for c in $pgbench_clients; do
    echo "pgbench -N -c $c -j $pgbench_threads -T $pgbench_seconds pgbench"
    if "$pg_bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -N -c "$c" -j "$pgbench_threads" \
         -T "$pgbench_seconds" pgbench >"$out/pgbench.c$c.txt" 2>&1; then
      grep -E '^(number of clients|duration|tps)' "$out/pgbench.c$c.txt" || true
    else
      cat "$out/pgbench.c$c.txt"
      problem "pgbench -c $c failed"
    fi
  done
else
  cat "$out/logs/pgbench-init.log"
  problem "pgbench -i failed"
fi

# Two runs in a row on one member (--population-id: the first enrols HOT-<population>, the second reuses it), the
# warm-up before the first only: the second's window starts right after the first's, as a second minute would.
hot_timeout=$((warmup + hot_duration + 120))
step "hot member: $hot_tills tills on one member, two runs of $hot_duration s in a row (engine on PostgreSQL)"
lt "hot" hot --url "$url_engine_pg" --tills "$hot_tills" --population-id "$population" \
  --duration "$hot_duration" --warmup "$warmup" --seed 1 --timeout "$hot_timeout" \
  --json "$out/hot.engine-pg.json" --chart "$out/hot.engine-pg.png" --cpu-of "$(cpu_of engine-pg)"
lt "hot, second run" hot --url "$url_engine_pg" --tills "$hot_tills" --population-id "$population" \
  --duration "$hot_duration" --warmup 0 --seed 1 --timeout "$hot_timeout" \
  --json "$out/hot.engine-pg.second.json" --chart "$out/hot.engine-pg.second.png" --cpu-of "$(cpu_of engine-pg)"

step "push: $push_watchers watchers, $push_rate purchases/s, $push_count purchases (engine on PostgreSQL)"
lt "push" push --url "$url_engine_pg" --watchers "$push_watchers" --rate "$push_rate" --count "$push_count" --concurrency 32 \
  --timeout $((push_count / push_rate + 300)) --json "$out/push.engine-pg.json"

step "purchases on SQLite, closed loop $sqlite_concurrency: engine and SQL baseline"
for host in engine-sqlite baseline-sqlite; do
  url_var="url_${host//-/_}"
  lt "purchases $host c$sqlite_concurrency" load --url "${!url_var}" --members "$members" --population-id "$population" \
    --mix purchase=100 --concurrency "$sqlite_concurrency" $timed --timeout "$run_timeout" \
    --json "$out/purchase.$host.c$sqlite_concurrency.json" --chart "$out/purchase.$host.c$sqlite_concurrency.png" \
    --cpu-of "$(cpu_of "$host")"
done

step "one request at a time: $sequential_count purchases (latency) on each host, $sequential_count GET /health/live (ceiling)"
for host in engine-sqlite engine-pg baseline-sqlite baseline-pg; do
  url_var="url_${host//-/_}"
  lt "latency $host" latency --url "${!url_var}" --count "$sequential_count" --json "$out/latency.$host.json"
done
for host in engine-sqlite baseline-sqlite; do
  url_var="url_${host//-/_}"
  lt "ceiling $host" ceiling --url "${!url_var}" --count "$sequential_count" --json "$out/ceiling.$host.json"
done

fi

step "stop the hosts and the PostgreSQL server"
stop_hosts
stop_postgres

# cold.sh builds (nothing left to build by then), starts its own engine and its own PostgreSQL server on free ports,
# and stops them; its figures and logs go to cold/. It runs in the background so that Ctrl+C (which does not reach a
# command under timeout) stops the wait at once and the clean-up stops it.
if [ -z "$only" ]; then
  step "cold members: load-tests/cold.sh --members $cold_members --days $cold_days --warmup $cold_warmup --out $out/cold"
  info cold_members "$cold_members"
  info cold_days "$cold_days"
  cold_started=$SECONDS
  status=0
  timeout 3600 "$here/cold.sh" --members "$cold_members" --days "$cold_days" --warmup "$cold_warmup" --out "$out/cold" &
  cold_pid=$!
  wait "$cold_pid" || status=$?
  cold_pid=""
  info cold_seconds "$((SECONDS - cold_started))"
  echo "cold.sh took $((SECONDS - cold_started)) s"
  [ "$status" -eq 0 ] || problem "cold members (cold.sh): exit code $status"
fi

if [ -z "$only" ] && [ -d load-tests/Loyalty.MemoryProbe ]; then
  step "memory per member grain: Loyalty.MemoryProbe --members $probe_members"
  status=0
  timeout 900 dotnet run -c Release --project load-tests/Loyalty.MemoryProbe -- --members "$probe_members" \
    --json "$out/memory.json" >"$out/logs/memory.log" 2>&1 || status=$?
  tail -n 20 "$out/logs/memory.log"
  [ "$status" -eq 0 ] || problem "memory probe: exit code $status"
fi

# ---------------------------------------------------------------------------------------------- report
info finished "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
info loadavg_end "$(loadavg)"
step "report"
dotnet "$tool" report "$out"
echo "Report: $out/report.md"
if [ ${#problems[@]} -gt 0 ]; then
  echo "Problems during the run (see run.log and logs/):"
  printf '  %s\n' "${problems[@]}"
  exit 1
fi

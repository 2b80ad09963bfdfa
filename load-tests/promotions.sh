#!/usr/bin/env bash
# Purchase throughput with no promotion and with N active promotions, with the same load tool and load: two engines
# on one private PostgreSQL server (a database each), 'zero' with no promotion and 'many' with N, measured in turns (A, B,
# A, B, ...) so that the machine's drift falls on both. Writes promotions.md (and each run's JSON) to a result folder.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: load-tests/promotions.sh [--promotions N] [--matching all|few|none] [--rounds R] [--duration S] [--warmup S] [--concurrency C] [--members M] [--out DIR]

  --promotions N   active promotions on the second engine (default 50)
  --matching M     all: most promotions are for every member and match the load's baskets, so a purchase applies
                   about half of them (a worst case); few: five do, the others are for a club, a tier or products
                   the load's members and baskets are not in, so a purchase evaluates all and applies a few;
                   none: all are for a club no member of the load is in, so a purchase evaluates all and applies none
                   (default all)
  --rounds R       measured runs on each engine, in turns (default 3)
  --duration S     measured seconds of each run (default 20)
  --warmup S       warm-up seconds before each run (default 5)
  --concurrency C  closed-loop tills (default 32, the engine's peak on PostgreSQL in the performance run)
  --members M      members enrolled on each engine (default 2,000)
  --out DIR        the result folder (default load-tests/results/promotions-<UTC time>/)
EOF
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
promotions=50 matching=all rounds=3 duration=20 warmup=5 concurrency=32 members=2000 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --promotions) promotions=${2:?}; shift ;;
    --matching) matching=${2:?}; shift ;;
    --rounds) rounds=${2:?}; shift ;;
    --duration) duration=${2:?}; shift ;;
    --warmup) warmup=${2:?}; shift ;;
    --concurrency) concurrency=${2:?}; shift ;;
    --members) members=${2:?}; shift ;;
    --out) out=${2:?}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
case "$matching" in all|few|none) ;; *) echo "--matching is all, few or none" >&2; exit 2 ;; esac
out=${out:-$root/load-tests/results/promotions-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out/logs"
out=$(cd "$out" && pwd)

# shellcheck source=../deploy/local/prerequisites.sh
. "$root/deploy/local/prerequisites.sh"
[ -n "$(pg_bin_dir)" ] || apt_install postgresql
command -v curl >/dev/null || apt_install curl
command -v python3 >/dev/null || apt_install python3
pg_bin=$(pg_bin_dir)

step() { echo "== $*"; }
die() { echo "promotions.sh: $*" >&2; exit 1; }

pids=()
work=$(mktemp -d /tmp/loyalty-promotions.XXXXXX)
chmod 755 "$work" # PostgreSQL runs as its own user
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -f "$work/pg/data/postmaster.pid" ] && as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

step "building (Release)"
dotnet build "$root/src/Loyalty.Server" -c Release -nologo -v quiet >"$out/logs/build.log" 2>&1 || die "build failed; see $out/logs/build.log"
dotnet build "$root/load-tests/Loyalty.LoadTests" -c Release -nologo -v quiet >>"$out/logs/build.log" 2>&1 || die "build failed"
engine_dir=$root/src/Loyalty.Server/bin/Release/net10.0
load_dll=$root/load-tests/Loyalty.LoadTests/bin/Release/net10.0/Loyalty.LoadTests.dll

step "PostgreSQL"
mkdir -p "$work/pg"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$work/pg"
as_postgres "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
free_port pg_port
as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 \
  -o "-c port=$pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work/pg -c shared_buffers=512MB -c max_connections=300" \
  start >/dev/null
for db in zero many; do "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qAtX -c "CREATE DATABASE $db"; done

till="promo-till-$RANDOM$RANDOM"
marketing="promo-marketing-$RANDOM$RANDOM"
start_engine() {
  local name=$1 http silo gateway
  free_port http; free_port silo; free_port gateway
  (cd "$engine_dir" && ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production exec dotnet Loyalty.Server.dll \
    --urls "http://127.0.0.1:$http" --Loyalty:Cluster:SiloPort "$silo" --Loyalty:Cluster:GatewayPort "$gateway" \
    --Loyalty:Storage:Provider PostgreSql --Loyalty:Storage:ConnectionString "Host=127.0.0.1;Port=$pg_port;Database=$name;Username=postgres" \
    --Loyalty:Auth:ApiKeys:0:Key "$till" --Loyalty:Auth:ApiKeys:0:Name load-tests --Loyalty:Auth:ApiKeys:0:Role till \
    --Loyalty:Auth:ApiKeys:0:PermitsPerSecond 1000000 --Loyalty:Auth:ApiKeys:0:Burst 1000000 \
    --Loyalty:Auth:ApiKeys:1:Key "$marketing" --Loyalty:Auth:ApiKeys:1:Name marketing --Loyalty:Auth:ApiKeys:1:Role marketing \
    ) >"$out/logs/engine-$name.log" 2>&1 &
  pids+=($!)
  printf -v "url_$name" '%s' "http://127.0.0.1:$http"
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$http/health/ready" && { echo "engine '$name' ready on port $http"; return; }
    sleep 0.5
  done
  tail -n 30 "$out/logs/engine-$name.log"
  die "engine '$name' not ready"
}
start_engine zero
start_engine many

# N promotions for everyone and for audiences this load's members are not in, so that every purchase evaluates all N:
# multipliers by category and by SKU, bonus points over a minimum spend, bonus stamps, club and tier audiences, and
# a fifth with a (large) points budget, so that the budget reservations are on the path too.
step "creating $promotions promotions on engine 'many'"
post() { curl -fsS -o /dev/null -X "$1" "$url_many$2" -H "X-Api-Key: $marketing" -H 'Content-Type: application/json' -d "$3"; }
post PUT /api/clubs/regulars '{"name":"Regulars","description":"benchmark club"}'
starts=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
ends=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)
categories=(coffee bakery food drinks)
skus=(LATTE ESPRESSO FLAT-WHITE CROISSANT SANDWICH WATER)
for i in $(seq 1 "$promotions"); do
  category=${categories[$((i % 4))]} sku=${skus[$((i % 6))]}
  case $((i % 10)) in
    0|5) effect="{\"kind\":\"multiplier\",\"value\":1.5,\"category\":\"$category\"}"; audience='{}' ;;
    1|6) effect="{\"kind\":\"multiplier\",\"value\":2,\"sku\":\"$sku\"}"; audience='{}' ;;
    2) effect="{\"kind\":\"bonusPoints\",\"value\":5,\"minSpend\":$((i % 7 + 3))}"; audience='{}' ;;
    3) effect='{"kind":"bonusStamps","value":1,"category":"coffee"}'; audience='{}' ;;
    4) effect="{\"kind\":\"multiplier\",\"value\":3,\"category\":\"$category\"}"; audience='{"clubId":"regulars"}' ;;
    7) effect='{"kind":"bonusPoints","value":20}'; audience='{"minTier":"Gold"}' ;;
    8) effect='{"kind":"bonusPoints","value":1,"minSpend":1}'; audience='{}' ;;
    9) effect="{\"kind\":\"multiplier\",\"value\":1.25,\"category\":\"$category\"}"; audience='{"clubId":"regulars"}' ;;
  esac
  if [ "$matching" = few ] && [ "$i" -gt 5 ]; then
    case $((i % 3)) in
      0) audience='{"clubId":"regulars"}' ;;
      1) audience='{"minTier":"Gold"}' ;;
      2) effect="{\"kind\":\"multiplier\",\"value\":2,\"sku\":\"NOT-SOLD-$i\"}" ;;
    esac
  fi
  [ "$matching" = none ] && audience='{"clubId":"regulars"}'
  budget=""
  [ $((i % 5)) -eq 3 ] && budget=',"budgetPoints":100000000'
  post POST /api/promotions "{\"name\":\"Benchmark promotion $i\",\"startsAt\":\"$starts\",\"endsAt\":\"$ends\",\"audience\":$audience,\"effect\":$effect$budget}"
done
active=$(curl -fsS "$url_many/api/promotions?active=true" -H "X-Api-Key: $marketing" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d if isinstance(d,list) else d.get("promotions",d.get("items",[]))))')
echo "active promotions on 'many': $active; on 'zero': 0"
[ "$active" -eq "$promotions" ] || die "expected $promotions active promotions, found $active"
sleep 1 # the node's copy of the catalogue is refreshed every 250 ms

# CPU time (clock ticks) of a process and its reaped children; of the PostgreSQL server, its postmaster and backends.
ticks_of() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local postmaster total child
  postmaster=$(head -1 "$work/pg/data/postmaster.pid")
  total=$(ticks_of "$postmaster")
  for child in $(pgrep -P "$postmaster"); do total=$((total + $(ticks_of "$child"))); done
  echo "$total"
}
hz=$(getconf CLK_TCK)

run_load() {
  local name=$1 round=$2 url_var="url_$1" pid_index engine_before pg_before
  pid_index=$([ "$name" = zero ] && echo 0 || echo 1)
  engine_before=$(ticks_of "${pids[$pid_index]}") pg_before=$(pg_ticks)
  dotnet "$load_dll" load --url "${!url_var}" --key "$till" --members "$members" --population-id "bench-$name" \
    --mix purchase=100 --concurrency "$concurrency" --duration "$duration" --warmup "$warmup" --seed "$round" \
    --json "$out/$name-$round.json" >"$out/logs/load-$name-$round.log" 2>&1 || { tail -5 "$out/logs/load-$name-$round.log"; die "load run $name $round failed"; }
  local engine_ticks=$(($(ticks_of "${pids[$pid_index]}") - engine_before)) pg_ticks_used=$(($(pg_ticks) - pg_before))
  # CPU per purchase: the processes' CPU time over the purchases of the whole run, warm-up included.
  python3 - "$out/$name-$round.json" "$engine_ticks" "$pg_ticks_used" "$hz" "$warmup" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
engine, pg, hz, warmup = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
latency = d["overall"]["latency"]
purchases = d["overall"]["requests"] * (d["durationSeconds"] + warmup) / d["durationSeconds"]
per = lambda ticks: ticks / hz * 1000 / purchases
print(f'{d["throughput"]:.0f} {latency["median"]:.1f} {latency["p99"]:.1f} {d["overall"]["errors"]} {per(engine):.3f} {per(pg):.3f}')
EOF
}

step "warming both engines (enrols $members members each)"
run_load zero 0 >/dev/null
run_load many 0 >/dev/null

step "$rounds rounds of ${duration} s, closed loop of $concurrency tills, purchases only"
results=()
for round in $(seq 1 "$rounds"); do
  for name in zero many; do
    read -r rate p50 p99 errors engine_cpu pg_cpu < <(run_load "$name" "$round")
    echo "round $round, $name: $rate purchases/s, p50 $p50 ms, p99 $p99 ms, errors $errors, CPU per purchase: engine $engine_cpu ms, PostgreSQL $pg_cpu ms"
    results+=("$round $name $rate $p50 $p99 $errors $engine_cpu $pg_cpu")
  done
done

step "what each engine stores per member and per ledger entry"
sizes=()
for name in zero many; do
  read -r state ledger < <("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d "$name" -qAtX -F ' ' -c \
    "SELECT (SELECT coalesce(round(avg(length(payload))), 0) FROM loyalty_grain_state WHERE state_name = 'member'),
            (SELECT coalesce(round(avg(length(details))), 0) FROM loyalty_ledger WHERE kind = 'purchase')")
  echo "$name: member state $state bytes on average, purchase ledger details $ledger bytes on average"
  sizes+=("$name=$state/$ledger")
done

MATCHING=$matching python3 - "$out/promotions.md" "$promotions" "$concurrency" "$duration" "${sizes[*]}" "${results[@]}" <<'EOF'
import sys, statistics, os
path, n, conc, dur, sizes, *rows = sys.argv[1:]
runs = [r.split() for r in rows]
by = {"zero": [], "many": []}
for rnd, name, rate, p50, p99, err, engine, pg in runs:
    by[name].append((float(rate), float(engine), float(pg)))
med = {k: [statistics.median(r[i] for r in v) for i in range(3)] for k, v in by.items()}
diff = lambda i: (med["many"][i] - med["zero"][i]) / med["zero"][i] * 100
size = dict(s.split("=") for s in sizes.split())
lines = [f"# Purchases with 0 and {n} active promotions ({os.environ.get('MATCHING', 'all')} matching)", "",
         f"Closed loop of {conc} tills, purchases only, {dur} s per run, engines on PostgreSQL; machine: {os.cpu_count()} cores.",
         "CPU per purchase is the process's CPU time over the run's purchases (warm-up included).", "",
         "| round | promotions | purchases/s | p50 ms | p99 ms | errors | engine CPU ms/purchase | PostgreSQL CPU ms/purchase |",
         "| --- | --- | --- | --- | --- | --- | --- | --- |"]
for rnd, name, rate, p50, p99, err, engine, pg in runs:
    lines.append(f"| {rnd} | {0 if name == 'zero' else n} | {float(rate):,.0f} | {p50} | {p99} | {err} | {engine} | {pg} |")
lines += ["", "Average bytes stored at the end (member state / purchase ledger details): "
          f"0 promotions {size['zero']}, {n} promotions {size['many']}.", "",
          f"Median: {med['zero'][0]:,.0f}/s with 0, {med['many'][0]:,.0f}/s with {n}: {diff(0):+.1f}%. "
          f"CPU per purchase: engine {med['zero'][1]:.3f} → {med['many'][1]:.3f} ms ({diff(1):+.1f}%), "
          f"PostgreSQL {med['zero'][2]:.3f} → {med['many'][2]:.3f} ms ({diff(2):+.1f}%)."]
open(path, "w").write("\n".join(lines) + "\n")
print("\n".join(lines[-1:]))
EOF
echo "== written to $out/promotions.md"

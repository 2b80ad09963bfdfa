#!/usr/bin/env bash
# A local cluster of the engine: a private PostgreSQL server and three engine nodes on loopback, clustered through
# that database (Loyalty:Cluster:Mode AdoNet). Everything it starts is recorded in one state folder.
#
#   cluster.sh start [--data DIR]   start PostgreSQL (data in DIR, kept; else a temporary folder, removed at stop),
#                                   build the engine (Release), migrate once, start nodes 1-3, wait until ready
#   cluster.sh status               PostgreSQL, each node (pid, ports, readiness) and the membership Orleans keeps
#   cluster.sh stop                 stop the nodes, then PostgreSQL
#   cluster.sh kill N               kill -9 node N (a crash: the others notice and declare it dead)
#   cluster.sh restart N            stop node N if it runs, start it again, wait until ready
#   cluster.sh pg-stop              stop PostgreSQL only (fast shutdown: sessions are cut), keeping its data and port
#   cluster.sh pg-start             start PostgreSQL again on the same port and data, wait until it accepts connections
#
# Node N serves HTTP on 127.0.0.1:(5080+N), Orleans on silo port 11210+N and gateway port 30210+N. The nodes talk over
# mutual TLS with throw-away certificates that start makes with openssl (a CA and one certificate per node, in the
# state folder's tls/). The nodes run in the Development environment (its till key is dev-till-key). Environment:
# LOYALTY_CLUSTER_STATE (state folder, default .cluster at the repository root), LOYALTY_CLUSTER_HTTP_BASE,
# LOYALTY_CLUSTER_SILO_BASE, LOYALTY_CLUSTER_GATEWAY_BASE, LOYALTY_CLUSTER_KEY_RATE (calls per second and burst allowed
# to each API key on each node, default 100000), LOYALTY_CLUSTER_ANONYMOUS_RATE (the same for calls without valid
# credentials, per address, default 100000), LOYALTY_CLUSTER_POOL_SIZE (each node's Npgsql pool, default 30: three
# nodes stay under PostgreSQL's 100 connections).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
state=${LOYALTY_CLUSTER_STATE:-$repo/.cluster}
http_base=${LOYALTY_CLUSTER_HTTP_BASE:-5080}
silo_base=${LOYALTY_CLUSTER_SILO_BASE:-11210}
gateway_base=${LOYALTY_CLUSTER_GATEWAY_BASE:-30210}
pool_size=${LOYALTY_CLUSTER_POOL_SIZE:-30}
nodes=(1 2 3)
cluster_id=loyalty-local-cluster
output=$repo/src/Loyalty.Server/bin/Release/net10.0

die() { echo "cluster.sh: $*" >&2; exit 1; }
say() { echo "== $*"; }

# shellcheck source=prerequisites.sh
. "$repo/deploy/local/prerequisites.sh"

install_missing() {
  local packages=()
  [ -n "$(pg_bin_dir)" ] || packages+=(postgresql)
  command -v curl >/dev/null || packages+=(curl)
  command -v openssl >/dev/null || packages+=(openssl)
  command -v npm >/dev/null || packages+=(nodejs npm) # the build bundles the pages
  [ ${#packages[@]} -eq 0 ] && return
  say "installing ${packages[*]}"
  apt_install "${packages[@]}"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

load_state() {
  [ -f "$state/cluster.env" ] || die "no cluster in $state (run: cluster.sh start)"
  # shellcheck disable=SC1091
  . "$state/cluster.env"
}

# Each node's Npgsql pool is bounded so that three of them stay under the server's max_connections (100): with the
# default pool of 100 a node each, a busy cluster took every connection, and a node restarting then could not join.
connection_string() { echo "Host=127.0.0.1;Port=$pg_port;Database=loyalty;Username=postgres;Maximum Pool Size=$pool_size"; }

# Starts the server of $pg_root on $pg_port, loopback only, and waits until it accepts connections.
pg_ctl_start() {
  as_postgres "$(pg_bin_dir)/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w -t 60 \
    -o "-c port=$pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg_root" start >/dev/null
}

start_postgres() {
  local data=$1 bin
  bin=$(pg_bin_dir)
  if [ -z "$data" ]; then
    pg_root=$(mktemp -d /tmp/loyalty-cluster-pg.XXXXXX)
    pg_temporary=1
  else
    mkdir -p "$data"
    pg_root=$(cd "$data" && pwd)
    pg_temporary=0
  fi
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_root"
  local fresh=0
  if [ ! -f "$pg_root/data/PG_VERSION" ]; then
    as_postgres "$bin/initdb" -D "$pg_root/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
    fresh=1
  fi
  free_port pg_port || die "no free port found for PostgreSQL"
  say "PostgreSQL on 127.0.0.1:$pg_port (data in $pg_root/data)"
  pg_ctl_start
  if [ "$fresh" -eq 1 ]; then
    as_postgres "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres loyalty
  fi
  cat >"$state/cluster.env" <<EOF
pg_root=$pg_root
pg_port=$pg_port
pg_temporary=$pg_temporary
EOF
}

# A throw-away certificate authority and a certificate for each node, for Loyalty:Cluster:Tls: made again at every start.
make_certificates() {
  rm -rf "$state/tls"
  LOYALTY_CERT_DAYS=30 "$repo/deploy/make-certificates.sh" "$state/tls" "${nodes[@]/#/node}" >/dev/null
  say "certificates in $state/tls (an authority, and nodes 1-3)"
}

stop_postgres() {
  [ -f "$pg_root/data/postmaster.pid" ] && as_postgres "$(pg_bin_dir)/pg_ctl" -D "$pg_root/data" -m fast -w stop >/dev/null
  if [ "$pg_temporary" = 1 ]; then rm -rf "$pg_root"; fi
  rm -f "$state/cluster.env"
}

start_node() {
  local n=$1
  alive "$state/node$n.pid" && die "node $n already runs (pid $(cat "$state/node$n.pid"))"
  local http=$((http_base + n)) silo=$((silo_base + n)) gateway=$((gateway_base + n)) port
  for port in "$http" "$silo" "$gateway"; do port_free "$port" || die "port $port of node $n is taken"; done
  (
    cd "$output"
    export ASPNETCORE_ENVIRONMENT=Development
    export Loyalty__Storage__Provider=PostgreSql
    export Loyalty__Storage__ConnectionString="$(connection_string)"
    export Loyalty__Storage__ApplySchemaOnStart=false
    export Loyalty__Cluster__Mode=AdoNet
    export Loyalty__Cluster__ClusterId=$cluster_id
    export Loyalty__Cluster__AdvertisedAddress=127.0.0.1
    export Loyalty__Cluster__SiloPort=$silo
    export Loyalty__Cluster__GatewayPort=$gateway
    export Loyalty__Cluster__Tls__CertificatePath=$state/tls/node$n.pem
    export Loyalty__Cluster__Tls__KeyPath=$state/tls/node$n.key
    export Loyalty__Cluster__Tls__TrustedCaPath=$state/tls/ca.pem
    # Load and fault runs drive the cluster hard with the one till key: keys get a limit well above what they send.
    export Loyalty__RateLimits__ApiKey__PermitsPerSecond=${LOYALTY_CLUSTER_KEY_RATE:-100000}
    export Loyalty__RateLimits__ApiKey__Burst=${LOYALTY_CLUSTER_KEY_RATE:-100000}
    # The fault tests send their hostile and unauthenticated calls from one address too: no per-address limit on them
    # either, so that they are not held up (the limit itself is tested in tests/Loyalty.Server.Tests/RateLimitTests.cs).
    export Loyalty__RateLimits__Anonymous__PermitsPerSecond=${LOYALTY_CLUSTER_ANONYMOUS_RATE:-100000}
    export Loyalty__RateLimits__Anonymous__Burst=${LOYALTY_CLUSTER_ANONYMOUS_RATE:-100000}
    # The fault tests ask for sign-in codes from one address, for addresses of their own: no per-address cap on them.
    export Loyalty__Identity__CodeRequestsPerAddress=${LOYALTY_CLUSTER_CODE_RATE:-100000}
    exec setsid dotnet Loyalty.Server.dll --urls "http://127.0.0.1:$http" >>"$state/node$n.log" 2>&1 </dev/null
  ) &
  echo $! >"$state/node$n.pid"
  echo "node $n: pid $(cat "$state/node$n.pid"), http://127.0.0.1:$http, silo $silo, gateway $gateway, log $state/node$n.log"
}

wait_ready() {
  local n=$1 url="http://127.0.0.1:$((http_base + $1))/health/ready"
  for _ in $(seq 1 180); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && { echo "node $n: ready"; return; }
    alive "$state/node$n.pid" || die "node $n exited; see $state/node$n.log"
    sleep 0.5
  done
  die "node $n not ready after 90 s; see $state/node$n.log"
}

stop_node() {
  local n=$1 pid
  alive "$state/node$n.pid" || { rm -f "$state/node$n.pid"; return; }
  pid=$(cat "$state/node$n.pid")
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$state/node$n.pid"
  echo "node $n: stopped"
}

pg_running() { [ -f "$pg_root/data/postmaster.pid" ]; }

cmd_pg_stop() {
  load_state
  pg_running || die "PostgreSQL does not run"
  as_postgres "$(pg_bin_dir)/pg_ctl" -D "$pg_root/data" -m fast -w -t 60 stop >/dev/null
  echo "PostgreSQL: stopped (data kept in $pg_root/data; cluster.sh pg-start starts it again)"
}

cmd_pg_start() {
  load_state
  pg_running && die "PostgreSQL runs already"
  port_free "$pg_port" || die "PostgreSQL's port $pg_port is taken"
  pg_ctl_start
  echo "PostgreSQL: started on 127.0.0.1:$pg_port"
}

check_node_number() { [[ "${1:-}" =~ ^[1-3]$ ]] || die "give a node number, 1 to 3"; }

cmd_start() {
  local data=""
  while [ $# -gt 0 ]; do
    case $1 in
      --data) data=${2:?--data needs a folder}; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [ -f "$state/cluster.env" ] && die "a cluster is recorded in $state already (cluster.sh status, cluster.sh stop)"
  mkdir -p "$state"
  rm -f "$state"/node*.log "$state"/node*.pid "$state/migrate.log"
  install_missing
  start_postgres "$data"
  say "building the engine (Release)"
  dotnet build "$repo/src/Loyalty.Server" -c Release -nologo -v quiet >"$state/build.log" 2>&1 \
    || { tail -20 "$state/build.log"; die "build failed; see $state/build.log"; }
  say "migrating"
  (cd "$output" && dotnet Loyalty.Server.dll migrate --Loyalty:Storage:Provider PostgreSql \
    --Loyalty:Storage:ConnectionString "$(connection_string)" >>"$state/migrate.log" 2>&1) \
    || die "migrate failed; see $state/migrate.log"
  make_certificates
  say "starting nodes"
  for n in "${nodes[@]}"; do start_node "$n"; done
  for n in "${nodes[@]}"; do wait_ready "$n"; done
}

cmd_status() {
  load_state
  local pg_state=down
  as_postgres "$(pg_bin_dir)/pg_isready" -q -h 127.0.0.1 -p "$pg_port" && pg_state=up
  echo "PostgreSQL: $pg_state, 127.0.0.1:$pg_port, data $pg_root/data, connection string '$(connection_string)'"
  for n in "${nodes[@]}"; do
    local process=down ready=-
    alive "$state/node$n.pid" && process="up (pid $(cat "$state/node$n.pid"))"
    ready=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$((http_base + n))/health/ready" || true)
    echo "node $n: $process, http://127.0.0.1:$((http_base + n)) ready=$ready, silo $((silo_base + n)), gateway $((gateway_base + n))"
  done
  [ "$pg_state" = up ] || return 0
  echo "membership (Orleans' table):"
  as_postgres "$(pg_bin_dir)/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d loyalty -X -q -P footer=off -c "
    SELECT port AS silo_port, proxy_port AS gateway_port, generation,
           CASE status WHEN 3 THEN 'active' WHEN 6 THEN 'dead' WHEN 2 THEN 'joining' WHEN 4 THEN 'shutting down'
                       WHEN 5 THEN 'stopping' ELSE status::text END AS status,
           date_trunc('second', i_am_alive_time) AS last_alive
    FROM loyalty_cluster_node WHERE cluster_id = '$cluster_id' ORDER BY start_time DESC LIMIT 12"
}

cmd_stop() {
  load_state
  for n in "${nodes[@]}"; do stop_node "$n"; done
  stop_postgres
  echo "PostgreSQL: stopped"
}

cmd_kill() {
  check_node_number "${1:-}"
  load_state
  alive "$state/node$1.pid" || die "node $1 does not run"
  kill -KILL "$(cat "$state/node$1.pid")"
  rm -f "$state/node$1.pid"
  echo "node $1: killed (-9)"
}

cmd_restart() {
  check_node_number "${1:-}"
  load_state
  stop_node "$1"
  start_node "$1"
  wait_ready "$1"
}

case ${1:-} in
  start) shift; cmd_start "$@" ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  kill) cmd_kill "${2:-}" ;;
  restart) cmd_restart "${2:-}" ;;
  pg-stop) cmd_pg_stop ;;
  pg-start) cmd_pg_start ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

#!/usr/bin/env bash
# The insights queries at scale: fills the read model of a private PostgreSQL server and of a SQLite file with N
# members (default 1,000,000) of realistic rows, then explains (EXPLAIN (ANALYZE, BUFFERS) / EXPLAIN QUERY PLAN) and
# times every insights query with the engine's own store (load-tests/Loyalty.InsightsPlans). Writes insights.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: load-tests/insights.sh [--members N] [--ledger-entries E] [--repeat R] [--only postgresql|sqlite] [--out DIR]

  --members N   members in the read model (default 1000000)
  --ledger-entries E
                ledger entries, spread evenly over the members (default 0: the ledger stays empty); the
                projector's ledger read is explained against them
  --repeat R    timed runs of each call, after a warm-up (default 5)
  --only DB     fill and measure one database only (default both)
  --out DIR     the result folder (default load-tests/results/insights-<UTC time>/)
EOF
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
members=1000000 ledger_entries=0 repeat=5 only="" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --members) members=${2:?}; shift ;;
    --ledger-entries) ledger_entries=${2:?}; shift ;;
    --repeat) repeat=${2:?}; shift ;;
    --only) only=${2:?}; shift ;;
    --out) out=${2:?}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
case "$only" in ""|postgresql|sqlite) ;; *) echo "--only is postgresql or sqlite" >&2; exit 2 ;; esac
[[ "$members" =~ ^[0-9]+$ ]] && [ "$members" -ge 100 ] || { echo "--members is a whole number, at least 100" >&2; exit 2; }
[[ "$ledger_entries" =~ ^[0-9]+$ ]] || { echo "--ledger-entries is a whole number" >&2; exit 2; }
per_member=$(( (ledger_entries + members - 1) / members ))
out=${out:-$root/load-tests/results/insights-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out/logs"
out=$(cd "$out" && pwd)

# shellcheck source=../deploy/local/prerequisites.sh
. "$root/deploy/local/prerequisites.sh"
if [ "$only" != sqlite ]; then [ -n "$(pg_bin_dir)" ] || apt_install postgresql; fi
if [ "$only" != postgresql ]; then command -v sqlite3 >/dev/null || apt_install sqlite3; fi
pg_bin=$(pg_bin_dir)

step() { echo "== $*"; }
die() { echo "insights.sh: $*" >&2; exit 1; }

work=$(mktemp -d /tmp/loyalty-insights.XXXXXX)
chmod 755 "$work" # PostgreSQL runs as its own user
cleanup() {
  [ -f "$work/pg/data/postmaster.pid" ] && as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

step "building (Release)"
dotnet build "$root/load-tests/Loyalty.InsightsPlans" -c Release -nologo -v quiet >"$out/logs/build.log" 2>&1 || die "build failed; see $out/logs/build.log"
plans=$root/load-tests/Loyalty.InsightsPlans/bin/Release/net10.0/Loyalty.InsightsPlans.dll

# Every member is evaluated as of this moment; the rows are drawn with fixed seeds, so a size gives the same data.
as_of=$(date -u +%Y-%m-%dT12:00:00Z)

# The distributions (both databases): the last order is recent for 70 % of the members, 30 to 90 days old for 15 %,
# and 90 to 400 days old (lost) for 15 %. 12-month spend is log-normal-like (about 10.00 to 550.00, a long tail),
# none for members lost over a year ago. Of the members not lost, 6 % are lapsed, 4 % have a falling average order
# value and 4 % dropped a category (some more than one: about 13 % at risk). The facts column holds a JSON text of
# about 700 characters, the size of a regular customer's.

fill_postgresql() {
  local psql=("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d insights -qAtX -v ON_ERROR_STOP=1)
  for f in "$root"/deploy/sql/postgresql/*.sql; do "${psql[@]}" -f "$f" >/dev/null; done
  "${psql[@]}" >/dev/null <<SQL
SELECT setseed(0.42);
CREATE TEMP TABLE draw AS
SELECT i, random() AS recency, random() AS spend, random() AS risk, random() AS kind, random() AS jitter
FROM generate_series(1, $members) AS i;
INSERT INTO loyalty_insights_member
  (member_id, revision, facts, evaluated_at, first_order_at, last_order_at, lifetime_orders, lifetime_spend_cents,
   spend_12m_cents, yearly_value_cents, at_risk, lapsed, aov_falling, category_dropped, reasons, value_at_stake_cents,
   lost_at, segments)
SELECT 'M-' || lpad(i::text, 8, '0'), 1, facts, evaluated, first_at, last_at, orders, lifetime, spend12m, yearly,
       lapsed OR aov OR category, lapsed, aov, category,
       CASE WHEN lapsed OR aov OR category THEN '[{"kind":"lapsed","text":"Usually orders every 7 days; none for 30 days.","usualIntervalDays":7,"daysSinceLastOrder":30}]' ELSE '[]' END,
       CASE WHEN lapsed OR aov OR category THEN yearly ELSE 0 END,
       CASE WHEN lost THEN last_at + interval '90 days' END,
       concat_ws(',', CASE WHEN lapsed OR aov OR category THEN 'at-risk' END, CASE WHEN lapsed THEN 'lapsed' END)
FROM (
  SELECT i, last_at, last_at - (30 + jitter * 700) * interval '1 day' AS first_at, lost,
         (timestamptz '$as_of' - jitter * interval '1 day') AS evaluated,
         (5 + spend * 120)::int AS orders, (exp(spend * 4) * 1000 * 3)::bigint AS lifetime,
         CASE WHEN last_at < timestamptz '$as_of' - interval '365 days' THEN 0 ELSE (exp(spend * 4) * 1000)::bigint END AS spend12m,
         (exp(spend * 4) * 1000)::bigint AS yearly,
         NOT lost AND risk < 0.06 AS lapsed, NOT lost AND kind < 0.04 AS aov, NOT lost AND kind > 0.96 AS category,
         '{"f":1700000000000,"l":1760000000000,"n":40,"s":123456,"c":["coffee","pastry","sandwich"],"o":['
           || repeat('[1760000000000,1250,0,1],', 24) || '[1760000000000,1250,0]],"m":[[24300,18]]}' AS facts
  FROM (
    SELECT d.*, timestamptz '$as_of' - CASE
             WHEN recency < 0.70 THEN recency / 0.70 * 30
             WHEN recency < 0.85 THEN 30 + (recency - 0.70) / 0.15 * 60
             ELSE 90.01 + (recency - 0.85) / 0.15 * 310 END * interval '1 day' AS last_at,
           recency >= 0.85 AS lost
    FROM draw d) x) y;
INSERT INTO loyalty_insights_month (month, active, retained, new)
SELECT m, ($members * (0.55 + 0.05 * sin(m))), ($members * (0.45 + 0.04 * sin(m))), ($members * 0.03)
FROM generate_series(extract(year FROM timestamptz '$as_of')::int * 12 - 36, extract(year FROM timestamptz '$as_of')::int * 12 + 12) AS m;
VACUUM ANALYZE loyalty_insights_member;
VACUUM ANALYZE loyalty_insights_month;
SQL
}

fill_sqlite() {
  local db=$1
  for f in "$root"/src/Loyalty.Storage/Sql/sqlite/*.sql; do sqlite3 "$db" <"$f" >/dev/null; done
  local as_of_s=${as_of%Z}
  sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
CREATE TEMP TABLE draw AS
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $members)
SELECT i, abs(random() % 1000000) / 1000000.0 AS recency, abs(random() % 1000000) / 1000000.0 AS spend,
       abs(random() % 1000000) / 1000000.0 AS risk, abs(random() % 1000000) / 1000000.0 AS kind,
       abs(random() % 1000000) / 1000000.0 AS jitter
FROM n;
INSERT INTO loyalty_insights_member
  (member_id, revision, facts, evaluated_at, first_order_at, last_order_at, lifetime_orders, lifetime_spend_cents,
   spend_12m_cents, yearly_value_cents, at_risk, lapsed, aov_falling, category_dropped, reasons, value_at_stake_cents,
   lost_at, segments)
SELECT 'M-' || substr('00000000' || i, -8), 1, facts, strftime('%Y-%m-%dT%H:%M:%S', julianday('$as_of_s') - jitter) || '.0000000Z',
       strftime('%Y-%m-%dT%H:%M:%S', last_day - 30 - jitter * 700) || '.0000000Z', strftime('%Y-%m-%dT%H:%M:%S', last_day) || '.0000000Z',
       orders, lifetime, CASE WHEN last_day < julianday('$as_of_s') - 365 THEN 0 ELSE yearly END, yearly,
       (lapsed OR aov OR category), lapsed, aov, category,
       CASE WHEN lapsed OR aov OR category THEN '[{"kind":"lapsed","text":"Usually orders every 7 days; none for 30 days.","usualIntervalDays":7,"daysSinceLastOrder":30}]' ELSE '[]' END,
       CASE WHEN lapsed OR aov OR category THEN yearly ELSE 0 END,
       CASE WHEN lost THEN strftime('%Y-%m-%dT%H:%M:%S', last_day + 90) || '.0000000Z' END,
       CASE WHEN lapsed THEN 'at-risk,lapsed' WHEN aov OR category THEN 'at-risk' ELSE '' END
FROM (
  SELECT i, jitter, last_day, lost, CAST(5 + spend * 120 AS INTEGER) AS orders, CAST(exp(spend * 4) * 3000 AS INTEGER) AS lifetime,
         CAST(exp(spend * 4) * 1000 AS INTEGER) AS yearly,
         (NOT lost AND risk < 0.06) AS lapsed, (NOT lost AND kind < 0.04) AS aov, (NOT lost AND kind > 0.96) AS category,
         '{"f":1700000000000,"l":1760000000000,"n":40,"s":123456,"c":["coffee","pastry","sandwich"],"o":['
           || replace(printf('%.24c', 'x'), 'x', '[1760000000000,1250,0,1],') || '[1760000000000,1250,0]],"m":[[24300,18]]}' AS facts
  FROM (
    SELECT d.*, julianday('$as_of_s') - CASE
             WHEN recency < 0.70 THEN recency / 0.70 * 30
             WHEN recency < 0.85 THEN 30 + (recency - 0.70) / 0.15 * 60
             ELSE 90.01 + (recency - 0.85) / 0.15 * 310 END AS last_day,
           recency >= 0.85 AS lost
    FROM draw d));
WITH RECURSIVE m(month) AS (SELECT CAST(strftime('%Y', '$as_of_s') AS INTEGER) * 12 - 36 UNION ALL SELECT month + 1 FROM m
                            WHERE month < CAST(strftime('%Y', '$as_of_s') AS INTEGER) * 12 + 12)
INSERT INTO loyalty_insights_month (month, active, retained, new)
SELECT month, CAST($members * (0.55 + 0.05 * sin(month)) AS INTEGER), CAST($members * (0.45 + 0.04 * sin(month)) AS INTEGER),
       CAST($members * 0.03 AS INTEGER) FROM m;
COMMIT;
ANALYZE;
SQL
}

# The ledger: E entries, per_member for each member (a purchase a week back from as-of, every tenth a redemption),
# loaded before the primary key is built, as a restore would.
fill_ledger_postgresql() {
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d insights -qAtX -v ON_ERROR_STOP=1 >/dev/null <<SQL
ALTER TABLE loyalty_ledger DROP CONSTRAINT loyalty_ledger_pk;
INSERT INTO loyalty_ledger (member_id, sequence, kind, at, transaction_id, store_id, points, balance, amount_cents, description, details)
SELECT 'M-' || lpad(m::text, 8, '0'), s, CASE WHEN s % 10 = 0 THEN 'redemption' ELSE 'purchase' END,
       timestamptz '$as_of' - s * interval '7 days', 'T-' || s, 'S-01', 12, 12 * s, 1250, 'Purchase of 2 item(s), 12.50 EUR',
       '{"occurredAt":"2026-01-01T00:00:00Z","lines":[{"sku":"LATTE","category":"coffee","quantity":2,"unitPrice":6.25}]}'
FROM generate_series(1, $members) AS m, generate_series(1, $per_member) AS s
LIMIT $ledger_entries;
ALTER TABLE loyalty_ledger ADD CONSTRAINT loyalty_ledger_pk PRIMARY KEY (member_id, sequence);
VACUUM ANALYZE loyalty_ledger;
SQL
}

fill_ledger_sqlite() {
  sqlite3 "$1" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE e(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM e WHERE n + 1 < $ledger_entries)
INSERT INTO loyalty_ledger (member_id, sequence, kind, at, transaction_id, store_id, points, balance, amount_cents, description, details)
SELECT 'M-' || substr('00000000' || (n / $per_member + 1), -8), n % $per_member + 1,
       CASE WHEN (n % $per_member + 1) % 10 = 0 THEN 'redemption' ELSE 'purchase' END,
       '2026-01-01T00:00:00.0000000Z', 'T-' || (n % $per_member + 1), 'S-01', 12, 12, 1250, 'Purchase of 2 item(s), 12.50 EUR',
       '{"occurredAt":"2026-01-01T00:00:00Z","lines":[{"sku":"LATTE","category":"coffee","quantity":2,"unitPrice":6.25}]}'
FROM e;
COMMIT;
ANALYZE loyalty_ledger;
SQL
}

{
  echo "# Retention insights: query plans and times at $members members"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) of memory,"
  echo "with \`load-tests/insights.sh --members $members --ledger-entries $ledger_entries --repeat $repeat${only:+ --only $only}\`. Read model as of $as_of."
  echo "Every statement is the engine's own (\`InsightsQueries\` in src/Loyalty.Storage/Insights); times are of the calls"
  echo "the API makes, run $repeat times after a warm-up, from a client on the same machine."
  echo
} >"$out/insights.md"

if [ "$only" != sqlite ]; then
  step "PostgreSQL: filling $members members"
  mkdir -p "$work/pg"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$work/pg"
  as_postgres "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
  free_port pg_port
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 \
    -o "-c port=$pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work/pg -c shared_buffers=512MB -c work_mem=16MB" \
    start >/dev/null
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qAtX -c "CREATE DATABASE insights"
  started=$SECONDS
  fill_postgresql >"$out/logs/fill-postgresql.log" 2>&1 || { cat "$out/logs/fill-postgresql.log"; die "filling PostgreSQL failed"; }
  echo "filled in $((SECONDS - started)) s"
  if [ "$ledger_entries" -gt 0 ]; then
    step "PostgreSQL: filling the ledger with $ledger_entries entries"
    started=$SECONDS
    fill_ledger_postgresql >"$out/logs/fill-ledger-postgresql.log" 2>&1 || { cat "$out/logs/fill-ledger-postgresql.log"; die "filling the ledger failed"; }
    echo "filled in $((SECONDS - started)) s"
  fi
  step "PostgreSQL: plans and times"
  dotnet "$plans" --provider PostgreSql --connection "Host=127.0.0.1;Port=$pg_port;Database=insights;Username=postgres" \
    --as-of "$as_of" --out "$work/postgresql.md" --repeat "$repeat" | tee "$out/logs/plans-postgresql.log"
  echo "PostgreSQL $("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qAtX -c 'SHOW server_version'), shared_buffers 512MB." >>"$out/insights.md"
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d insights -qAtX -c \
    "SELECT 'Read model table and indexes: ' || pg_size_pretty(pg_total_relation_size('loyalty_insights_member'))
            || '; ledger: ' || (SELECT count(*) FROM loyalty_ledger) || ' entries, '
            || pg_size_pretty(pg_total_relation_size('loyalty_ledger')) || '.'" >>"$out/insights.md"
  echo >>"$out/insights.md"
  cat "$work/postgresql.md" >>"$out/insights.md"
fi

if [ "$only" != postgresql ]; then
  step "SQLite: filling $members members"
  started=$SECONDS
  fill_sqlite "$work/insights.db" >"$out/logs/fill-sqlite.log" 2>&1 || { cat "$out/logs/fill-sqlite.log"; die "filling SQLite failed"; }
  echo "filled in $((SECONDS - started)) s"
  if [ "$ledger_entries" -gt 0 ]; then
    step "SQLite: filling the ledger with $ledger_entries entries"
    started=$SECONDS
    fill_ledger_sqlite "$work/insights.db" >"$out/logs/fill-ledger-sqlite.log" 2>&1 || { cat "$out/logs/fill-ledger-sqlite.log"; die "filling the ledger failed"; }
    echo "filled in $((SECONDS - started)) s"
  fi
  step "SQLite: plans and times"
  dotnet "$plans" --provider Sqlite --connection "Data Source=$work/insights.db" \
    --as-of "$as_of" --out "$work/sqlite.md" --repeat "$repeat" | tee "$out/logs/plans-sqlite.log"
  echo "SQLite $(sqlite3 --version | cut -d' ' -f1), file of $(du -h "$work/insights.db" | cut -f1) (WAL)." >>"$out/insights.md"
  echo >>"$out/insights.md"
  cat "$work/sqlite.md" >>"$out/insights.md"
fi

step "report: $out/insights.md"

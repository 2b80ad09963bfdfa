# Shared by test.sh, load-tests/run.sh and deploy/local/cluster.sh (sourced, not run): installing what is missing
# with Debian's apt, finding PostgreSQL's server binaries, and running them as the postgres user when root.

# apt_install PACKAGE...: installs with apt-get (through sudo when not root), updating the package lists once.
apt_install() {
  local sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd=sudo
  if [ -z "${_loyalty_apt_updated:-}" ]; then
    $sudo_cmd apt-get update -qq
    _loyalty_apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >/dev/null
}

# pg_bin_dir: the folder of PostgreSQL's server binaries (initdb, pg_ctl, psql, pgbench), the newest version first;
# nothing when they are missing.
pg_bin_dir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/psql" ] && [ -x "$dir/pgbench" ] && { echo "$dir"; return; }
  done
  if command -v initdb >/dev/null && command -v pgbench >/dev/null; then dirname "$(command -v initdb)"; fi
  return 0
}

# as_postgres COMMAND...: PostgreSQL refuses to run as root, so as root its commands run as the postgres user.
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# port_free PORT: whether nothing listens on 127.0.0.1:PORT.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port VAR: sets VAR to a port from 20000 up to the kernel's ephemeral range (32768 by default) that nothing
# listens on and that this shell has not handed out before (a host given a port may not have bound it yet); fails after
# 50 tries. Below that range no outgoing connection takes the port as its own between the check and the bind (a port
# of the range once made an engine's restart fail with "address already in use").
free_ports_given=" "
free_port() {
  local p low
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  [ "${low:-0}" -gt 21000 ] 2>/dev/null || low=32768
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % (low - 20000)))
    [[ "$free_ports_given" == *" $p "* ]] && continue
    port_free "$p" && { free_ports_given+="$p "; printf -v "$1" '%s' "$p"; return 0; }
  done
  echo "no free port" >&2
  return 1
}

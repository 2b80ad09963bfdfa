#!/bin/sh
# Entry point of the compose cluster's load balancer (nginx.Dockerfile): makes a self-signed certificate on first start
# when none is there, writes nginx's configuration from nginx.conf.template, then runs its command (nginx).
#
# Settings (environment), with their defaults:
#   LB_NODES         node1:8080 node2:8080 node3:8080   the engine's nodes (host:port, separated by spaces)
#   LB_HTTP_LISTEN   80              where plain HTTP is answered (a redirect to HTTPS): a port, or address:port
#   LB_HTTPS_LISTEN  443             where HTTPS is answered
#   LB_HTTPS_PORT    443             the HTTPS port that clients see (the published one): where HTTP redirects to
#   LB_TLS_DIR       /etc/nginx/tls  the certificate (cert.pem, with its chain) and its key (key.pem)
#   LB_TLS_NAMES     DNS:localhost,IP:127.0.0.1   the names of a self-signed certificate made here
#   LB_HSTS_MAX_AGE  31536000        Strict-Transport-Security max-age: a year, in seconds
#   LB_ACCESS_LOG    /dev/stdout     the access log (without access_token values)
#   LB_TEMPLATE      /etc/nginx/nginx.conf.template
#   LB_CONF          /etc/nginx/nginx.conf
set -eu

: "${LB_NODES:=node1:8080 node2:8080 node3:8080}"
: "${LB_HTTP_LISTEN:=80}"
: "${LB_HTTPS_LISTEN:=443}"
: "${LB_HTTPS_PORT:=443}"
: "${LB_TLS_DIR:=/etc/nginx/tls}"
: "${LB_TLS_NAMES:=DNS:localhost,IP:127.0.0.1}"
: "${LB_HSTS_MAX_AGE:=31536000}"
: "${LB_ACCESS_LOG:=/dev/stdout}"
: "${LB_TEMPLATE:=/etc/nginx/nginx.conf.template}"
: "${LB_CONF:=/etc/nginx/nginx.conf}"

cert="$LB_TLS_DIR/cert.pem"
key="$LB_TLS_DIR/key.pem"
if [ -e "$cert" ] && [ -e "$key" ]; then
  echo "nginx-entrypoint: using the certificate in $LB_TLS_DIR"
elif [ -e "$cert" ] || [ -e "$key" ]; then
  echo "nginx-entrypoint: $LB_TLS_DIR has only one of cert.pem and key.pem; mount both, or neither for a self-signed one" >&2
  exit 1
else
  # Kept in the folder (a volume), so that clients that trust it once go on trusting it. 825 days: the longest that
  # Apple's systems accept for a server certificate, even one trusted by hand.
  echo "nginx-entrypoint: no certificate in $LB_TLS_DIR: making a self-signed one for $LB_TLS_NAMES"
  mkdir -p "$LB_TLS_DIR"
  (
    umask 077
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 \
      -subj "/CN=loyalty load balancer" -addext "subjectAltName=$LB_TLS_NAMES" \
      -keyout "$key.new" -out "$cert.new" 2>/dev/null
  )
  chmod 644 "$cert.new"
  mv "$key.new" "$key"
  mv "$cert.new" "$cert"
fi

# One upstream line per node; the HTTPS port in redirects only when it is not the default.
LB_UPSTREAM_SERVERS=$(for node in $LB_NODES; do printf '        server %s max_fails=2 fail_timeout=10s;\n' "$node"; done)
LB_HTTPS_PORT_SUFFIX=""
[ "$LB_HTTPS_PORT" = 443 ] || LB_HTTPS_PORT_SUFFIX=":$LB_HTTPS_PORT"
export LB_UPSTREAM_SERVERS LB_HTTPS_PORT_SUFFIX LB_HTTP_LISTEN LB_HTTPS_LISTEN LB_TLS_DIR LB_HSTS_MAX_AGE LB_ACCESS_LOG
envsubst '${LB_UPSTREAM_SERVERS} ${LB_HTTPS_PORT_SUFFIX} ${LB_HTTP_LISTEN} ${LB_HTTPS_LISTEN} ${LB_TLS_DIR} ${LB_HSTS_MAX_AGE} ${LB_ACCESS_LOG}' \
  <"$LB_TEMPLATE" >"$LB_CONF"

exec "$@"

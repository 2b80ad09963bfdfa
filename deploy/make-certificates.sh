#!/bin/sh
# Certificates for the nodes' mutual TLS (Loyalty:Cluster:Tls), made with openssl:
#
#   deploy/make-certificates.sh DIR NAME...
#
# makes in DIR a certificate authority of the cluster's own (ca.pem, ca.key), unless DIR holds one already, and for each
# NAME a node certificate issued by it (NAME.pem, NAME.key; EC P-256, for server and client authentication: a node is
# both). Files that exist are kept: delete a node's files to renew its certificate, or use a new DIR for a new authority
# (see the README, Security). Environment: LOYALTY_CERT_DAYS (validity, default 365). Give each node NAME.pem as
# Loyalty:Cluster:Tls:CertificatePath, NAME.key as KeyPath and ca.pem as TrustedCaPath. Keep ca.key off the nodes.
set -eu

[ $# -ge 2 ] || { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
dir=$1
shift
days=${LOYALTY_CERT_DAYS:-365}
mkdir -p "$dir"
umask 077

if [ ! -f "$dir/ca.pem" ] || [ ! -f "$dir/ca.key" ]; then
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$days" \
    -subj "/CN=loyalty cluster CA $(date -u +%Y%m%d%H%M%S)" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
  chmod 644 "$dir/ca.pem"
  echo "make-certificates.sh: authority $dir/ca.pem"
fi

extensions="$dir/.node-extensions"
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\n' >"$extensions"
for name in "$@"; do
  [ -f "$dir/$name.pem" ] && [ -f "$dir/$name.key" ] && continue
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=loyalty node $name" \
    -keyout "$dir/$name.key" -out "$dir/$name.csr" 2>/dev/null
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
    -days "$days" -extfile "$extensions" -out "$dir/$name.pem" 2>/dev/null
  rm -f "$dir/$name.csr"
  chmod 644 "$dir/$name.pem"
  echo "make-certificates.sh: node $dir/$name.pem, key $dir/$name.key"
done
rm -f "$extensions"

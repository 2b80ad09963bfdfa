# The compose cluster's load balancer: Debian's nginx, with openssl for the self-signed certificate made on first start
# and envsubst for the configuration. Build from this folder:  docker build -f nginx.Dockerfile -t loyalty-lb .
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx openssl gettext-base \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/*
COPY nginx.conf.template /etc/nginx/nginx.conf.template
COPY --chmod=755 nginx-entrypoint.sh /usr/local/bin/nginx-entrypoint.sh
# The certificate and its key: a volume, made on first start when nothing is mounted there.
VOLUME /etc/nginx/tls
EXPOSE 80 443
STOPSIGNAL SIGQUIT
ENTRYPOINT ["/usr/local/bin/nginx-entrypoint.sh"]
CMD ["nginx", "-c", "/etc/nginx/nginx.conf", "-g", "daemon off;"]

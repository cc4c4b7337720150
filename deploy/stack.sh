#!/usr/bin/env bash
# The production stack on one machine: `make stack` / `make stack-stop`.
#
#   nginx (Debian's package)  https://127.0.0.1:8080   deploy/nginx/*.conf, as they are
#     ├─ gunicorn instance 1  127.0.0.1:8001           config.settings.production
#     └─ gunicorn instance 2  127.0.0.1:8002
#   worker (db_worker), scheduler (run_scheduler)
#   PostgreSQL  $STACK_DATABASE_URL   (the machine's server; started only if it is down)
#   Redis       $STACK_REDIS_URL      (cache and sessions; started only if it is down)
#
# Everything it starts is written to var/stack/started, and `stop` stops exactly that.
# Logs are in var/stack/log/. The TLS certificate is self-signed, made once into
# var/stack/tls/ (clients here use `curl --cacert var/stack/tls/cert.pem`).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
STACK=var/stack
PY=.venv/bin/python
PGURL=${STACK_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/statportal_stack}
REDIS_URL_STACK=${STACK_REDIS_URL:-redis://127.0.0.1:6379/10}
# Ports: STACK_PORT (nginx) and STACK_APP_PORTS (the two instances) let several stacks share a
# machine; other values than the defaults run a copy of deploy/nginx/ with those ports (var/nginx-ports/).
NGINX_PORT=${STACK_PORT:-8080}
read -r -a PORTS <<<"${STACK_APP_PORTS:-8001 8002}"
NGINX_CONF=deploy/nginx/nginx.conf

# The environment every stack process runs with: production settings, unchanged.
stack_env() {
  export DJANGO_SETTINGS_MODULE=config.settings.production
  export SECRET_KEY_FILE="$ROOT/$STACK/secret_key"
  export ALLOWED_HOSTS=127.0.0.1,localhost
  export CSRF_TRUSTED_ORIGINS=https://127.0.0.1:$NGINX_PORT,https://localhost:$NGINX_PORT
  export WAGTAILADMIN_BASE_URL=https://127.0.0.1:$NGINX_PORT
  export DATABASE_URL="$PGURL"
  export REDIS_URL="$REDIS_URL_STACK"
  export VAR_DIR="$ROOT/$STACK"
  export MEDIA_ROOT="$ROOT/$STACK/media" STATIC_ROOT="$ROOT/$STACK/static" PRIVATE_ROOT="$ROOT/$STACK/private"
  export MEDIA_X_ACCEL_REDIRECT=/_protected_media/
  export TRUSTED_PROXIES=127.0.0.1
  export GUNICORN_WORKERS=${GUNICORN_WORKERS:-2}
}

started() { echo "$1" >>"$STACK/started"; }

url_part() {  # url_part URL host|port|db
  "$PY" -c 'import sys, urllib.parse as u; p = u.urlparse(sys.argv[1]); print({"host": p.hostname or "127.0.0.1", "port": p.port or {"postgres": 5432, "redis": 6379}[p.scheme.split("+")[0]], "db": p.path.lstrip("/")}[sys.argv[2]])' "$1" "$2"
}

ensure_postgres() {
  local host port db
  host=$(url_part "$PGURL" host) port=$(url_part "$PGURL" port) db=$(url_part "$PGURL" db)
  if ! pg_isready -q -h "$host" -p "$port"; then
    echo "PostgreSQL is not answering on $host:$port: starting the machine's cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
    started postgres
    for _ in $(seq 30); do pg_isready -q -h "$host" -p "$port" && break; sleep 1; done
  fi
  if ! psql -h "$host" -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
    createdb -h "$host" -p "$port" -U postgres "$db"
  fi
}

ensure_redis() {
  local host port
  host=$(url_part "$REDIS_URL_STACK" host) port=$(url_part "$REDIS_URL_STACK" port)
  if ! redis-cli -h "$host" -p "$port" ping >/dev/null 2>&1; then
    echo "Redis is not answering on $host:$port: starting one"
    redis-server --daemonize yes --bind "$host" --port "$port" --save "" --appendonly no \
      --pidfile "$ROOT/$STACK/redis.pid" --logfile "$ROOT/$STACK/log/redis.log"
    started redis
    for _ in $(seq 20); do redis-cli -h "$host" -p "$port" ping >/dev/null 2>&1 && break; sleep 0.5; done
  fi
  # A stack starts with an empty cache: nothing cached by an earlier run survives.
  redis-cli -u "$REDIS_URL_STACK" flushdb >/dev/null
}

make_secrets() {
  mkdir -p "$STACK/tls" "$STACK/log"
  [ -s "$STACK/secret_key" ] || (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(64))' >"$STACK/secret_key")
  if [ ! -s "$STACK/tls/cert.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=127.0.0.1" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      -keyout "$STACK/tls/key.pem" -out "$STACK/tls/cert.pem" 2>/dev/null
  fi
}

prepare_app() {
  "$PY" manage.py migrate --noinput -v0
  "$PY" manage.py load_demo
  "$PY" manage.py collectstatic --noinput -v0
}

start_app() {
  local i=0
  for port in "${PORTS[@]}"; do
    i=$((i + 1))
    GUNICORN_BIND=127.0.0.1:$port .venv/bin/gunicorn config.wsgi -c deploy/gunicorn.conf.py \
      --daemon --pid "$STACK/gunicorn-$i.pid" --access-logfile "$STACK/log/gunicorn-$i-access.log" \
      --error-logfile "$STACK/log/gunicorn-$i.log"
    started "pidfile $STACK/gunicorn-$i.pid"
  done
  for name in db_worker run_scheduler; do
    nohup "$PY" manage.py "$name" >"$STACK/log/$name.log" 2>&1 &
    echo $! >"$STACK/$name.pid"
    started "pidfile $STACK/$name.pid"
  done
}

ensure_nginx() {
  command -v nginx >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's nginx for the stack…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
  else
    echo "nginx is missing: install Debian's nginx (or nginx-light) package" >&2
    exit 1
  fi
}

start_nginx() {
  ensure_nginx
  mkdir -p "$STACK/nginx"/{client_body,proxy,fastcgi,uwsgi,scgi,cache}
  # nginx started as root runs its workers as nobody: they write only these folders.
  [ "$(id -u)" = 0 ] && chown -R nobody "$STACK/nginx"
  if [ "$NGINX_PORT ${PORTS[*]}" != "8080 8001 8002" ]; then
    # Two folders deep like deploy/nginx/, so the certificate paths stay right.
    NGINX_CONF=var/nginx-ports/nginx.conf
    mkdir -p var/nginx-ports
    for f in deploy/nginx/*.conf; do
      sed -e "s/:8080 /:$NGINX_PORT /; s/:8001 /:${PORTS[0]} /; s/:8002 /:${PORTS[1]} /" "$f" >"var/nginx-ports/${f##*/}"
    done
  fi
  nginx -p "$ROOT/" -c "$NGINX_CONF" -t -q
  nginx -p "$ROOT/" -c "$NGINX_CONF"
  started nginx
}

wait_until_up() {
  for _ in $(seq 60); do
    if curl -sf --cacert "$STACK/tls/cert.pem" -o /dev/null https://127.0.0.1:$NGINX_PORT/fa/; then
      echo "The stack answers on https://127.0.0.1:$NGINX_PORT/ (logs in $STACK/log/)"
      return 0
    fi
    sleep 1
  done
  echo "The stack did not answer within 60 s; see $STACK/log/" >&2
  return 1
}

start() {
  [ -s "$STACK/started" ] && { echo "A stack is already running (make stack-stop first)" >&2; exit 1; }
  make_secrets
  stack_env
  ensure_postgres
  ensure_redis
  prepare_app
  start_app
  start_nginx
  wait_until_up
}

stop_pidfile() {
  local file=$1 pid
  [ -s "$file" ] || return 0
  pid=$(cat "$file")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

stop() {
  [ -s "$STACK/started" ] || { echo "No stack is running."; return 0; }
  # Stop in the reverse order of starting.
  tac "$STACK/started" | while read -r what arg; do
    case $what in
      nginx) stop_pidfile "$STACK/nginx.pid" ;;
      pidfile) stop_pidfile "$arg" ;;
      redis) stop_pidfile "$STACK/redis.pid" ;;
      postgres) pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main stop ;;
    esac
  done
  rm -f "$STACK/started"
  echo "Stopped what the stack had started."
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  env) stack_env && env | grep -E '^(DJANGO_SETTINGS_MODULE|SECRET_KEY_FILE|ALLOWED_HOSTS|DATABASE_URL|REDIS_URL|VAR_DIR|MEDIA_ROOT|STATIC_ROOT|PRIVATE_ROOT|MEDIA_X_ACCEL_REDIRECT|TRUSTED_PROXIES|CSRF_TRUSTED_ORIGINS|WAGTAILADMIN_BASE_URL)=' | sed 's/^/export /' ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac

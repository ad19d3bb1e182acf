#!/bin/sh
# Scale-out on one machine, to try it or to rehearse a deployment: Redis, two Balint Timer
# processes and nginx in front, all on loopback, everything under one temporary directory.
# Ctrl-C stops them all. Needs Debian's redis-server and nginx (apt-get install -y
# redis-server nginx-light) and `npm ci`. Run from anywhere:
#
#   deploy/run-local.sh                 # http://127.0.0.1:8080
#   LISTEN=8090 APP_PORTS="4001 4002" REDIS_PORT=6390 deploy/run-local.sh
#
# Kill one process (kill -9 <pid>, printed below) and watch its screens carry on on the other.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LISTEN=${LISTEN:-8080}
APP_PORTS=${APP_PORTS:-"3001 3002"}
REDIS_PORT=${REDIS_PORT:-6380}
RUN=$(mktemp -d "${TMPDIR:-/tmp}/balint-deploy.XXXXXX")
PUBLIC_URL=${PUBLIC_URL:-http://127.0.0.1:$LISTEN}
PIDS=""

stop() {
  trap - EXIT INT TERM
  for pid in $PIDS; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$RUN"
}
trap stop EXIT INT TERM

if [ ! -d "$ROOT/client/dist" ]; then
  echo "Building the client (npm run build)..."
  (cd "$ROOT" && npm run build >/dev/null)
fi

# Redis with an append-only file fsynced every second: a Redis crash loses nothing acked,
# a power cut at most about a second (docs/DEPLOY.md).
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$RUN" --save '' \
  --appendonly yes --appendfsync everysec >"$RUN/redis.log" 2>&1 &
PIDS="$PIDS $!"
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done

set -- $APP_PORTS
FIRST=$1
SECOND=$2
for port in "$FIRST" "$SECOND"; do
  (cd "$ROOT" && PORT=$port HOST=127.0.0.1 PUBLIC_URL=$PUBLIC_URL \
    REDIS_URL=redis://127.0.0.1:$REDIS_PORT TRUST_PROXY=1 \
    exec node --import tsx server/src/main.ts) >"$RUN/app-$port.log" 2>&1 &
  PIDS="$PIDS $!"
  echo "process on port $port: pid $!, log $RUN/app-$port.log"
done

for port in "$FIRST" "$SECOND"; do
  until node -e "fetch('http://127.0.0.1:$port/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; do
    sleep 0.2
  done
done

# deploy/nginx.conf as it is, with this run's ports, inside a minimal main configuration whose
# pid, logs and temporary files all live in $RUN (so nginx needs no root).
sed -e "s/listen 80;/listen 127.0.0.1:$LISTEN;/" \
  -e "s/127.0.0.1:3001/127.0.0.1:$FIRST/" -e "s/127.0.0.1:3002/127.0.0.1:$SECOND/" \
  "$ROOT/deploy/nginx.conf" >"$RUN/balint-timer.conf"
cat >"$RUN/nginx.conf" <<EOF
worker_processes 1;
pid $RUN/nginx.pid;
error_log $RUN/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $RUN/client_body;
  proxy_temp_path $RUN/proxy;
  fastcgi_temp_path $RUN/fastcgi;
  uwsgi_temp_path $RUN/uwsgi;
  scgi_temp_path $RUN/scgi;
  include $RUN/balint-timer.conf;
}
EOF
nginx -c "$RUN/nginx.conf" -g 'daemon off;' &
PIDS="$PIDS $!"

echo "Balint Timer: $PUBLIC_URL (nginx) → 127.0.0.1:$FIRST and 127.0.0.1:$SECOND, Redis on $REDIS_PORT"
echo "Files: $RUN (removed on exit). Ctrl-C stops everything."
wait

#!/usr/bin/env bash
# Time to ready of the hub (JVM launch -> /actuator/health/readiness 200), cold (fresh data directory)
# and warm (restart on the same data), for the plain packaged jar with config/jvm.options and for the
# production start scripts/run-hub.sh with the class data sharing archive. H2, loopback, random secrets.
# Needs: mvn -B package -Dhub.skipUnitTests=true, then scripts/build-cds.sh. Usage: scripts/measure-start.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
jar=$(ls target/integration-hub-*.jar | grep -v -- '-plain\.jar$' | head -n 1)
key() { head -c 32 /dev/urandom | base64; }
export HUB_ADMIN_USER=start-admin HUB_ADMIN_PASSWORD="$(key)" HUB_ATTACHMENTS_KEY="$(key)" HUB_AUDIT_KEY="$(key)"
export HUB_SECRETS_DIR=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$work" "$HUB_SECRETS_DIR"' EXIT
mapfile -t options < <(sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' config/jvm.options | grep -v '^$')
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

measure() { # mode data-dir cold|warm
  local port bport start pid end
  port=$(free_port); bport=$(free_port)
  local args=(--hub.data-dir="$2" --server.port="$port" --server.address=127.0.0.1 --hub.broker.port="$bport")
  start=$(date +%s%N)
  if [ "$1" = cds ]; then
    scripts/run-hub.sh "${args[@]}" >"$2.log" 2>&1 &
  else
    java "${options[@]}" -jar "$jar" "${args[@]}" >"$2.log" 2>&1 &
  fi
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health/readiness")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "the hub exited; its log:" >&2; tail -n 30 "$2.log" >&2; exit 1; }
    sleep 0.1
  done
  end=$(date +%s%N)
  echo "$1 $3: ready in $(( (end - start) / 1000000 )) ms ($(grep -o 'Started HubApplication in [0-9.]* seconds' "$2.log")), load $(cut -d' ' -f1 /proc/loadavg)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

for round in $(seq "$rounds"); do
  for mode in plain cds; do
    measure "$mode" "$work/$mode-$round" cold
    measure "$mode" "$work/$mode-$round" warm
  done
done

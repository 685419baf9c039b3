#!/usr/bin/env bash
# Builds the production start layout of the hub: the packaged jar extracted into target/cds/
# (application jar + lib/, which the JVM can map from a class data sharing archive; a nested jar cannot)
# and a dynamic AppCDS archive target/cds/integration-hub.jsa of every class a start loads.
# scripts/run-hub.sh uses both when present. Run after `mvn package` on the machine (and the JDK) that
# runs the hub; run it again after every new build: an archive of another jar is not used (the JVM
# warns and starts without it). See docs/startup.md.
#
# The training run starts the hub up to the end of its context refresh (engine built, processes
# deployed, broker started, nothing started that takes work: no HTTP port, no consumers, no job
# executor) on a throwaway data directory with throwaway keys, then exits, and the JVM writes the archive.
set -euo pipefail

cd "$(dirname "$0")/.."
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=$(ls target/integration-hub-*.jar 2>/dev/null | grep -v -- '-plain\.jar$' | head -n 1 || true)
[ -n "$jar" ] || { echo "no target/integration-hub-*.jar: run mvn -B package -Dhub.skipUnitTests=true first" >&2; exit 1; }

out=target/cds
rm -rf "$out"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$out" --application-filename integration-hub.jar >/dev/null

training=$(mktemp -d)
trap 'rm -rf "$training"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
key() { head -c 32 /dev/urandom | base64; }

# The same JVM options as the production start (config/jvm.options), so the archive fits them.
mapfile -t options < <(sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' config/jvm.options 2>/dev/null | grep -v '^$' || true)

HUB_ADMIN_USER=cds-training HUB_ADMIN_PASSWORD="$(key)" HUB_ATTACHMENTS_KEY="$(key)" HUB_AUDIT_KEY="$(key)" \
HUB_SECRETS_DIR="$training/secrets" \
  "$java" "${options[@]}" -XX:ArchiveClassesAtExit="$out/integration-hub.jsa" \
    -Dspring.context.exit=onRefresh \
    -Dhub.data-dir="$training/data" -Dhub.broker.port="$(free_port)" -Dserver.port=0 \
    -jar "$out/integration-hub.jar" >"$training/training.log" 2>&1 || true

if [ ! -s "$out/integration-hub.jsa" ]; then
  echo "the training run wrote no archive; its log:" >&2
  tail -n 40 "$training/training.log" >&2
  exit 1
fi
echo "CDS archive: $out/integration-hub.jsa ($(du -h "$out/integration-hub.jsa" | cut -f1)); start with scripts/run-hub.sh"

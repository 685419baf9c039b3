#!/usr/bin/env bash
# Starts the hub for production from the packaged build, with the JVM options of config/jvm.options.
# Uses the extracted layout and its class data sharing archive (scripts/build-cds.sh: about 40% less
# CPU at start) when they belong to the current jar, the packaged jar itself otherwise.
# Secrets come from the environment or $HUB_SECRETS_DIR as the README says (HUB_ADMIN_USER /
# HUB_ADMIN_PASSWORD, HUB_ATTACHMENTS_KEY, HUB_AUDIT_KEY, ...); the hub refuses to start without its keys.
# Arguments go to the hub, e.g. --spring.profiles.active=postgres; extra JVM options in $JAVA_OPTS.
# Runs in the repository's root: config/, processes/, routes/ and (by default) data/ are read there.
set -euo pipefail

cd "$(dirname "$0")/.."
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=$(ls target/integration-hub-*.jar 2>/dev/null | grep -v -- '-plain\.jar$' | head -n 1 || true)
[ -n "$jar" ] || { echo "no target/integration-hub-*.jar: run mvn -B package -Dhub.skipUnitTests=true first" >&2; exit 1; }

mapfile -t options < <(sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' config/jvm.options 2>/dev/null | grep -v '^$' || true)

cds=target/cds
if [ -f "$cds/integration-hub.jar" ] && [ ! "$jar" -nt "$cds/integration-hub.jar" ]; then
  jar=$cds/integration-hub.jar
  if [ -f "$cds/integration-hub.jsa" ]; then
    options+=("-XX:SharedArchiveFile=$cds/integration-hub.jsa")
  fi
elif [ -f "$cds/integration-hub.jar" ]; then
  echo "target/cds is older than $jar: starting without it (run scripts/build-cds.sh again)" >&2
fi

# shellcheck disable=SC2086 # JAVA_OPTS holds several options
exec "$java" "${options[@]}" ${JAVA_OPTS:-} -jar "$jar" "$@"

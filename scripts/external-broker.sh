#!/usr/bin/env bash
# Creates an Apache Artemis broker instance for the hub's `external-broker` profile, from the
# apache-artemis distribution (Maven Central: org.apache.activemq:apache-artemis:<version>:bin:tar.gz,
# the version the hub's client uses). The instance:
#   - listens on HUB_BROKER_HOST:HUB_BROKER_PORT (default 127.0.0.1:61616), CORE protocol only;
#   - requires a login: HUB_BROKER_USER / HUB_BROKER_PASSWORD (no anonymous access);
#   - is persistent (journal under <instance>/data, fsync on);
#   - has the hub's queues (hub.inbound, hub.inbound.dlq) and its address settings
#     (config/artemis/hub-address-settings.xml: dead-letter and expiry addresses, redelivery backoff);
#   - has no web console.
# Usage: scripts/external-broker.sh <artemis-home> <instance-dir>
# Then run it with <instance-dir>/bin/artemis run (foreground) or <instance-dir>/bin/artemis-service start.
set -euo pipefail

home=${1:?usage: external-broker.sh <artemis-home> <instance-dir>}
instance=${2:?usage: external-broker.sh <artemis-home> <instance-dir>}
: "${HUB_BROKER_USER:?set HUB_BROKER_USER to the broker user the hub logs in with}"
: "${HUB_BROKER_PASSWORD:?set HUB_BROKER_PASSWORD to the password of that user}"
host=${HUB_BROKER_HOST:-127.0.0.1}
port=${HUB_BROKER_PORT:-61616}
settings="$(cd "$(dirname "$0")/.." && pwd)/config/artemis/hub-address-settings.xml"

"$home/bin/artemis" create "$instance" --silent --force \
  --user "$HUB_BROKER_USER" --password "$HUB_BROKER_PASSWORD" --require-login \
  --host "$host" --default-port "$port" --nio \
  --no-web --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
  --queues hub.inbound,hub.inbound.dlq >/dev/null

broker="$instance/etc/broker.xml"
# Only the CORE protocol on the acceptor, and the hub's settings for every address instead of the defaults.
SETTINGS="$(cat "$settings")" perl -0pi -e '
  s{protocols=[A-Z,]+}{protocols=CORE};
  s{<address-setting match="#">.*?</address-setting>}{$ENV{SETTINGS}}s or die "no catch-all address-setting in broker.xml\n";
' "$broker"
grep -q "redelivery-delay-multiplier" "$broker" || { echo "broker.xml was not patched" >&2; exit 1; }
echo "Artemis instance in $instance listens on $host:$port (CORE, login required)"

#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages if needed, starts it on loopback and creates the hub's
# database and role. For the `postgres` profile's test run (CI) and for trying the hub on PostgreSQL.
# Needs root (apt-get, pg_ctlcluster). The password comes from HUB_DB_PASSWORD.
set -euo pipefail

: "${HUB_DB_PASSWORD:?set HUB_DB_PASSWORD to the password for the database role of the hub}"
db_name=${HUB_DB_NAME:-hub}
db_user=${HUB_DB_USER:-hub}
as_postgres() { (cd /tmp && runuser -u postgres -- "$@"); }

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start
fi

# Wait until the server accepts connections (bounded).
for _ in $(seq 1 30); do
  if as_postgres psql -qAt -c 'select 1' >/dev/null 2>&1; then break; fi
  sleep 1
done

as_postgres psql -v ON_ERROR_STOP=1 -q <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${db_user}') THEN
    CREATE ROLE "${db_user}" LOGIN PASSWORD '${HUB_DB_PASSWORD}';
  ELSE
    ALTER ROLE "${db_user}" LOGIN PASSWORD '${HUB_DB_PASSWORD}';
  END IF;
END
\$\$;
SQL
if ! as_postgres psql -qAt -c "SELECT 1 FROM pg_database WHERE datname = '${db_name}'" | grep -q 1; then
  as_postgres createdb -O "${db_user}" "${db_name}"
fi
echo "PostgreSQL $version is running on 127.0.0.1:5432 with database '${db_name}' owned by '${db_user}'"

#!/usr/bin/env bash
# The benchmarks of docs/benchmarks.md (issue 7) on H2 and on PostgreSQL, in one go:
#   scripts/benchmark.sh [extra Maven arguments, e.g. -Dbenchmark.events=5000 -Dit.test=IngestBenchmark]
# Installs PostgreSQL from Debian's packages if missing (apt-get; needs root), starts it as
# scripts/postgres-start.sh does, creates a fresh database for the run, then runs
#   mvn -B -Pbenchmark verify -Dbenchmark.db=h2
#   mvn -B -Pbenchmark verify -Dbenchmark.db=postgres   (HUB_DB_URL/USER/PASSWORD of the fresh database)
# Each run rewrites its own blocks of docs/benchmarks.md. BENCHMARK_DATABASES=h2 (or postgres) runs one only.
set -euo pipefail
cd "$(dirname "$0")/.."

databases=${BENCHMARK_DATABASES:-h2 postgres}
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit (with local changes)"; fi

for db in $databases; do
  case "$db" in
    h2)
      mvn -B -Pbenchmark verify -Dbenchmark.db=h2 "-Dbenchmark.commit=$commit" "$@"
      ;;
    postgres)
      export HUB_DB_PASSWORD=${HUB_DB_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}
      # A role of its own (postgres-start.sh sets the role's password): the tests' role "hub" keeps its own.
      user=${HUB_DB_USER:-hub_bench}
      HUB_DB_USER=$user HUB_DB_NAME=$user scripts/postgres-start.sh
      # A fresh database per run, so no earlier run's cases are counted (the role comes from postgres-start.sh).
      name="hub_bench_$(date +%Y%m%d%H%M%S)"
      (cd /tmp && runuser -u postgres -- createdb -O "$user" "$name")
      export HUB_DB_USER=$user HUB_DB_URL="jdbc:postgresql://127.0.0.1:5432/$name"
      status=0
      mvn -B -Pbenchmark verify -Dbenchmark.db=postgres "-Dbenchmark.commit=$commit" "$@" || status=$?
      if [ "${BENCHMARK_KEEP_DATABASE:-}" != "1" ]; then
        (cd /tmp && runuser -u postgres -- dropdb --if-exists "$name") || true
      fi
      [ "$status" -eq 0 ] || exit "$status"
      ;;
    *)
      echo "unknown database '$db' (h2 or postgres)" >&2
      exit 2
      ;;
  esac
done

#!/usr/bin/env bash
# Write benchmark: 1,000 roles, each with its own attached customer managed policy, created through
# the IAM API (AWS SDK, SigV4, loopback HTTP) on a real server with the embedded SQLite store;
# req/s per hundred roles, first and last hundred and their ratio, for the server as it ships and
# for the reference (GATEHOUSE_SNAPSHOT_REBUILD=full: every policy compiled on every rebuild), in
# one process.
# Usage: bench/write-bench.sh [ROLES] [MODES]   (defaults: 1000 delta,full; builds first)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -q -B -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true -pl bench -am package
java -cp "bench/target/classes:bench/target/lib/*" dev.gatehouse.bench.RoleWriteRun "${@}" \
  2> >(grep --line-buffered -v -E ':INFO :|HTTP server did not stop cleanly|^\s+at |^Caused by|TimeoutException' >&2)

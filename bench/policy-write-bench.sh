#!/usr/bin/env bash
# Customer managed policy writes in a small and a large account (see README.md, "Large accounts and
# start-up", "What is left"): CPU µs per operation (the write and the next snapshot), measured by
# PolicyWriteRun on copies of two data directories filled once by its `fill` mode, small and large
# alternating, and the tree before a change alternating with this one when BEFORE_CLASSES names
# the before tree's core classes (they go first on the classpath).
# usage: bench/policy-write-bench.sh [ROUNDS] [OPS] [CPU_SECONDS]   (defaults 2 200 20)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${1:-2}"
ops="${2:-200}"
seconds="${3:-20}"
large_size="${SCALE_LARGE:-10000 2000 1000 5000}"
small_size="${SCALE_SMALL:-100 20 10 150}"
cp_after="$here/target/classes:$here/target/lib/*"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java_run() { nice -n -20 java -XX:+UseSerialGC -Xmx1g -cp "$1" dev.gatehouse.bench.PolicyWriteRun "${@:2}"; }
# shellcheck disable=SC2086
java_run "$cp_after" fill "$work/small" $small_size
# shellcheck disable=SC2086
java_run "$cp_after" fill "$work/large" $large_size
trees=(after)
if [[ -n "${BEFORE_CLASSES:-}" ]]; then
  trees=(before after)
fi
for ((round = 1; round <= rounds; round++)); do
  order=("${trees[@]}")
  if ((round % 2 == 0)); then
    order=($(printf '%s\n' "${trees[@]}" | tac))
  fi
  echo "round $round ($(cut -d' ' -f1-3 /proc/loadavg) load)"
  for tree in "${order[@]}"; do
    cp="$cp_after"
    if [[ "$tree" == before ]]; then
      cp="$BEFORE_CLASSES:$cp_after"
    fi
    for size in small large; do
      rm -rf "$work/copy" && cp -r "$work/$size" "$work/copy"
      java_run "$cp" run "$work/copy" "$tree/$size" "$ops" "$seconds"
    done
  done
done

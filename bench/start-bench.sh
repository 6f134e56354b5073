#!/usr/bin/env bash
# Start-up of two builds, alternated: first start of a fresh data dir and restart, each timed to the
# first 200 of /health/ready, with the CPU time the whole JVM and its main thread had used by then,
# and the JVM's empty start (EmptyMain) three times per round as the reference.
# usage: bench/start-bench.sh ROUNDS TREE_A TREE_B
#   TREE_*: a directory with the `gatehouse` launcher and its built cli/target (gatehouse.jar, lib/),
#   e.g. a copy of a tree before a change and this one; each records its class data sharing archive
#   on a first start before the rounds, as the launcher does after a build. Run under nice -n -20.
set -euo pipefail
rounds="$1"; shift
jars=("$@")
port="${GATEHOUSE_BENCH_PORT:-17591}"
endpoint="http://127.0.0.1:$port"
work="$(mktemp -d)"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
now_ms() { echo $(($(date +%s%N) / 1000000)); }
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
start() { # tree dir
  local tree="$1" dir="$2"; shift 2
  local t0 code
  t0=$(now_ms)
  "$tree/gatehouse" serve --port "$port" --data-dir "$dir" >"$work/out" 2>"$work/err" &
  pid=$!
  for _ in $(seq 1 3000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$endpoint/health/ready" || true)
    [[ "$code" == 200 ]] && break
    sleep 0.01
  done
  [[ "$code" == 200 ]] || { cat "$work/err" >&2; exit 1; }
  ready=$(($(now_ms) - t0))
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")
  # the main thread (the launcher's second thread, named java): the start-up's critical path
  main=-
  for t in $(ls /proc/$pid/task | sort -n); do
    if [[ "$t" != "$pid" && "$(cat /proc/$pid/task/$t/comm)" == java ]]; then
      main=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/task/$t/stat")
      break
    fi
  done
  sleep 0.2
  self=$(grep -ho 'ready [0-9]* ms after' "$work/out" "$work/err" | awk '{print $2}' | head -1)
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  echo "$ready/$cpu/$main/$self"
}
for j in "${jars[@]}"; do
  # as after a build: the first serve (a first start) records the archive, the next takes it up
  rm -f "$j"/cli/target/gatehouse.jsa*; touch "$j/cli/target/gatehouse.jar"; sleep 1
  rm -rf "$work/rec"; start "$j" "$work/rec" >/dev/null; sleep 1
done
TIMEFORMAT='%3R %3U %3S'
empty() {
  { time java -cp "$root/bench/target/classes" dev.gatehouse.bench.EmptyMain >/dev/null; } 2>&1 |
    awk '{print int($1*1000) "/" int(($2+$3)*1000)}'
}
echo "cells: wall ms to 200 / process CPU ms to 200 / main thread CPU ms / server's own 'ready N ms after JVM start'"
for r in $(seq 1 "$rounds"); do
  e="$(empty) $(empty) $(empty)"
  order=(0 1); (( r % 2 == 0 )) && order=(1 0)
  for i in "${order[@]}"; do
    j="${jars[$i]}"
    d="$work/d-$r-$i"
    f=$(start "$j" "$d")
    s=$(start "$j" "$d")
    echo "round $r  $(basename "$j")  first $f  restart $s  | empty JVM wall/CPU: $e  load $(cut -d' ' -f1 /proc/loadavg)"
    rm -rf "$d"
  done
done

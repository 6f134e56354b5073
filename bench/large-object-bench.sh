#!/usr/bin/env bash
# Large objects through two builds of Gatehouse side by side, each figure with its reference from
# the same round: PutObject and GetObject of an MIB MiB object (curl --aws-sigv4, UNSIGNED-PAYLOAD,
# as in s3-bench.sh) against `cp` of the same file on the same disk (+ fsync for the PUT, which is
# durable when acknowledged). Both servers run at once, idle but for the request measured; rounds
# alternate before / reference / after, so all three see the same background load. Figures: MB/s
# (wall) and the server's CPU time (user + system, /proc) per MiB moved.
# Usage: bench/large-object-bench.sh BEFORE_DIR AFTER_DIR [ROUNDS] [MIB]
#   BEFORE_DIR, AFTER_DIR: copies of a built cli/target (gatehouse.jar and lib/).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
dirs=("$1" "$2")
names=(before after)
rounds="${3:-5}"
mib="${4:-64}"
port="${GATEHOUSE_BENCH_PORT:-17780}"
mkdir -p "$root/bench/target"
work="$(mktemp -d "$root/bench/target/large-bench.XXXXXX")" # same disk as the data directories
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

declare -A pid endpoint user
for i in 0 1; do
  n=${names[$i]}
  java ${GATEHOUSE_JAVA_OPTS:-} -jar "${dirs[$i]}/gatehouse.jar" serve --port $((port + i)) \
    --data-dir "$work/data-$n" >"$work/$n.out" 2>"$work/$n.err" &
  pid[$n]=$!
  pids+=("${pid[$n]}")
  endpoint[$n]="http://127.0.0.1:$((port + i))"
done
for n in "${names[@]}"; do
  for _ in $(seq 1 600); do grep -q listening "$work/$n.out" 2>/dev/null && break; sleep 0.1; done
  key=$(awk -F' = ' '/aws_access_key_id/ {print $2}' "$work/data-$n/root-credentials")
  secret=$(awk -F' = ' '/aws_secret_access_key/ {print $2}' "$work/data-$n/root-credentials")
  user[$n]="$key:$secret"
done
empty_sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
s3() { # s3 NAME CURL-ARGS...
  local n=$1
  shift
  curl --silent --show-error --fail --aws-sigv4 "aws:amz:us-east-1:s3" --user "${user[$n]}" "$@"
}
for n in "${names[@]}"; do
  s3 "$n" -X PUT -H "x-amz-content-sha256: $empty_sha256" "${endpoint[$n]}/bench" -o /dev/null
done
head -c $((mib * 1048576)) /dev/urandom >"$work/large"
put_large() {
  s3 "$1" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -T "$work/large" "${endpoint[$1]}/bench/large" \
    -o /dev/null
}
get_large() {
  s3 "$1" -H "x-amz-content-sha256: $empty_sha256" "${endpoint[$1]}/bench/large" -o "$work/large.got"
}
copy_synced() { rm -f "$work/large.copy"; cp "$work/large" "$work/large.copy"; sync "$work/large.copy"; }
copy_plain() { rm -f "$work/large.copy"; cp "$work/large" "$work/large.copy"; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tck=$(getconf CLK_TCK)
# measure LABEL PID COMMAND...: appends "MB/s cpu_ms_per_MiB" of one run to figures[LABEL]
declare -A figures
measure() {
  local label=$1 p=$2 start end t0 t1
  shift 2
  t0=$([[ $p == - ]] && echo 0 || ticks "$p")
  start=$(date +%s%N)
  "$@"
  end=$(date +%s%N)
  t1=$([[ $p == - ]] && echo 0 || ticks "$p")
  figures[$label]+="$(echo "$mib * 1.048576 * 1000000000 / ($end - $start)" | bc -l) "
  figures[cpu-$label]+="$(echo "($t1 - $t0) * 1000 / $tck / $mib" | bc -l) "
}
for _ in 1 2 3 4 5; do for n in "${names[@]}"; do put_large "$n"; get_large "$n"; done; done # JIT warm-up
for n in "${names[@]}"; do
  get_large "$n"
  cmp -s "$work/large" "$work/large.got" || { echo "$n: object read back differs" >&2; exit 1; }
done
for round in $(seq 1 "$rounds"); do
  measure put-before "${pid[before]}" put_large before
  measure put-ref - copy_synced
  measure put-after "${pid[after]}" put_large after
  measure get-before "${pid[before]}" get_large before
  measure get-ref - copy_plain
  measure get-after "${pid[after]}" get_large after
  echo "round $round of $rounds done (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done
cmp -s "$work/large" "$work/large.got" || { echo "object read back differs" >&2; exit 1; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
all() { tr ' ' '\n' <<<"$1" | grep . | xargs printf '%.0f,' | sed 's/,$//'; }
echo "$mib MiB objects, $rounds rounds, medians (all rounds); load average $(cut -d' ' -f1-3 /proc/loadavg)"
for op in put get; do
  ref=$(median <<<"${figures[$op-ref]}")
  printf '%s reference (%s): %.0f MB/s (%s)\n' "$op" \
    "$([[ $op == put ]] && echo 'cp + fsync' || echo cp)" "$ref" "$(all "${figures[$op-ref]}")"
  for n in "${names[@]}"; do
    printf '%s %-6s: %6.0f MB/s (%s), ratio %.2f; server CPU %.2f ms/MiB (%s)\n' "$op" "$n" \
      "$(median <<<"${figures[$op-$n]}")" "$(all "${figures[$op-$n]}")" \
      "$(echo "$(median <<<"${figures[$op-$n]}") / $ref" | bc -l)" \
      "$(median <<<"${figures[cpu-$op-$n]}")" \
      "$(tr ' ' '\n' <<<"${figures[cpu-$op-$n]}" | grep . | xargs printf '%.2f,' | sed 's/,$//')"
  done
done

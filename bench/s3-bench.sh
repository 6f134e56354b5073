#!/usr/bin/env bash
# S3 benchmark over loopback HTTP, each figure with its reference measured in the same run:
#  (a) GetObject / PutObject of 4 KiB objects, req/s, SigV4-signed requests replayed by wrk (a
#      second process), against MinimalS3Jetty.java (a bare Jetty 12 non-blocking handler answering
#      the same 4 KiB and reading a 4 KiB PUT body); aim 0.33x or better.
#  (b) PutObject / GetObject of a 64 MiB object, MB/s, with curl --aws-sigv4, against copying the
#      same 64 MiB file on the same disk (cp; for PUT, which is durable, the copy is fsynced); aim
#      0.8x or better.
# Rounds alternate Gatehouse and its reference, so both see the same background load; the table
# gives the median of each figure and the median of the per-round ratios. Each 4 KiB case is first
# warmed up by requests until its CPU per request stops falling (load/lib.sh's warm; its
# GATEHOUSE_BENCH_WARM_* variables apply).
# Usage: bench/s3-bench.sh [ROUNDS] [SECONDS] [CONNECTIONS]   (defaults 5 5 16; needs wrk, curl,
# python3 with botocore, a built tree: ./gatehouse builds it)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rounds="${1:-5}"
duration="${2:-5}"
connections="${3:-16}"
port="${GATEHOUSE_BENCH_PORT:-17580}"
ref_port=$((port + 1))
mkdir -p "$root/bench/target"
work="$(mktemp -d "$root/bench/target/s3-bench.XXXXXX")" # same disk as the data directory
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

[[ -f "$root/cli/target/gatehouse.jar" ]] || (cd "$root" && ./gatehouse --help >/dev/null)

java ${GATEHOUSE_JAVA_OPTS:-} -jar "$root/cli/target/gatehouse.jar" serve --port "$port" \
  --data-dir "$work/data" >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
pids+=("$server_pid")
java -cp "$root/cli/target/lib/*" "$here/load/MinimalS3Jetty.java" "$ref_port" >"$work/ref.out" 2>&1 &
ref_pid=$!
pids+=("$ref_pid")
for _ in $(seq 1 300); do
  grep -q listening "$work/serve.out" 2>/dev/null && grep -q listening "$work/ref.out" 2>/dev/null && break
  sleep 0.1
done
key=$(awk -F' = ' '/aws_access_key_id/ {print $2}' "$work/data/root-credentials")
secret=$(awk -F' = ' '/aws_secret_access_key/ {print $2}' "$work/data/root-credentials")
endpoint="http://127.0.0.1:$port"
reference="http://127.0.0.1:$ref_port"
export AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" AWS_DEFAULT_REGION=us-east-1 \
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER=""
aws --endpoint-url "$endpoint" s3api create-bucket --bucket bench >/dev/null
head -c 4096 /dev/zero | tr '\0' a >"$work/small"
aws --endpoint-url "$endpoint" s3api put-object --bucket bench --key small --body "$work/small" >/dev/null

sign() { python3 "$here/load/sign-s3.py" "$@"; }
sign "$endpoint" "$key" "$secret" GET /bench/small >"$work/get.lua"
sign "$endpoint" "$key" "$secret" PUT /bench/put-small 4096 >"$work/put.lua"
sign "$reference" "$key" "$secret" GET /bench/small >"$work/ref-get.lua"
sign "$reference" "$key" "$secret" PUT /bench/put-small 4096 >"$work/ref-put.lua"

# cpu_ticks and warm (the warm-up by requests until the CPU per request stops falling, with its
# GATEHOUSE_BENCH_WARM_* settings) are the load scripts'.
GATEHOUSE_BENCH_LIB=functions source "$here/load/lib.sh"

rps() { # rps URL LUA SECONDS PID -> "req/s cpu_us" (CPU of PID per request; non-2xx fail the run)
  local out before after requests
  before=$(cpu_ticks "$4")
  out=$(wrk -t1 -c"$connections" -d"$3s" -s "$2" "$1" 2>&1)
  after=$(cpu_ticks "$4")
  if grep -q -E 'unexpected status|Non-2xx' <<<"$out"; then
    echo "wrk: failed requests: $out" >&2
    exit 1
  fi
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(echo "($after - $before) * 1000000 / $(getconf CLK_TCK) / $requests" | bc -l)"
}

median() { sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# Warm-up: the JIT compiles both paths before the first measured round. A fixed time measured a JIT
# still compiling (run 15 in README.md); each case now runs until it has served
# GATEHOUSE_BENCH_WARM_REQUESTS requests and its CPU per request has stopped falling.
for lua in get put; do
  warm "$server_pid" "$endpoint" "$work/$lua.lua" "$lua"
  warm "$ref_pid" "$reference" "$work/ref-$lua.lua" "reference $lua"
done
# The warm-up's PUTs are not checked for their status: one measured request of each makes sure.
rps "$endpoint" "$work/put.lua" 1 "$server_pid" >/dev/null
rps "$endpoint" "$work/get.lua" 1 "$server_pid" >/dev/null

mib=64
head -c $((mib * 1048576)) /dev/urandom >"$work/large"
sigv4=(--silent --show-error --fail --aws-sigv4 "aws:amz:us-east-1:s3" --user "$key:$secret")
seconds() { # seconds COMMAND...: wall time of a command
  local start end
  start=$(date +%s%N)
  "$@"
  end=$(date +%s%N)
  echo "($end - $start) / 1000000000" | bc -l
}
put_large() {
  curl "${sigv4[@]}" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -T "$work/large" \
    "$endpoint/bench/large" -o /dev/null
}
empty_sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
get_large() {
  curl "${sigv4[@]}" -H "x-amz-content-sha256: $empty_sha256" "$endpoint/bench/large" \
    -o "$work/large.got"
}
copy_synced() { rm -f "$work/large.copy"; cp "$work/large" "$work/large.copy"; sync "$work/large.copy"; }
copy_plain() { rm -f "$work/large.copy"; cp "$work/large" "$work/large.copy"; }
for _ in 1 2 3; do put_large; get_large; done # warm-up of the streaming path
cmp -s "$work/large" "$work/large.got" || { echo "64 MiB object read back differs" >&2; exit 1; }

declare -A figures
for round in $(seq 1 "$rounds"); do
  for case in get put; do
    read -r ours ours_cpu < <(rps "$endpoint" "$work/$case.lua" "$duration" "$server_pid")
    read -r ref ref_cpu < <(rps "$reference" "$work/ref-$case.lua" "$duration" "$ref_pid")
    figures[$case]+="$ours "
    figures[ref-$case]+="$ref "
    figures[ratio-$case]+="$(echo "$ours / $ref" | bc -l) "
    figures[cpu-$case]+="$ours_cpu "
    figures[cpu-ref-$case]+="$ref_cpu "
  done
  rm -f "$work/large.got"
  ours=$(echo "$mib * 1.048576 / $(seconds put_large)" | bc -l)
  ref=$(echo "$mib * 1.048576 / $(seconds copy_synced)" | bc -l)
  figures[large-put]+="$ours "
  figures[ref-large-put]+="$ref "
  figures[ratio-large-put]+="$(echo "$ours / $ref" | bc -l) "
  ours=$(echo "$mib * 1.048576 / $(seconds get_large)" | bc -l)
  ref=$(echo "$mib * 1.048576 / $(seconds copy_plain)" | bc -l)
  figures[large-get]+="$ours "
  figures[ref-large-get]+="$ref "
  figures[ratio-large-get]+="$(echo "$ours / $ref" | bc -l) "
  echo "round $round of $rounds done (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done
cmp -s "$work/large" "$work/large.got" || { echo "64 MiB object read back differs" >&2; exit 1; }

row() { # row LABEL CASE UNIT REFERENCE-LABEL AIM
  local ours ref ratio all
  ours=$(tr ' ' '\n' <<<"${figures[$2]}" | grep . | median)
  ref=$(tr ' ' '\n' <<<"${figures[ref-$2]}" | grep . | median)
  ratio=$(tr ' ' '\n' <<<"${figures[ratio-$2]}" | grep . | median)
  all=$(tr ' ' '\n' <<<"${figures[ratio-$2]}" | grep . | xargs printf '%.2f,' | sed 's/,$//')
  printf '%-16s %10.1f %-6s %-24s %10.1f %6.2f  %-5s (rounds: %s)\n' \
    "$1" "$ours" "$3" "$4" "$ref" "$ratio" "$5" "$all"
}
echo "S3 over loopback, $rounds rounds, medians; wrk ${duration}s x $connections connections; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %10s %-6s %-24s %10s %6s  %-5s\n' case gatehouse unit reference ref ratio aim
row "GetObject 4KiB" get req/s "bare Jetty GET" 0.33
row "PutObject 4KiB" put req/s "bare Jetty PUT" 0.33
cpu_row() { # cpu_row LABEL CASE: server CPU time per request, Gatehouse and reference (medians)
  printf '%-16s %10.0f %-6s %-24s %10.0f %6.2f\n' "$1" \
    "$(tr ' ' '\n' <<<"${figures[cpu-$2]}" | grep . | median)" cpu_us "$3" \
    "$(tr ' ' '\n' <<<"${figures[cpu-ref-$2]}" | grep . | median)" \
    "$(echo "$(tr ' ' '\n' <<<"${figures[cpu-ref-$2]}" | grep . | median) / $(tr ' ' '\n' <<<"${figures[cpu-$2]}" | grep . | median)" | bc -l)"
}
cpu_row "GetObject 4KiB" get "bare Jetty GET"
cpu_row "PutObject 4KiB" put "bare Jetty PUT"
row "PutObject 64MiB" large-put MB/s "cp + fsync same disk" 0.8
row "GetObject 64MiB" large-get MB/s "cp same disk" 0.8

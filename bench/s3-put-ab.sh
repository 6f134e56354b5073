#!/usr/bin/env bash
# A/B of the 4 KiB PutObject: server CPU time per request (user + system, /proc) of two builds and
# of the bare Jetty handler (load/MinimalS3Jetty.java), each a process started once and warmed up,
# then measured in alternating rounds so that all three see the same background load.
# Usage: bench/s3-put-ab.sh BEFORE_DIR AFTER_DIR [ROUNDS] [SECONDS] [CONNECTIONS]
#   S3_AB_CASE=get measures the 4 KiB GetObject instead (the same object read again).
#   each DIR holds a gatehouse.jar and its lib/ (a copy of cli/target/gatehouse.jar and lib/);
#   needs wrk, python3 with botocore, the aws CLI. Run it under nice -n -20.
set -euo pipefail
case="${S3_AB_CASE:-put}"
before="$1"; after="$2"; rounds="${3:-5}"; duration="${4:-5}"; connections="${5:-16}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port=${GATEHOUSE_BENCH_PORT:-17780}
mkdir -p "$here/target"
work=$(mktemp -d "$here/target/s3-put-ab.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
declare -A pid endpoint lua
start() { # start NAME DIR PORT
  mkdir -p "$work/$1"
  java ${JAVA_OPTS:-} -jar "$2/gatehouse.jar" serve --port "$3" --data-dir "$work/$1/data" >"$work/$1/out" 2>"$work/$1/err" &
  pid[$1]=$!; pids+=("$!"); endpoint[$1]="http://127.0.0.1:$3"
}
start before "$before" "$port"
start after "$after" $((port + 2))
java -cp "$after/lib/*" "$here/load/MinimalS3Jetty.java" $((port + 1)) >"$work/ref.out" 2>&1 &
pid[ref]=$!; pids+=("$!"); endpoint[ref]="http://127.0.0.1:$((port + 1))"
for _ in $(seq 1 3000); do
  grep -q listening "$work/before/out" 2>/dev/null && grep -q listening "$work/after/out" 2>/dev/null && grep -q listening "$work/ref.out" 2>/dev/null && break
  sleep 0.2
done
export AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER=""
for n in before after; do
  key=$(awk -F' = ' '/aws_access_key_id/ {print $2}' "$work/$n/data/root-credentials")
  secret=$(awk -F' = ' '/aws_secret_access_key/ {print $2}' "$work/$n/data/root-credentials")
  AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" aws --endpoint-url "${endpoint[$n]}" s3api create-bucket --bucket bench >/dev/null
  if [[ "$case" == get ]]; then
    head -c 4096 /dev/zero | tr '\0' a >"$work/small"
    AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" aws --endpoint-url "${endpoint[$n]}" s3api put-object --bucket bench --key small --body "$work/small" >/dev/null
    python3 "$here/load/sign-s3.py" "${endpoint[$n]}" "$key" "$secret" GET /bench/small >"$work/$n.lua"
  else
    python3 "$here/load/sign-s3.py" "${endpoint[$n]}" "$key" "$secret" PUT /bench/put-small 4096 >"$work/$n.lua"
  fi
done
if [[ "$case" == get ]]; then
  python3 "$here/load/sign-s3.py" "${endpoint[ref]}" k s GET /bench/small >"$work/ref.lua"
else
  python3 "$here/load/sign-s3.py" "${endpoint[ref]}" k s PUT /bench/put-small 4096 >"$work/ref.lua"
fi
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rps() { # rps NAME SECONDS -> "req/s cpu_us"
  local out b a n
  b=$(cpu_ticks "${pid[$1]}")
  out=$(wrk -t1 -c"$connections" -d"$2s" -s "$work/$1.lua" "${endpoint[$1]}" 2>&1)
  a=$(cpu_ticks "${pid[$1]}")
  if grep -q -E 'unexpected status|Non-2xx' <<<"$out"; then echo "wrk failed ($1): $out" >&2; exit 1; fi
  n=$(awk '/requests in/ {print $1}' <<<"$out")
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(echo "($a - $b) * 1000000 / $(getconf CLK_TCK) / $n" | bc -l)"
}
for n in before after ref; do rps $n $((duration * 4)) >/dev/null; done
for n in before after; do rps $n $((duration * 3)) >/dev/null; done
declare -A cpu req
for r in $(seq 1 "$rounds"); do
  if (( r % 2 )); then order="before after ref"; else order="after before ref"; fi
  for n in $order; do
    read -r q c < <(rps $n "$duration")
    cpu[$n]+="$c "; req[$n]+="$q "
  done
  echo "round $r of $rounds done (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
echo "$case 4 KiB object, $rounds rounds x ${duration}s x $connections conns, load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in before after ref; do
  printf '%-7s cpu_us median %8.1f  req/s median %9.1f  | cpu rounds: %s\n' "$n" "$(median <<<"${cpu[$n]}")" "$(median <<<"${req[$n]}")" "$(for v in ${cpu[$n]}; do printf '%.0f ' "$v"; done)"
done

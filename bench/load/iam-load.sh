#!/usr/bin/env bash
# Load test: GetUser, GetRole and ListPolicies through the whole Gatehouse pipeline (SigV4, Query
# decode, authorization, store, audit, XML) against a minimal Jetty handler measured in the same
# run. Reports req/s and p99 for each, and the ratios to the reference.
# Needs: a built tree (./gatehouse builds it), wrk, python3-botocore (Debian awscli brings it).
# usage: bench/load/iam-load.sh [DURATION_SECONDS] [CONNECTIONS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${1:-10}"
connections="${2:-32}"
work="$(mktemp -d)"
port=17480
ref_port=17481
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

[[ -f "$root/server/target/gatehouse.jar" ]] || (cd "$root" && ./gatehouse --help >/dev/null)

java -jar "$root/server/target/gatehouse.jar" serve --port "$port" --data-dir "$work/data" \
  >"$work/serve.out" 2>"$work/serve.err" &
pids+=($!)
java -cp "$root/server/target/lib/*" "$here/MinimalJetty.java" "$ref_port" >"$work/ref.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do
  grep -q listening "$work/serve.out" 2>/dev/null && grep -q listening "$work/ref.out" 2>/dev/null && break
  sleep 0.1
done
key=$(awk -F' = ' '/aws_access_key_id/ {print $2}' "$work/data/root-credentials")
secret=$(awk -F' = ' '/aws_secret_access_key/ {print $2}' "$work/data/root-credentials")
endpoint="http://127.0.0.1:$port"

export AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" AWS_DEFAULT_REGION=us-east-1 \
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER=""
aws --endpoint-url "$endpoint" iam create-user --user-name bench >/dev/null
aws --endpoint-url "$endpoint" iam create-role --role-name bench --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}' >/dev/null

run() { # run NAME URL LUA -> "req/s p99(ms)", after a warm-up (JIT) of a third of the run
  local out
  wrk -t1 -c"$connections" -d"$(( (duration + 2) / 3 ))s" -s "$3" "$2" >/dev/null 2>&1
  out=$(wrk -t1 -c"$connections" -d"${duration}s" --latency -s "$3" "$2" 2>&1)
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' <<<"$out")
  echo "$rps $p99"
}

python3 "$here/sign.py" "http://127.0.0.1:$ref_port" "$key" "$secret" \
  "Action=GetUser&Version=2010-05-08&UserName=bench" >"$work/ref.lua"
read -r ref_rps ref_p99 < <(run reference "http://127.0.0.1:$ref_port/" "$work/ref.lua")
cases=("GetUser:Action=GetUser&Version=2010-05-08&UserName=bench"
       "GetRole:Action=GetRole&Version=2010-05-08&RoleName=bench"
       "ListPolicies:Action=ListPolicies&Version=2010-05-08&Scope=Local")
# Warm the whole pipeline up first (the JIT compiles what all three share), so that the first
# measured action is not the one that pays for it.
for case in "${cases[@]}"; do
  name="${case%%:*}"
  python3 "$here/sign.py" "$endpoint" "$key" "$secret" "${case#*:}" >"$work/$name.lua"
  wrk -t1 -c"$connections" -d"$duration"s -s "$work/$name.lua" "$endpoint/" >/dev/null 2>&1
done
printf '%-14s %10s %10s %12s %12s\n' action req/s p99_ms rps_ratio p99_ratio
printf '%-14s %10.0f %10.2f %12s %12s\n' reference "$ref_rps" "$ref_p99" 1.00 1.00
for case in "${cases[@]}"; do
  name="${case%%:*}"
  read -r rps p99 < <(run "$name" "$endpoint/" "$work/$name.lua")
  printf '%-14s %10.0f %10.2f %12.2f %12.2f\n' "$name" "$rps" "$p99" \
    "$(echo "$rps / $ref_rps" | bc -l)" "$(echo "$p99 / $ref_p99" | bc -l)"
done

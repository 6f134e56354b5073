# Shared by iam-load.sh and sts-load.sh (source it; do not run it).
#
# Starts Gatehouse (fresh data directory) and the minimal Jetty handler (MinimalJetty.java, the
# reference) side by side, creates the user and role the cases read, then measures each case with
# wrk replaying one pre-signed request: a warm-up, then the measured run. Every case is compared
# with the reference measured in the same run, so the ratios carry over between machines and
# survive other load on a shared one; absolute figures do not.
#
# Columns: req/s and p99 from wrk; cpu_us = CPU time the server process used per request (user +
# system, from /proc; JIT and GC included); rps_ratio = req/s / reference req/s; p99_ratio =
# reference p99 / p99. Both ratios read the same way: 1.00 is the reference, higher is better.
set -euo pipefail

# Sourced with GATEHOUSE_BENCH_LIB=functions (as s3-bench.sh does), it only defines cpu_ticks and
# warm (which read the caller's $connections) and returns: no server is started.
cpu_ticks() { # user + system clock ticks of a process
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# Warm-up counted in requests, then run until compiled: a fixed number of seconds measured the JIT
# on a slow or loaded machine (C2 took 50 s of GetUser traffic to settle under load), so the
# ratios swung between runs. A case is warm once it has served warm_requests requests AND its CPU
# per request has stopped falling: warm_stable rounds in a row without a new low by more than
# warm_drop_pct percent. warm_max_rounds bounds the time a case that never settles may take.
warm_round="${GATEHOUSE_BENCH_WARM_ROUND:-2}"            # seconds per round
warm_requests="${GATEHOUSE_BENCH_WARM_REQUESTS:-200000}" # at least this many requests per case
warm_stable="${GATEHOUSE_BENCH_WARM_STABLE:-3}"
warm_drop_pct="${GATEHOUSE_BENCH_WARM_DROP_PCT:-3}"
warm_max_rounds="${GATEHOUSE_BENCH_WARM_MAX_ROUNDS:-60}"

warm() { # warm PID URL LUA NAME [MIN_REQUESTS]: lets the JIT compile the path first
  local min="${5:-$warm_requests}" total=0 round=0 calm=0 best="" before after out n cpu
  while ((round < warm_max_rounds)); do
    round=$((round + 1))
    before=$(cpu_ticks "$1")
    out=$(wrk -t1 -c"$connections" -d"${warm_round}s" -s "$3" "$2" 2>&1)
    after=$(cpu_ticks "$1")
    n=$(awk '/requests in/ {print $1}' <<<"$out")
    ((n > 0)) || n=1
    total=$((total + n))
    cpu=$(echo "($after - $before) * 1000000 / $(getconf CLK_TCK) / $n" | bc -l)
    if [[ -z "$best" ]] || (($(echo "$cpu < $best * (100 - $warm_drop_pct) / 100" | bc -l))); then
      best=$cpu
      calm=0
    else
      calm=$((calm + 1))
    fi
    ((total >= min && calm >= warm_stable)) && break
  done
  printf 'warm-up %-24s %3d rounds %9d requests, cpu_us %.1f (lowest %.1f)\n' \
    "$4" "$round" "$total" "$cpu" "$best" >&2
}

if [[ "${GATEHOUSE_BENCH_LIB:-}" == functions ]]; then
  return 0
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${1:-10}"
connections="${2:-32}"
work="$(mktemp -d)"
port="${GATEHOUSE_BENCH_PORT:-17480}"
ref_port=$((port + 1))
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

[[ -f "$root/cli/target/gatehouse.jar" ]] || (cd "$root" && ./gatehouse --help >/dev/null)

java ${GATEHOUSE_JAVA_OPTS:-} -jar "$root/cli/target/gatehouse.jar" serve --port "$port" --data-dir "$work/data" \
  >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
pids+=("$server_pid")
java -cp "$root/cli/target/lib/*" "$here/MinimalJetty.java" "$ref_port" >"$work/ref.out" 2>&1 &
ref_pid=$!
pids+=("$ref_pid")
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
# A group with the user in it and a managed policy attached to the user, for the group and
# attachment reads.
aws --endpoint-url "$endpoint" iam create-group --group-name bench >/dev/null
aws --endpoint-url "$endpoint" iam add-user-to-group --group-name bench --user-name bench
aws --endpoint-url "$endpoint" iam attach-user-policy --user-name bench \
  --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess
account=$(aws --endpoint-url "$endpoint" sts get-caller-identity --query Account --output text)

measure() { # measure PID URL LUA -> "req/s p99(ms) cpu_us_per_request"
  local out before after rps p99 requests
  before=$(cpu_ticks "$1")
  out=$(wrk -t1 -c"$connections" -d"${duration}s" --latency -s "$3" "$2" 2>&1)
  after=$(cpu_ticks "$1")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' <<<"$out")
  echo "$rps $p99 $(echo "($after - $before) * 1000000 / $(getconf CLK_TCK) / $requests" | bc -l)"
}

# run_cases CASE...: CASE is NAME:SERVICE:QUERY-BODY. Prints the table.
run_cases() {
  local case name rest service body rps p99 cpu
  python3 "$here/sign.py" "http://127.0.0.1:$ref_port" "$key" "$secret" \
    "Action=GetUser&Version=2010-05-08&UserName=bench" >"$work/ref.lua"
  # Warm the whole pipeline up first (the JIT compiles what all cases share), so that the first
  # measured case is not the one that pays for it.
  for case in "$@"; do
    name="${case%%:*}"; rest="${case#*:}"; service="${rest%%:*}"; body="${rest#*:}"
    python3 "$here/sign.py" "$endpoint" "$key" "$secret" "$body" "$service" >"$work/$name.lua"
    warm "$server_pid" "$endpoint/" "$work/$name.lua" "$name"
  done
  # The reference is warmed and measured after the pipeline's warm-up, next to the cases' runs.
  warm "$ref_pid" "http://127.0.0.1:$ref_port/" "$work/ref.lua" reference
  read -r ref_rps ref_p99 ref_cpu < <(measure "$ref_pid" "http://127.0.0.1:$ref_port/" "$work/ref.lua")
  printf '%-24s %9s %8s %8s %10s %10s\n' action req/s p99_ms cpu_us rps_ratio p99_ratio
  printf '%-24s %9.0f %8.2f %8.1f %10s %10s\n' reference "$ref_rps" "$ref_p99" "$ref_cpu" 1.00 1.00
  for case in "$@"; do
    name="${case%%:*}"
    # Again just before its measurement (other cases ran since): until the CPU per request is
    # steady again, without a minimum count.
    warm "$server_pid" "$endpoint/" "$work/$name.lua" "$name" 0
    read -r rps p99 cpu < <(measure "$server_pid" "$endpoint/" "$work/$name.lua")
    printf '%-24s %9.0f %8.2f %8.1f %10.2f %10.2f\n' "$name" "$rps" "$p99" "$cpu" \
      "$(echo "$rps / $ref_rps" | bc -l)" "$(echo "$ref_p99 / $p99" | bc -l)"
  done
}

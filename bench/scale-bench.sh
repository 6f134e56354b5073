#!/usr/bin/env bash
# Large accounts and start-up, in one run on one server (see README.md, "Large accounts and
# start-up"):
#  - start-up: the JVM's empty start (EmptyMain), first start of a fresh data dir, restart to ready
#    (/health/ready answers 200) with and without the large account;
#  - memory: heap after a full GC with the large account minus without, per entity;
#  - rates: GetUser, ListPolicies (first page), AssumeRole and TagUser (an authorized write) in the
#    large account and in a small one on the same server, replayed with wrk, alternating, with the
#    ratio large / small for each case and round.
# The large account (default 10,000 users, 2,000 groups, 1,000 roles, 5,000 policies) and the small
# one (100 users, 20 groups, 10 roles, 150 policies: a full first page of ListPolicies) are filled
# by LargeAccount through the store port while the server is stopped; each has an administrator
# user (AdministratorAccess-like customer policy) that signs its requests, and a user `bench` and a
# role `bench` made over the API.
# Needs: a built tree, wrk, curl, jcmd, python3 with botocore (Debian awscli brings it).
# usage: bench/scale-bench.sh [SECONDS] [CONNECTIONS] [ROUNDS]   (defaults 5 16 2)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
duration="${1:-5}"
connections="${2:-16}"
rounds="${3:-2}"
large_size="${SCALE_LARGE:-10000 2000 1000 5000}"
small_size="${SCALE_SMALL:-100 20 10 150}"
port="${GATEHOUSE_BENCH_PORT:-17580}"
endpoint="http://127.0.0.1:$port"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

jar="${GATEHOUSE_JAR:-$root/cli/target/gatehouse.jar}"
[[ -f "$jar" ]] || (cd "$root" && ./gatehouse --help >/dev/null)
[[ -f "$root/bench/target/classes/dev/gatehouse/bench/LargeAccount.class" && -d "$root/bench/target/lib" ]] ||
  (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true -pl bench -am package)
bench_cp="$root/bench/target/classes:$root/bench/target/lib/*"
aws_cli="${AWS_CLI:-aws}"
[[ -x /usr/bin/aws ]] && aws_cli="${AWS_CLI:-/usr/bin/aws}"

# shellcheck source=load/lib.sh
GATEHOUSE_BENCH_LIB=functions source "$here/load/lib.sh"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# start_server DATA_DIR [JVM OPTION...]: starts serve, waits for /health/ready; ready_ms = wall
# milliseconds to ready, cpu_ms = CPU time (user + system) the JVM used until then.
start_server() {
  local t0 code dir="$1"
  shift
  t0=$(now_ms)
  java "$@" ${GATEHOUSE_JAVA_OPTS:-} -jar "$jar" serve --port "$port" --data-dir "$dir" \
    >>"$work/serve.out" 2>>"$work/serve.err" &
  server_pid=$!
  for _ in $(seq 1 3000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$endpoint/health/ready" || true)
    [[ "$code" == 200 ]] && break
    sleep 0.01
  done
  [[ "$code" == 200 ]] || { cat "$work/serve.err" >&2; exit 1; }
  ready_ms=$(($(now_ms) - t0))
  cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$server_pid/stat")
}

stop_server() {
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

heap_kb() { # heap used after a full GC, KiB
  jcmd "$server_pid" GC.run >/dev/null
  sleep 0.5
  jcmd "$server_pid" GC.run >/dev/null
  jcmd "$server_pid" GC.heap_info | awk '/used/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); print v; exit}}'
}

# as KEY SECRET [TOKEN] -- aws CLI ARGS
as() {
  local k="$1" s="$2" t="$3"
  shift 4
  AWS_ACCESS_KEY_ID="$k" AWS_SECRET_ACCESS_KEY="$s" AWS_SESSION_TOKEN="$t" AWS_DEFAULT_REGION=us-east-1 \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER="" \
    "$aws_cli" --endpoint-url "$endpoint" "$@"
}

# signed_curl KEY SECRET SERVICE BODY: sends one signed Query request, prints the HTTP status.
signed_curl() {
  python3 - "$endpoint" "$1" "$2" "$4" "$3" >"$work/curl.cfg" <<'EOF'
import sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
endpoint, key, secret, body, service = sys.argv[1:6]
r = AWSRequest(method="POST", url=endpoint + "/", data=body,
               headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
SigV4Auth(Credentials(key, secret), service, "us-east-1").add_auth(r)
print('url = "' + endpoint + '/"')
print('data = "' + body + '"')
for n, v in r.headers.items():
    if n.lower() != "host":
        print('header = "' + n + ": " + v + '"')
EOF
  curl -s -o /dev/null -w '%{http_code}' -K "$work/curl.cfg"
}

admin_policy='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
# account_admin KEY SECRET TOKEN: in the caller's account, the admin user with a key ("KEY SECRET"),
# the user and the role the cases act on.
account_admin() {
  local arn account key
  account=$(as "$1" "$2" "$3" -- sts get-caller-identity --query Account --output text)
  arn=$(as "$1" "$2" "$3" -- iam create-policy --policy-name admin-all --policy-document "$admin_policy" \
    --query Policy.Arn --output text)
  as "$1" "$2" "$3" -- iam create-user --user-name admin >/dev/null
  as "$1" "$2" "$3" -- iam attach-user-policy --user-name admin --policy-arn "$arn"
  as "$1" "$2" "$3" -- iam create-user --user-name bench >/dev/null
  as "$1" "$2" "$3" -- iam create-role --role-name bench --assume-role-policy-document \
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::$account:root\"},\"Action\":\"sts:AssumeRole\"}]}" >/dev/null
  key=$(as "$1" "$2" "$3" -- iam create-access-key --user-name admin \
    --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)
  echo "$account $key"
}

echo "== start-up"
# empty_jvm: wall ms / CPU ms (user + system) of the JVM's empty start.
empty_jvm() {
  local t0 cpu
  TIMEFORMAT='%3U %3S'
  t0=$(now_ms)
  cpu=$({ time java ${GATEHOUSE_JAVA_OPTS:-} -cp "$root/bench/target/classes" dev.gatehouse.bench.EmptyMain \
    >/dev/null; } 2>&1 | awk '{print int(($1 + $2) * 1000)}')
  echo "$(($(now_ms) - t0))/$cpu"
}
empty=()
for _ in 1 2 3; do
  empty+=("$(empty_jvm)")
done
start_server "$work/data"; first=$ready_ms; first_cpu=$cpu_ms
echo "empty JVM (EmptyMain), wall ms/CPU ms: ${empty[*]}"
echo "first start, fresh data dir, ms to ready: $first (CPU $first_cpu ms)"

root_key=$(awk -F' = ' '/aws_access_key_id/ {print $2}' "$work/data/root-credentials")
root_secret=$(awk -F' = ' '/aws_secret_access_key/ {print $2}' "$work/data/root-credentials")
as "$root_key" "$root_secret" "" -- organizations create-organization >/dev/null
small_account=$(as "$root_key" "$root_secret" "" -- organizations create-account --email small@example.com \
  --account-name Small --query CreateAccountStatus.AccountId --output text)
read -r large_account large_key large_secret < <(account_admin "$root_key" "$root_secret" "")
read -r ak as_ st < <(as "$large_key" "$large_secret" "" -- sts assume-role --role-arn \
  "arn:aws:iam::$small_account:role/OrganizationAccountAccessRole" --role-session-name setup \
  --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)
read -r _ small_key small_secret < <(account_admin "$ak" "$as_" "$st")
stop_server

# shellcheck disable=SC2086
java -cp "$bench_cp" dev.gatehouse.bench.LargeAccount "$work/data" "$small_account" $small_size 2>/dev/null
cp -a "$work/data" "$work/small-only"
# shellcheck disable=SC2086
java -cp "$bench_cp" dev.gatehouse.bench.LargeAccount "$work/data" "$large_account" $large_size 2>/dev/null
entities=$(echo $large_size | awk '{print $1 + $2 + $3 + $4}')

getuser="Action=GetUser&Version=2010-05-08&UserName=bench"
first_answer() { # ms from now until the account's first GetUser is answered
  local t0 code
  t0=$(now_ms)
  code=$(signed_curl "$1" "$2" iam "$getuser")
  [[ "$code" == 200 ]] || { echo "GetUser answered $code" >&2; exit 1; }
  echo $(($(now_ms) - t0))
}

start_server "$work/small-only"; restart_small="$ready_ms (CPU $cpu_ms)"
first_small=$(first_answer "$small_key" "$small_secret")
first_large_empty=$(first_answer "$large_key" "$large_secret")
heap_small=$(heap_kb)
stop_server
start_server "$work/data"; restart_large="$ready_ms (CPU $cpu_ms)"
first_large=$(first_answer "$large_key" "$large_secret")
first_small_2=$(first_answer "$small_key" "$small_secret")
heap_large=$(heap_kb)
echo "restart to ready, ms: without the large account $restart_small, with it $restart_large"
echo "then first GetUser, ms: large account $first_large (small account after it: $first_small_2);" \
  "without the fill: $first_large_empty (small: $first_small)"
echo "heap after full GC, KiB: without $heap_small, with $heap_large;" \
  "per entity ($entities entities): $(echo "($heap_large - $heap_small) * 1024 / $entities" | bc) bytes"

echo "== rates (req/s), large / small, same server"
cases=(
  "GetUser:iam:$getuser"
  "ListPolicies:iam:Action=ListPolicies&Version=2010-05-08&Scope=Local"
  "AssumeRole:sts:Action=AssumeRole&Version=2011-06-15&RoleSessionName=bench&RoleArn=arn:aws:iam::ACCOUNT:role/bench"
  "TagUser:iam:Action=TagUser&Version=2010-05-08&UserName=bench&Tags.member.1.Key=team&Tags.member.1.Value=bench"
)
for c in "${cases[@]}"; do
  name="${c%%:*}"; rest="${c#*:}"; service="${rest%%:*}"; body="${rest#*:}"
  python3 "$here/load/sign.py" "$endpoint" "$large_key" "$large_secret" "${body//ACCOUNT/$large_account}" \
    "$service" >"$work/$name-large.lua"
  python3 "$here/load/sign.py" "$endpoint" "$small_key" "$small_secret" "${body//ACCOUNT/$small_account}" \
    "$service" >"$work/$name-small.lua"
  # Warmed by requests until the CPU per request stops falling (load/lib.sh's warm), not by seconds:
  # a few seconds left the first round of a write measuring the JIT.
  for which in large small; do
    warm "$server_pid" "$endpoint/" "$work/$name-$which.lua" "$name-$which" "${SCALE_WARM_REQUESTS:-50000}"
  done
done
rate() { # rate LUA -> req/s
  wrk -t1 -c"$connections" -d"${duration}s" -s "$1" "$endpoint/" 2>"$work/wrk.err" |
    awk '/Requests\/sec/ {print $2}'
  if grep -q 'unexpected status' "$work/wrk.err"; then
    echo "non-200 answers: $(sort "$work/wrk.err" | uniq -c | head -3)" >&2
  fi
}
printf '%-6s %-13s %10s %10s %8s\n' round case large small ratio
for round in $(seq 1 "$rounds"); do
  for c in "${cases[@]}"; do
    name="${c%%:*}"
    if (( round % 2 )); then
      l=$(rate "$work/$name-large.lua"); s=$(rate "$work/$name-small.lua")
    else
      s=$(rate "$work/$name-small.lua"); l=$(rate "$work/$name-large.lua")
    fi
    printf '%-6s %-13s %10.0f %10.0f %8.2f\n' "$round" "$name" "$l" "$s" "$(echo "$l / $s" | bc -l)"
  done
done
stop_server

echo "== start-up with class data sharing (AppCDS), same run"
# The archive: the classes a first start on a fresh data dir loaded (what ./gatehouse serve does).
start_server "$work/record" -XX:ArchiveClassesAtExit="$work/app.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off
echo "first start recording the archive: $ready_ms ms (CPU $cpu_ms)"
stop_server
cds=(-XX:SharedArchiveFile="$work/app.jsa" -Xshare:auto -Xlog:cds=off)
declare -A result
printf '%-28s %14s %14s\n' start "no archive" "archive"
for round in 1 2; do
  e1=$(empty_jvm)
  printf '%-28s %14s %14s\n' "empty JVM (JDK's archive), round $round" "$e1" -
  for which in fresh small-only data; do
    for mode in plain cds; do
      dir="$work/run-$which-$round-$mode"
      [[ "$which" == fresh ]] || cp -a "$work/$which" "$dir"
      if [[ "$mode" == plain ]]; then start_server "$dir"; else start_server "$dir" "${cds[@]}"; fi
      result[$mode]="$ready_ms/$cpu_ms"
      stop_server
      rm -rf "$dir"
    done
    printf '%-28s %14s %14s\n' "${which/data/large}, round $round" "${result[plain]}" "${result[cds]}"
  done
done
echo "(wall ms to ready / CPU ms to ready; fresh = first start of an empty data dir, small-only ="
echo " restart without the large account, large = restart with it)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

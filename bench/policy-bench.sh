#!/usr/bin/env bash
# Policy engine benchmark: single-thread decisions/s of the compiled engine and of the naive
# reference evaluator over the same corpus, in one JMH run, plus compile time per policy.
# Usage: bench/policy-bench.sh [extra JMH options]   (builds first)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -q -B -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true -pl bench -am package
out="bench/target/policy-bench.json"
java -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main \
  -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 -rf json -rff "$out" "${@}" \
  'dev.gatehouse.bench.Policy(Decision|Compile)Benchmark'
python3 - "$out" <<'PY'
import json, sys
rows = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
eng, ref = rows.get("compiledEngine"), rows.get("referenceEvaluator")
if eng and ref:
    print(f"compiled engine:   {eng['score']:>14,.0f} decisions/s (±{eng['scoreError']:,.0f})")
    print(f"naive reference:   {ref['score']:>14,.0f} decisions/s (±{ref['scoreError']:,.0f})")
    print(f"ratio engine/reference: {eng['score'] / ref['score']:,.0f}x")
comp = rows.get("parseAndCompile")
if comp:
    print(f"parse+validate+compile: {comp['score']:,.1f} us per policy")
PY

package dev.gatehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.AuthorizationRequest;
import dev.gatehouse.policy.Evaluator;
import dev.gatehouse.policy.PolicySet;
import dev.gatehouse.policy.cases.CaseFile;
import dev.gatehouse.policy.cases.PolicyCase;
import dev.gatehouse.policy.reference.ReferenceEvaluator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-thread decisions per second over the benchmark corpus, policies precompiled; the naive
 * reference evaluator runs over the same requests in the same run, as the yardstick.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PolicyDecisionBenchmark {
  static final int CASES = 10_000;

  /** The reference evaluator is slow: it decides a fixed, evenly spread tenth of the corpus. */
  static final int REFERENCE_CASES = 1_000;

  /** The compiled corpus, built once per trial. */
  @State(Scope.Benchmark)
  public static class Compiled {
    AuthorizationRequest[] requests;
    PolicySet[] policies;

    @Setup(Level.Trial)
    public void load() {
      List<PolicyCase> cases = CaseFile.parse(BenchCorpus.text()).cases();
      if (cases.size() != CASES) {
        throw new IllegalStateException("expected " + CASES + " cases, found " + cases.size());
      }
      requests = new AuthorizationRequest[cases.size()];
      policies = new PolicySet[cases.size()];
      for (int i = 0; i < cases.size(); i++) {
        PolicyCase c = cases.get(i);
        String id = c.id();
        requests[i] =
            c.request().orElseThrow(() -> new IllegalStateException("case " + id + " is invalid"));
        policies[i] = c.policies().orElseThrow();
      }
    }
  }

  /** The raw corpus for the reference evaluator. */
  @State(Scope.Benchmark)
  public static class Raw {
    List<JsonNode> cases;
    Map<String, JsonNode> named;

    @Setup(Level.Trial)
    public void load() {
      JsonNode root = BenchCorpus.tree();
      named = new HashMap<>();
      root.get("policies").fields().forEachRemaining(e -> named.put(e.getKey(), e.getValue()));
      JsonNode all = root.get("cases");
      cases = new ArrayList<>(REFERENCE_CASES);
      int step = all.size() / REFERENCE_CASES;
      for (int i = 0; i < REFERENCE_CASES; i++) {
        cases.add(all.get(i * step));
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(CASES)
  public void compiledEngine(Compiled corpus, Blackhole bh) {
    AuthorizationRequest[] requests = corpus.requests;
    PolicySet[] policies = corpus.policies;
    for (int i = 0; i < requests.length; i++) {
      bh.consume(Evaluator.evaluate(requests[i], policies[i]).outcome());
    }
  }

  @Benchmark
  @OperationsPerInvocation(REFERENCE_CASES)
  public void referenceEvaluator(Raw corpus, Blackhole bh) {
    for (JsonNode c : corpus.cases) {
      bh.consume(ReferenceEvaluator.evaluate(c, corpus.named));
    }
  }
}

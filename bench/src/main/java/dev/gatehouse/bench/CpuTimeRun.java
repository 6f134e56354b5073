package dev.gatehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.AuthorizationRequest;
import dev.gatehouse.policy.Evaluator;
import dev.gatehouse.policy.Outcome;
import dev.gatehouse.policy.PolicySet;
import dev.gatehouse.policy.cases.CaseFile;
import dev.gatehouse.policy.cases.PolicyCase;
import dev.gatehouse.policy.reference.ReferenceEvaluator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decisions per CPU-second of the compiled engine and of the naive reference evaluator, in one
 * process. Thread CPU time, not wall time, so that other load on a shared machine does not count
 * against either side; the JMH benchmark gives the wall-clock view.
 *
 * <p>Usage: {@code java -cp ... dev.gatehouse.bench.CpuTimeRun [engineRounds] [referenceCases]}
 */
public final class CpuTimeRun {
  private CpuTimeRun() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int referenceCases = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    String text = BenchCorpus.text();
    long t0 = threads.getCurrentThreadCpuTime();
    List<PolicyCase> cases = CaseFile.parse(text).cases();
    long compileNanos = threads.getCurrentThreadCpuTime() - t0;
    AuthorizationRequest[] requests = new AuthorizationRequest[cases.size()];
    PolicySet[] policies = new PolicySet[cases.size()];
    for (int i = 0; i < cases.size(); i++) {
      requests[i] = cases.get(i).request().orElseThrow();
      policies[i] = cases.get(i).policies().orElseThrow();
    }

    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    for (int i = 0; i < requests.length; i++) {
      outcomes.merge(Evaluator.evaluate(requests[i], policies[i]).outcome(), 1, Integer::sum);
    }
    // Warm-up, then the measured rounds.
    long sink = run(requests, policies, Math.max(1, rounds / 4));
    long start = threads.getCurrentThreadCpuTime();
    sink += run(requests, policies, rounds);
    long engineNanos = threads.getCurrentThreadCpuTime() - start;
    long engineDecisions = (long) rounds * requests.length;

    JsonNode root = BenchCorpus.tree();
    Map<String, JsonNode> named = new HashMap<>();
    root.get("policies").fields().forEachRemaining(e -> named.put(e.getKey(), e.getValue()));
    JsonNode all = root.get("cases");
    List<JsonNode> sample = new ArrayList<>();
    int step = Math.max(1, all.size() / referenceCases);
    for (int i = 0; i < all.size() && sample.size() < referenceCases; i += step) {
      sample.add(all.get(i));
    }
    int agree = 0;
    for (int i = 0; i < Math.min(200, sample.size()); i++) {
      ReferenceEvaluator.evaluate(sample.get(i), named); // warm-up
    }
    start = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < sample.size(); i++) {
      String ref = ReferenceEvaluator.evaluate(sample.get(i), named);
      int index = i * step;
      if (ref.equals(Evaluator.evaluate(requests[index], policies[index]).outcome().wireName())) {
        agree++;
      }
    }
    long referenceNanos = threads.getCurrentThreadCpuTime() - start;

    double engineRate = engineDecisions / (engineNanos / 1e9);
    double referenceRate = sample.size() / (referenceNanos / 1e9);
    System.out.printf(
        Locale.ROOT,
        "corpus: %d requests, outcomes %s, compiled in %.0f ms CPU%n",
        requests.length,
        outcomes,
        compileNanos / 1e6);
    System.out.printf(
        Locale.ROOT,
        "compiled engine: %,.0f decisions per CPU-second (%,d decisions)%n",
        engineRate,
        engineDecisions);
    System.out.printf(
        Locale.ROOT,
        "naive reference: %,.0f decisions per CPU-second (%,d decisions; agrees with the engine"
            + " on %d of them)%n",
        referenceRate,
        sample.size(),
        agree);
    System.out.printf(
        Locale.ROOT, "ratio: %,.0fx (checksum %d)%n", engineRate / referenceRate, sink);
  }

  private static long run(AuthorizationRequest[] requests, PolicySet[] policies, int rounds) {
    long allowed = 0;
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < requests.length; i++) {
        if (Evaluator.evaluate(requests[i], policies[i]).outcome() == Outcome.ALLOWED) {
          allowed++;
        }
      }
    }
    return allowed;
  }
}

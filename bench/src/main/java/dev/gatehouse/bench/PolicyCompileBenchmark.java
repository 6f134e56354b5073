package dev.gatehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.PolicyKind;
import java.util.ArrayList;
import java.util.List;
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

/** Time to parse, validate and compile one policy document, over the corpus's 200 policies. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PolicyCompileBenchmark {
  static final int POLICIES = 200;

  /** The policy documents as JSON text. */
  @State(Scope.Benchmark)
  public static class Documents {
    List<String> documents;

    @Setup(Level.Trial)
    public void load() {
      JsonNode policies = BenchCorpus.tree().get("policies");
      documents = new ArrayList<>();
      policies.elements().forEachRemaining(p -> documents.add(p.toString()));
      if (documents.size() != POLICIES) {
        throw new IllegalStateException(
            "expected " + POLICIES + " policies, found " + documents.size());
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(POLICIES)
  public void parseAndCompile(Documents docs, Blackhole bh) {
    for (String json : docs.documents) {
      bh.consume(CompiledPolicy.parse(json, PolicyKind.IDENTITY, "p"));
    }
  }
}

package dev.gatehouse.policy.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.policy.cases.CaseFile;
import dev.gatehouse.policy.cases.CaseResult;
import dev.gatehouse.policy.cases.PolicyCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Differential testing: the engine and the naive reference evaluator must agree on random but
 * meaningful cases (docs/STYLE.md point 12). Each try is one case file of {@value #BATCH} cases, so
 * 100 tries compare 2,000 cases while the engine compiles one file per try. The outcome statistics
 * make sure the property cannot pass by everything being denied.
 */
class EngineAgreesWithReferencePropertiesTest {

  private static final int BATCH = 20;

  @Provide
  Arbitrary<List<ObjectNode>> batches() {
    return Arbitraries.longs()
        .map(
            seed -> {
              Random random = new Random(seed);
              List<ObjectNode> cases = new ArrayList<>();
              for (int i = 0; i < BATCH; i++) {
                ObjectNode c = RandomCases.generate(random);
                c.put("id", "random-" + i);
                cases.add(c);
              }
              return cases;
            });
  }

  @Property(tries = 100)
  void engineAgreesWithReference(@ForAll("batches") List<ObjectNode> batch) throws Exception {
    List<PolicyCase> engineCases =
        CaseFile.parse(CorpusFiles.JSON.writeValueAsString(batch)).cases();
    assertThat(engineCases).hasSameSizeAs(batch);
    for (int i = 0; i < batch.size(); i++) {
      ObjectNode c = batch.get(i);
      String reference = ReferenceEvaluator.evaluate(c, Map.of());
      CaseResult result = engineCases.get(i).evaluate();
      String text = CorpusFiles.JSON.writeValueAsString(c);
      assertThat(result.error()).as("engine error for %s", text).isEmpty();
      assertThat(result.outcome().orElseThrow().wireName())
          .as("case %s", text)
          .isEqualTo(reference);
      Statistics.label("outcome").collect(reference);
    }
    Statistics.label("outcome")
        .coverage(
            coverage -> {
              coverage.check("Allowed").percentage(p -> p > 5);
              coverage.check("ExplicitlyDenied").percentage(p -> p > 5);
              coverage.check("ImplicitlyDenied").percentage(p -> p > 5);
            });
  }
}

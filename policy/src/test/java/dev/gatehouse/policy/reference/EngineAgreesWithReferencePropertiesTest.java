package dev.gatehouse.policy.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.policy.cases.CaseFile;
import dev.gatehouse.policy.cases.CaseResult;
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
 * meaningful cases (docs/STYLE.md point 12). The outcome statistics make sure the property cannot
 * pass by everything being denied.
 */
class EngineAgreesWithReferencePropertiesTest {

  @Provide
  Arbitrary<ObjectNode> cases() {
    return Arbitraries.longs().map(seed -> RandomCases.generate(new Random(seed)));
  }

  @Property(tries = 2000)
  void engineAgreesWithReference(@ForAll("cases") ObjectNode c) throws Exception {
    String text = CorpusFiles.JSON.writeValueAsString(List.of(c));
    String reference = ReferenceEvaluator.evaluate(c, Map.of());
    CaseResult result = CaseFile.parse(text).cases().get(0).evaluate();
    assertThat(result.error()).as("engine error for %s", text).isEmpty();
    assertThat(result.outcome().orElseThrow().wireName()).as("case %s", text).isEqualTo(reference);
    Statistics.label("outcome")
        .collect(reference)
        .coverage(
            coverage -> {
              coverage.check("Allowed").percentage(p -> p > 8);
              coverage.check("ExplicitlyDenied").percentage(p -> p > 8);
              coverage.check("ImplicitlyDenied").percentage(p -> p > 8);
            });
  }
}

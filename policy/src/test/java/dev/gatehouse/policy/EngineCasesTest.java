package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.cases.CaseFile;
import dev.gatehouse.policy.cases.CaseResult;
import dev.gatehouse.policy.cases.PolicyCase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The engine's rule-by-rule cases (semantics/engine-cases.json), one dynamic test each. */
class EngineCasesTest {
  private static final String FILE = "/semantics/engine-cases.json";

  @TestFactory
  List<DynamicTest> everyCaseDecidesAsPinned() {
    String text = TestData.text(FILE);
    JsonNode raw = TestData.json(FILE).get("cases");
    List<PolicyCase> cases = CaseFile.parse(text).cases();
    assertThat(cases).hasSize(raw.size());
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      PolicyCase c = cases.get(i);
      JsonNode spec = raw.get(i);
      tests.add(
          DynamicTest.dynamicTest(
              c.id(),
              () -> {
                CaseResult r = c.evaluate();
                assertThat(r.id()).isEqualTo(c.id());
                if (spec.has("expectedError")) {
                  assertThat(r.outcome()).isEmpty();
                  assertThat(r.error())
                      .hasValueSatisfying(
                          e -> assertThat(e).contains(spec.get("expectedError").asText()));
                  assertThat(c.decide()).isEqualTo(Outcome.IMPLICITLY_DENIED);
                  return;
                }
                assertThat(r.error()).isEmpty();
                assertThat(r.outcome()).contains(c.expected().orElseThrow());
                assertThat(c.decide()).isEqualTo(c.expected().orElseThrow());
                if (spec.has("expectedReason")) {
                  // The first explanation line: AWS's reason for a denial, or why it is allowed.
                  assertThat(r.explanation())
                      .first()
                      .isEqualTo(spec.get("expectedReason").asText());
                }
                if (r.outcome().get() == Outcome.EXPLICITLY_DENIED) {
                  assertThat(r.explanation()).anyMatch(e -> e.startsWith("Deny in "));
                }
              }));
    }
    return tests;
  }
}

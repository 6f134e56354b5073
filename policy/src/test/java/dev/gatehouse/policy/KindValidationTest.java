package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Validation per policy kind (validation/kind-cases.json): what each kind accepts, and for what it
 * refuses, AWS's message and the JSON pointer to the fault.
 */
class KindValidationTest {

  @TestFactory
  List<DynamicTest> eachKindAcceptsAndRefusesAsAws() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : TestData.json("/validation/kind-cases.json")) {
      PolicyKind kind = PolicyKind.valueOf(c.get("kind").asText().toUpperCase(Locale.ROOT));
      String doc = c.get("document").toString();
      tests.add(
          DynamicTest.dynamicTest(
              kind + ": " + c.get("name").asText(),
              () -> {
                if (!c.has("error")) {
                  Policy p = Policy.parse(doc, kind);
                  assertThat(Policy.parse(p.toJson(), kind)).isEqualTo(p);
                  return;
                }
                assertThatThrownBy(() -> Policy.parse(doc, kind))
                    .isInstanceOfSatisfying(
                        MalformedPolicyException.class,
                        e -> {
                          assertThat(e).hasMessage(c.get("error").asText());
                          assertThat(e.errorCode()).isEqualTo("MalformedPolicyDocument");
                          if (c.has("pointer")) {
                            assertThat(e.pointer()).contains(c.get("pointer").asText());
                          }
                        });
              }));
    }
    return tests;
  }
}

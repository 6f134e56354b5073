package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The moto-recorded IAM validation corpus (validation/PROVENANCE.txt): every invalid document is
 * rejected as an identity policy with exactly IAM's message; every valid one is accepted and
 * round-trips.
 */
class MotoValidationCorpusTest {
  private static final JsonNode CORPUS =
      TestData.json("/validation/moto-policy-validation-cases.json");

  @TestFactory
  List<DynamicTest> invalidDocumentsAreRejectedWithIamMessage() {
    List<DynamicTest> tests = new ArrayList<>();
    int i = 0;
    for (JsonNode c : CORPUS.get("invalid_policy_document_test_cases")) {
      String doc = TestData.document(c.get("document"));
      String message = c.get("error_message").asText();
      tests.add(
          DynamicTest.dynamicTest(
              "invalid " + i++ + ": " + message,
              () ->
                  assertThatThrownBy(() -> Policy.parse(doc, PolicyKind.IDENTITY))
                      .isInstanceOf(MalformedPolicyException.class)
                      .hasMessage(message)));
    }
    assertThat(tests).hasSize(78);
    return tests;
  }

  @TestFactory
  List<DynamicTest> validDocumentsAreAcceptedAndRoundTrip() {
    List<DynamicTest> tests = new ArrayList<>();
    int i = 0;
    for (JsonNode c : CORPUS.get("valid_policy_documents")) {
      String doc = TestData.document(c);
      tests.add(
          DynamicTest.dynamicTest(
              "valid " + i++,
              () -> {
                Policy p = Policy.parse(doc, PolicyKind.IDENTITY);
                assertThat(Policy.parse(p.toJson(), PolicyKind.IDENTITY)).isEqualTo(p);
              }));
    }
    assertThat(tests).hasSize(54);
    return tests;
  }
}

package dev.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.policy.PolicyKind;
import org.junit.jupiter.api.Test;

class PolicyViewsTest {
  @Test
  void validationGivesTheErrorOrTheWarnings() {
    var bad =
        JsonEditor.validate(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"}]}",
            PolicyKind.IDENTITY);
    assertThat(bad.valid()).isFalse();
    assertThat(bad.errors()).singleElement().asString().startsWith("MalformedPolicyDocument: ");
    var warned =
        JsonEditor.validate(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:NoSuchAction\",\"Resource\":\"*\"}]}",
            PolicyKind.IDENTITY);
    assertThat(warned.valid()).isTrue();
    assertThat(warned.warnings())
        .singleElement()
        .asString()
        .contains("s3:NoSuchAction")
        .contains("(at /Statement/0/Action");
    assertThat(JsonEditor.validate("not json", PolicyKind.TRUST).valid()).isFalse();
  }

  @Test
  void documentsAreDecodedAndIndented() {
    assertThat(JsonEditor.decoded("%7B%22a%22%3A1%7D")).isEqualTo("{\n  \"a\" : 1\n}");
    assertThat(JsonEditor.pretty("not json")).isEqualTo("not json");
  }

  @Test
  void trustPoliciesListTheirPrincipalsAndConditions() {
    String trust = TrustSummary.accountTrust("123456789012", "ext-1", true);
    assertThat(JsonEditor.validate(trust, PolicyKind.TRUST).valid()).isTrue();
    var entities = TrustSummary.entities(trust);
    assertThat(entities)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("AWS account");
              assertThat(e.value()).isEqualTo("arn:aws:iam::123456789012:root");
              assertThat(e.conditions())
                  .isEqualTo(
                      "sts:ExternalId StringEquals ext-1; aws:MultiFactorAuthPresent Bool true");
            });
    var many =
        TrustSummary.entities(
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::1:user/u\",\"arn:aws:iam::1:role/r\",\"111122223333\",\"arn:aws:sts::1:assumed-role/r/s\"],"
                + "\"Service\":\"ec2.amazonaws.com\",\"Federated\":\"cognito-identity.amazonaws.com\",\"CanonicalUser\":\"x\"},"
                + "\"Condition\":{\"StringLike\":{\"k\":[\"a\",\"b\"]}}}}");
    assertThat(many)
        .extracting(TrustSummary.Entity::type)
        .containsExactly(
            "IAM user",
            "IAM role",
            "AWS account",
            "AWS principal",
            "AWS service",
            "Identity provider",
            "CanonicalUser");
    assertThat(many.get(0).conditions()).isEqualTo("k StringLike [\"a\",\"b\"]");
    assertThat(
            TrustSummary.entities(
                "{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\"},{\"Effect\":\"Allow\",\"Principal\":\"*\"}]}"))
        .extracting(TrustSummary.Entity::type)
        .containsExactly("Everyone");
    assertThat(TrustSummary.entities("nope")).isEmpty();
    assertThat(TrustSummary.accountTrust("123456789012", "", false)).doesNotContain("Condition");
  }
}

package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Quotas, allowed characters and JSON-level syntax. */
class LimitsAndSyntaxTest {
  private static final String SMALL =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
          + "\"Resource\":\"*\"}}";

  private static String withPadding(int resources) {
    StringBuilder b =
        new StringBuilder(
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":[");
    for (int i = 0; i < resources; i++) {
      b.append(i == 0 ? "" : ",").append("\"arn:aws:s3:::bucket-number-").append(i).append("\"");
    }
    return b.append("]}}").toString();
  }

  @Test
  void sizeIsCountedWithoutWhitespace() {
    assertThat(Policy.size(" a \n\tb\r ")).isEqualTo(2);
    String spaced = SMALL.replace(",", " ,\n   ") + " ".repeat(10_000);
    assertThat(Policy.parse(spaced, PolicyKind.IDENTITY))
        .isEqualTo(Policy.parse(SMALL, PolicyKind.IDENTITY));
  }

  @Test
  void managedPolicyQuotaIs6144() {
    String big = withPadding(250);
    assertThat(Policy.size(big)).isGreaterThan(6144);
    assertThatThrownBy(() -> Policy.parse(big, PolicyKind.IDENTITY))
        .isInstanceOfSatisfying(
            MalformedPolicyException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("LimitExceeded");
              assertThat(e).hasMessage("Cannot exceed quota for PolicySize: 6144");
              assertThat(e.pointer()).isEmpty();
              assertThat(e.describe()).isEqualTo(e.getMessage());
            });
    assertThat(Policy.parse(big, PolicyKind.IDENTITY, ValidationMode.EVALUATION).statements())
        .hasSize(1);
    assertThat(Policy.parse(big, PolicyKind.SCP, ValidationMode.EVALUATION)).isNotNull();
  }

  @Test
  void trustAndSessionQuotas() {
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":["
            + "\"arn:aws:iam::123456789012:root\",".repeat(70)
            + "\"123456789012\"]},\"Action\":\"sts:AssumeRole\"}}";
    assertThatThrownBy(() -> Policy.parse(trust, PolicyKind.TRUST))
        .hasMessage("Cannot exceed quota for ACLSizePerRole: 2048");
    String session = withPadding(80);
    assertThatThrownBy(() -> Policy.parse(session, PolicyKind.SESSION))
        .hasMessage("Cannot exceed quota for PackedPolicySize: 2048");
    assertThatThrownBy(() -> Policy.parse(withPadding(200), PolicyKind.SCP))
        .hasMessage("Cannot exceed quota for PolicySize: 5120");
    assertThat(Policy.parse(withPadding(200), PolicyKind.BOUNDARY, ValidationMode.EVALUATION))
        .isNotNull();
  }

  @Test
  void charactersOutsideLatin1AreRefused() {
    String doc = SMALL.replace("\"*\"}", "\"arn:aws:s3:::b/\u4e2d\"}");
    assertThatThrownBy(() -> Policy.parse(doc, PolicyKind.IDENTITY))
        .isInstanceOfSatisfying(
            MalformedPolicyException.class,
            e -> assertThat(e.errorCode()).isEqualTo("ValidationError"));
    String latin1 = SMALL.replace("\"*\"}", "\"arn:aws:s3:::b/\u00e9\"}");
    assertThat(Policy.parse(latin1, PolicyKind.IDENTITY).statements()).hasSize(1);
    assertThatThrownBy(() -> Policy.parse(SMALL.replace(",", ",\u0001"), PolicyKind.IDENTITY))
        .isInstanceOf(MalformedPolicyException.class);
  }

  @Test
  void duplicateKeysAndTrailingTextAreSyntaxErrors() {
    String dup =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Effect\":\"Deny\","
            + "\"Action\":\"s3:*\",\"Resource\":\"*\"}}";
    assertThatThrownBy(() -> Policy.parse(dup, PolicyKind.IDENTITY))
        .hasMessage("Syntax errors in policy.");
    assertThatThrownBy(() -> Policy.parse(SMALL + "{}", PolicyKind.IDENTITY))
        .hasMessage("Syntax errors in policy.");
    assertThatThrownBy(() -> Policy.parse("", PolicyKind.IDENTITY))
        .hasMessage("Syntax errors in policy.");
    assertThatThrownBy(() -> Policy.parse("null", PolicyKind.IDENTITY))
        .hasMessage("Syntax errors in policy.");
  }

  @Test
  void evaluationModeAcceptsLegacyVersions() {
    String legacy = SMALL.replace("2012-10-17", "2008-10-17");
    assertThatThrownBy(() -> Policy.parse(legacy, PolicyKind.IDENTITY))
        .hasMessage("Policy document must be version 2012-10-17 or greater.");
    Policy p = Policy.parse(legacy, PolicyKind.IDENTITY, ValidationMode.EVALUATION);
    assertThat(p.version()).isEqualTo(PolicyVersion.V2008_10_17);
    assertThat(p.version().supportsVariables()).isFalse();
    assertThat(p.version().text()).contains("2008-10-17");
    assertThat(PolicyVersion.ABSENT.text()).isEmpty();
  }

  @Test
  void astAccessorsAndPrinting() {
    String doc =
        "{\"Version\":\"2012-10-17\",\"Id\":\"x\",\"Statement\":[{\"Sid\":\"\",\"Effect\":\"Deny\","
            + "\"NotPrincipal\":{\"AWS\":[\"123456789012\",\"*\"]},\"NotAction\":[\"s3:a\",\"s3:b\"],"
            + "\"NotResource\":[],\"Condition\":{\"ForAnyValue:StringLikeIfExists\":{\"k\":[]},"
            + "\"Bool\":{\"b\":true}}}]}";
    Policy p = Policy.parse(doc, PolicyKind.RESOURCE);
    Statement s = p.statements().get(0);
    assertThat(p.id()).contains("x");
    assertThat(s.sid()).contains("");
    assertThat(s.withoutSid().sid()).isEmpty();
    assertThat(s.withoutSid().withSid("")).isEqualTo(s);
    assertThat(s.effect()).isEqualTo(Effect.DENY);
    assertThat(s.principal()).isInstanceOf(PrincipalElement.NotPrincipals.class);
    assertThat(s.action()).isInstanceOf(ActionElement.NotActions.class);
    assertThat(s.resource()).isEqualTo(new ResourceElement.NotResources(java.util.List.of()));
    assertThat(s.conditions())
        .containsExactly(
            new ConditionClause(
                SetQualifier.FOR_ANY_VALUE,
                ConditionOperator.STRING_LIKE,
                true,
                "k",
                java.util.List.of()),
            new ConditionClause(
                SetQualifier.NONE, ConditionOperator.BOOL, false, "b", java.util.List.of("true")));
    assertThat(s.conditions().get(0).operatorText()).isEqualTo("ForAnyValue:StringLikeIfExists");
    assertThat(p.toString()).isEqualTo(p.toJson());
    assertThat(s.toString()).startsWith("Statement{");
    assertThat(Policy.parse(p.toJson(), PolicyKind.RESOURCE)).isEqualTo(p).hasSameHashCodeAs(p);
    assertThat(p).isNotEqualTo(Policy.parse(doc.replace("\"Id\":\"x\",", ""), PolicyKind.RESOURCE));
    assertThat(s)
        .isNotEqualTo(null)
        .isNotEqualTo(Policy.parse(SMALL, PolicyKind.IDENTITY).statements().get(0));
  }
}

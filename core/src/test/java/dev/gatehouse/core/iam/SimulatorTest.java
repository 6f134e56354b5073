package dev.gatehouse.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.Simulator.ContextEntry;
import dev.gatehouse.core.iam.Simulator.Result;
import dev.gatehouse.core.iam.Simulator.SimulatedPolicy;
import dev.gatehouse.policy.Caller;
import dev.gatehouse.policy.Outcome;
import dev.gatehouse.policy.PolicyKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorTest {
  static final Caller ALICE =
      new Caller.IamUser("arn:aws:iam::123456789012:user/alice", "123456789012", "alice");
  static final String TABLE_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\","
          + "\"Resource\":\"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}\","
          + "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2015-08-16T12:00:00Z\"}}}}";

  static SimulatedPolicy input(String json) {
    return PrincipalPolicies.given("PolicyInputList.1", "none", json, PolicyKind.IDENTITY);
  }

  static List<Result> run(
      String json, String action, List<String> resources, List<ContextEntry> c) {
    return Simulator.run(
        new Simulator.Input(
            ALICE, List.of(input(json)), List.of(), List.of(), "", List.of(action), resources, c));
  }

  @Test
  void variablesInTheResourceAreMissingUntilGiven() {
    Result r =
        run(
                TABLE_POLICY,
                "dynamodb:GetItem",
                List.of("arn:aws:dynamodb:us-west-2:123456789012:table/alice"),
                List.of())
            .get(0);
    assertThat(r.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
    assertThat(r.missingContextValues()).containsExactly("aws:username", "aws:CurrentTime");
    Result given =
        run(
                TABLE_POLICY,
                "dynamodb:GetItem",
                List.of("arn:aws:dynamodb:us-west-2:123456789012:table/alice"),
                List.of(
                    new ContextEntry("aws:username", List.of("alice"), "string"),
                    new ContextEntry("aws:CurrentTime", List.of("2020-01-01T00:00:00Z"), "date")))
            .get(0);
    assertThat(given.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(given.missingContextValues()).isEmpty();
    assertThat(given.resourceSpecific()).isTrue();
    // Another user's table: the statement does not apply, so nothing is missing either.
    Result other =
        run(
                TABLE_POLICY,
                "s3:GetObject",
                List.of("arn:aws:dynamodb:us-west-2:123456789012:table/bob"),
                List.of())
            .get(0);
    assertThat(other.missingContextValues()).isEmpty();
  }

  @Test
  void policyVariableKeys() {
    Map<String, String> out = new LinkedHashMap<>();
    Simulator.variables(
        "a/${aws:username}/${*}/${?}/${$}/${aws:PrincipalTag/team, 'none'}/${AWS:USERNAME}/${x",
        out);
    assertThat(out.values()).containsExactly("aws:username", "aws:PrincipalTag/team");
  }

  @Test
  void contextEntriesAreTypedAndNamed() {
    assertThat(
            Simulator.context(
                    List.of(
                        new ContextEntry("aws:TagKeys", List.of("a"), "stringList"),
                        new ContextEntry("s3:max-keys", List.of("1", "2"), "numeric"),
                        new ContextEntry("aws:SecureTransport", List.of("true"), "boolean")))
                .get("AWS:TAGKEYS"))
        .contains(List.of("a"));
    assertThatThrownBy(
            () -> Simulator.context(List.of(new ContextEntry("k:k", List.of("1"), "Number"))))
        .isInstanceOfSatisfying(
            GatehouseException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
              assertThat(e.getMessage()).contains("Number").contains("stringList");
            });
    assertThatThrownBy(() -> Simulator.context(List.of(new ContextEntry("", List.of(), "string"))))
        .isInstanceOf(GatehouseException.class)
        .hasMessageContaining("ContextKeyName");
  }

  @Test
  void malformedInputsNameTheParameter() {
    assertThatThrownBy(() -> input("{\"Version\":\"2012-10-17\"}"))
        .isInstanceOfSatisfying(
            GatehouseException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
              assertThat(e.getMessage()).startsWith("PolicyInputList.1 is not a valid policy: ");
            });
  }

  @Test
  void storedPolicySources() {
    String doc =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
            + "\"Resource\":\"*\"}}";
    assertThat(
            PrincipalPolicies.stored(
                "arn:aws:iam::aws:policy/AmazonS3FullAccess", doc, PolicyKind.IDENTITY))
        .extracting(SimulatedPolicy::id, SimulatedPolicy::type)
        .containsExactly("AmazonS3FullAccess", "aws-managed");
    assertThat(
            PrincipalPolicies.stored(
                "arn:aws:iam::123456789012:policy/team/p", doc, PolicyKind.BOUNDARY))
        .extracting(SimulatedPolicy::id, SimulatedPolicy::type)
        .containsExactly("p", "user-managed");
    assertThat(PrincipalPolicies.stored("role/r/inline", doc, PolicyKind.IDENTITY))
        .extracting(SimulatedPolicy::id, SimulatedPolicy::type)
        .containsExactly("inline", "role");
  }

  @Test
  void statementPositions() {
    String text =
        """
        {
          "Version": "2012-10-17",
          "Id": {"x": [1]},
          "Statement": [
            {"Effect": "Allow",
             "Action": "s3:*", "Resource": "*"},
            3,
            {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}
          ]
        }""";
    List<StatementPositions.Span> spans = StatementPositions.of(text);
    assertThat(spans).hasSize(2);
    assertThat(spans.get(0).start()).isEqualTo(new StatementPositions.Position(5, 6));
    assertThat(spans.get(0).end().line()).isEqualTo(6);
    assertThat(spans.get(1).start()).isEqualTo(new StatementPositions.Position(8, 6));
    assertThat(StatementPositions.of("[1]")).isEmpty();
    assertThat(StatementPositions.of("{\"Statement\": ")).isEmpty();
    assertThat(StatementPositions.of("{\"Version\": \"2012-10-17\"}")).isEmpty();
  }
}

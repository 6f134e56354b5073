package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Principals of requests and the request context. */
class CallerAndContextTest {

  @Test
  void parsesEveryCallerForm() {
    assertThat(Caller.parse("anonymous")).isEqualTo(new Caller.Anonymous());
    assertThat(Caller.parse("111111111111"))
        .isEqualTo(new Caller.AccountRoot("arn:aws:iam::111111111111:root", "111111111111"));
    assertThat(Caller.parse("arn:aws:iam::111111111111:root"))
        .isInstanceOf(Caller.AccountRoot.class);
    assertThat(Caller.parse("arn:aws:iam::111111111111:user/path/alice"))
        .isEqualTo(
            new Caller.IamUser(
                "arn:aws:iam::111111111111:user/path/alice", "111111111111", "alice"));
    assertThat(Caller.parse("arn:aws:iam::111111111111:role/Dev"))
        .isInstanceOf(Caller.IamRole.class);
    Caller.RoleSession s =
        (Caller.RoleSession) Caller.parse("arn:aws-cn:sts::111111111111:assumed-role/Dev/s1");
    assertThat(s.roleArn()).isEqualTo("arn:aws-cn:iam::111111111111:role/Dev");
    assertThat(s.isSession()).isTrue();
    assertThat(Caller.parse("arn:aws:sts::111111111111:federated-user/bob"))
        .isEqualTo(
            new Caller.FederatedUser(
                "arn:aws:sts::111111111111:federated-user/bob", "111111111111", "bob"));
    assertThat(Caller.parse("ec2.amazonaws.com"))
        .isEqualTo(new Caller.ServicePrincipal("ec2.amazonaws.com"));
    assertThat(Caller.parse("cognito-identity.amazonaws.com"))
        .isInstanceOf(Caller.FederatedPrincipal.class);
    assertThat(Caller.parse("accounts.google.com").account()).isEmpty();
    assertThat(Caller.parse("arn:aws:iam::111111111111:saml-provider/p"))
        .isInstanceOf(Caller.FederatedPrincipal.class);
    assertThat(Caller.parse("a".repeat(64)).account()).isEmpty();
    assertThat(Caller.parse("anonymous").account()).isEmpty();
    assertThat(Caller.parse("ec2.amazonaws.com").account()).isEmpty();
    assertThat(Caller.parse("arn:aws:iam::111111111111:user/a").isSession()).isFalse();
  }

  @Test
  void refusesWhatIsNoPrincipal() {
    for (String bad :
        List.of(
            "bob",
            "arn:aws:s3:::bucket",
            "arn:aws:iam::111111111111:group/g",
            "arn:aws:sts::111111111111:assumed-role/Dev",
            "arn:aws:sts::111111111111:federated-user/",
            "arn:aws:iam:::user/x",
            "arn:aws:iam")) {
      assertThatThrownBy(() -> Caller.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void contextKeysAreCaseInsensitive() {
    RequestContext c =
        RequestContext.builder()
            .put("AWS:UserName", "a")
            .putAll("aws:TagKeys", List.of("x", "y"))
            .build();
    assertThat(c.get("aws:username")).contains(List.of("a"));
    assertThat(c.get("AWS:TAGKEYS")).contains(List.of("x", "y"));
    assertThat(c.get("missing")).isEmpty();
    assertThat(c.keys()).containsExactlyInAnyOrder("aws:username", "aws:tagkeys");
    assertThat(c.single("aws:username")).isEqualTo("a");
    assertThat(c.single("aws:tagkeys")).isNull();
    assertThat(RequestContext.empty().keys()).isEmpty();
  }

  @Test
  void aBuilderFromABaseKeepsItsKeysAndLeavesItUnchanged() {
    RequestContext base =
        RequestContext.builder().put("AWS:UserName", "a").put("aws:PrincipalTag/T", "1").build();
    RequestContext c =
        RequestContext.builder(base)
            .put("aws:principaltag/t", "2")
            .putAll("aws:TagKeys", List.of("x"))
            .build();
    assertThat(c.get("aws:username")).contains(List.of("a"));
    assertThat(c.get("aws:PrincipalTag/T")).contains(List.of("2"));
    assertThat(c.get("aws:tagkeys")).contains(List.of("x"));
    assertThat(base.get("aws:principaltag/t")).contains(List.of("1"));
    assertThat(base.keys()).containsExactlyInAnyOrder("aws:username", "aws:principaltag/t");
  }

  @Test
  void requestDefaultsTheResourceAccountToTheCaller() {
    AuthorizationRequest r =
        new AuthorizationRequest(
            Caller.parse("arn:aws:iam::111111111111:user/a"),
            "S3:GetObject",
            "*",
            "",
            RequestContext.empty());
    assertThat(r.resourceAccount()).isEqualTo("111111111111");
    assertThat(r.sameAccount()).isTrue();
    assertThat(r.service()).isEqualTo("s3");
    assertThat(r.actionName()).isEqualTo("getobject");
    assertThat(r.caller()).isInstanceOf(Caller.IamUser.class);
    assertThat(r.context()).isSameAs(RequestContext.empty());
  }

  @Test
  void outcomesHaveWireNames() {
    for (Outcome o : Outcome.values()) {
      assertThat(Outcome.fromWireName(o.wireName())).isEqualTo(o);
    }
    assertThatThrownBy(() -> Outcome.fromWireName("allowed"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decisionReasonsPhraseAwsMessages() {
    StatementRef ref = new StatementRef(PolicyKind.SCP, "p", 0, "S", Effect.DENY);
    assertThat(
            new Decision(Outcome.EXPLICITLY_DENIED, Decision.Basis.EXPLICIT_DENY, List.of(ref))
                .reason("s3:A"))
        .isEqualTo("with an explicit deny in a service control policy");
    assertThat(ref.describe())
        .isEqualTo("Deny in service control policy \"p\", statement 0 (Sid \"S\")");
    assertThat(new Decision(Outcome.ALLOWED, Decision.Basis.ROOT_USER, List.of()).reason("s3:A"))
        .isEmpty();
    assertThat(
            new Decision(
                    Outcome.IMPLICITLY_DENIED, Decision.Basis.NO_RESOURCE_POLICY_ALLOW, List.of())
                .reason("s3:A"))
        .isEqualTo("because no resource-based policy allows the s3:A action");
    assertThat(PolicyKind.TRUST.hasPrincipals()).isTrue();
    assertThat(PolicyKind.IDENTITY.hasPrincipals()).isFalse();
  }
}

package dev.gatehouse.core.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionChainTest {

  // Caller: tags Project=Gatehouse (transitive) and Cost-Centre (not), source identity "stuart",
  // depth 1, origin AIDAEXAMPLEUSERID1234.
  private final SessionClaims caller = Claims.role();

  @Test
  void longTermStartsAChain() {
    SessionChain c =
        SessionChain.fromLongTerm(
            "AIDAX", "stuart", List.of(new SessionTag("Team", "ops")), List.of("team"));
    assertThat(c)
        .isEqualTo(
            new SessionChain(
                "AIDAX", 0, "stuart", List.of(new SessionTag("Team", "ops")), List.of("team")));
  }

  @Test
  void chainedSessionsInheritOnlyTransitiveTagsAndTheOrigin() {
    SessionChain c =
        SessionChain.fromSession(caller, "", List.of(new SessionTag("Team", "ops")), List.of());
    assertThat(c.originId()).isEqualTo("AIDAEXAMPLEUSERID1234");
    assertThat(c.chainDepth()).isEqualTo(2);
    assertThat(c.sourceIdentity()).isEqualTo("stuart");
    assertThat(c.tags())
        .containsExactly(new SessionTag("Project", "Gatehouse"), new SessionTag("Team", "ops"));
    assertThat(c.transitiveTagKeys()).containsExactly("Project");
    // Passing the same source identity again is fine.
    assertThat(SessionChain.fromSession(caller, "stuart", List.of(), List.of()).sourceIdentity())
        .isEqualTo("stuart");
    // A caller without a source identity lets the request set one.
    assertThat(
            SessionChain.fromSession(Claims.federated(), "bob", List.of(), List.of())
                .sourceIdentity())
        .isEqualTo("bob");
  }

  @Test
  void refusals() {
    assertInvalid(
        () ->
            SessionChain.fromSession(
                caller, "", List.of(new SessionTag("PROJECT", "other")), List.of()),
        "inherited transitive");
    assertInvalid(
        () -> SessionChain.fromSession(caller, "mallory", List.of(), List.of()),
        "cannot be changed");
    assertInvalid(
        () ->
            SessionChain.fromLongTerm(
                "AIDAX",
                "",
                List.of(new SessionTag("a", "1"), new SessionTag("A", "2")),
                List.of()),
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    assertInvalid(
        () -> SessionChain.fromLongTerm("AIDAX", "", List.of(), List.of("Missing")),
        "transitive tag key Missing");
  }

  @Test
  void depthSaturates() {
    SessionClaims deep =
        SessionClaimsTest.with(
            caller, caller.issuedAt(), caller.expiresAt(), 255, caller.accessKeyId(), "deep");
    assertThat(SessionChain.fromSession(deep, "", List.of(), List.of()).chainDepth())
        .isEqualTo(255);
  }

  private static void assertInvalid(Runnable r, String message) {
    assertThatThrownBy(r::run)
        .isInstanceOf(GatehouseException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
  }

  @Test
  void issueBuildsClaimsFromTheChain() {
    SessionChain chain = SessionChain.fromSession(caller, "", List.of(), List.of());
    java.time.Instant now = Claims.ISSUED.plusMillis(1500);
    TemporaryCredentials creds = new TemporaryCredentials("ASIAABCDEFGHIJKLMNOP", "s3cret");
    SessionClaims c =
        SessionClaims.issue(
            "sid",
            "aws",
            "123456789012",
            new SessionPrincipal.AssumedRole(
                "arn:aws:iam::123456789012:role/Other", "AROAOTHER", "hop"),
            chain,
            now,
            DurationRules.assumeRoleDefault(),
            MfaFacts.absent(),
            SessionPolicies.none(),
            creds);
    assertThat(c.issuedAt()).isEqualTo(Claims.ISSUED.plusSeconds(1));
    assertThat(c.expiresAt()).isEqualTo(Claims.ISSUED.plusSeconds(3601));
    assertThat(c.chainDepth()).isEqualTo(2);
    assertThat(c.originId()).isEqualTo(caller.originId());
    assertThat(c.sourceIdentity()).isEqualTo("stuart");
    assertThat(c.tags()).containsExactly(new SessionTag("Project", "Gatehouse"));
    assertThat(c.accessKeyId()).isEqualTo(creds.accessKeyId());
    assertThat(c.secretAccessKey()).isEqualTo("s3cret");
  }
}

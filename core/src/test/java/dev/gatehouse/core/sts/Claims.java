package dev.gatehouse.core.sts;

import java.time.Instant;
import java.util.List;

/** Sample claims for the tests. */
final class Claims {
  static final Instant ISSUED = Instant.parse("2026-11-29T01:00:00Z");
  static final Instant EXPIRES = ISSUED.plusSeconds(3600);
  static final String ACCESS_KEY = "ASIAQWERTYUIOPASDF23";

  private Claims() {}

  static SessionClaims role() {
    return new SessionClaims(
        "0123456789abcdef0123456789abcdef",
        "aws",
        "123456789012",
        new SessionPrincipal.AssumedRole(
            "arn:aws:iam::123456789012:role/ops/RoleS3FullAccess",
            "AROAEXAMPLEROLEID1234",
            "stuart@example.com"),
        "AIDAEXAMPLEUSERID1234",
        "stuart",
        ISSUED,
        EXPIRES,
        MfaFacts.present(ISSUED.minusSeconds(30)),
        new SessionPolicies(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\"}]}",
            List.of("arn:aws:iam::aws:policy/ReadOnlyAccess")),
        List.of(new SessionTag("Project", "Gatehouse"), new SessionTag("Cost-Centre", "é 42")),
        List.of("Project"),
        1,
        ACCESS_KEY,
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  }

  static SessionClaims federated() {
    return new SessionClaims(
        "fed0",
        "aws",
        "123456789012",
        new SessionPrincipal.FederatedUser(
            "arn:aws:iam::123456789012:user/Bob", "AIDABOBEXAMPLE123456", "Bob"),
        "AIDABOBEXAMPLE123456",
        "",
        ISSUED,
        EXPIRES,
        MfaFacts.absent(),
        SessionPolicies.none(),
        List.of(),
        List.of(),
        0,
        ACCESS_KEY,
        "secret");
  }

  static SessionClaims userSession(String userArn, String userId) {
    return new SessionClaims(
        "user0",
        "aws",
        "123456789012",
        new SessionPrincipal.UserSession(userArn, userId),
        userId,
        "",
        ISSUED,
        EXPIRES,
        MfaFacts.absent(),
        SessionPolicies.none(),
        List.of(),
        List.of(),
        0,
        ACCESS_KEY,
        "secret");
  }
}

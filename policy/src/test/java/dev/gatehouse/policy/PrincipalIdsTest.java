package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Principals named by unique id, as IAM stores a saved trust policy (spec: principal page, "IAM
 * user principals" and "IAM role principals": the ARN is transformed to the unique principal ID).
 */
class PrincipalIdsTest {
  static final String A = "111111111111";
  static final String STUART_ID = "AIDAQQQQQQQQQQQQQQQ1";
  static final String ROLE_ID = "AROAQQQQQQQQQQQQQQQ2";
  static final Caller.IamUser STUART =
      new Caller.IamUser("arn:aws:iam::" + A + ":user/Stuart", A, "Stuart", STUART_ID);
  static final Caller.IamUser NEW_STUART =
      new Caller.IamUser("arn:aws:iam::" + A + ":user/Stuart", A, "Stuart", "AIDAQQQQQQQQQQQQQQQ9");
  static final Caller.RoleSession SESSION =
      new Caller.RoleSession("arn:aws:sts::" + A + ":assumed-role/Dev/s1", A, "Dev", "s1", ROLE_ID);

  static String trust(String element, String aws) {
    String effect = element.equals("NotPrincipal") ? "Deny" : "Allow";
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\""
        + effect
        + "\",\""
        + element
        + "\":{\"AWS\":"
        + aws
        + "},\"Action\":\"sts:AssumeRole\"}]}";
  }

  static PrincipalMatcher matcher(String document) {
    // NotPrincipal exists in resource-based policies only (POLICY-SEMANTICS D4).
    PolicyKind kind = document.contains("NotPrincipal") ? PolicyKind.RESOURCE : PolicyKind.TRUST;
    PrincipalElement p =
        Policy.parse(document, kind, ValidationMode.EVALUATION).statements().get(0).principal();
    return new PrincipalMatcher(
        p instanceof PrincipalElement.Principals ps
            ? ps.set()
            : ((PrincipalElement.NotPrincipals) p).set());
  }

  @Test
  void aUserIdNamesThatUserOnlyNotANewUserOfTheSameName() {
    PrincipalMatcher m = matcher(trust("Principal", "\"" + STUART_ID + "\""));
    assertThat(m.match(STUART)).isEqualTo(PrincipalMatcher.Match.DIRECT);
    assertThat(m.match(NEW_STUART)).isEqualTo(PrincipalMatcher.Match.NONE);
    // A caller whose id is unknown (a simulation by ARN) is not named by an id.
    assertThat(m.match(new Caller.IamUser(STUART.arn(), A, "Stuart")))
        .isEqualTo(PrincipalMatcher.Match.NONE);
  }

  @Test
  void aRoleIdNamesItsSessionsAsTheRoleAndASessionIdNamesOneSession() {
    PrincipalMatcher role = matcher(trust("Principal", "[\"" + ROLE_ID + "\"]"));
    assertThat(role.match(SESSION)).isEqualTo(PrincipalMatcher.Match.ROLE);
    assertThat(role.match(new Caller.IamRole("arn:aws:iam::" + A + ":role/Dev", A, "Dev", ROLE_ID)))
        .isEqualTo(PrincipalMatcher.Match.DIRECT);
    assertThat(
            role.match(
                new Caller.RoleSession(SESSION.arn(), A, "Dev", "s1", "AROAQQQQQQQQQQQQQQQ8")))
        .isEqualTo(PrincipalMatcher.Match.NONE);

    PrincipalMatcher session = matcher(trust("Principal", "\"" + ROLE_ID + ":s1\""));
    assertThat(session.match(SESSION)).isEqualTo(PrincipalMatcher.Match.DIRECT);
    assertThat(session.match(new Caller.RoleSession(SESSION.arn(), A, "Dev", "s2", ROLE_ID)))
        .isEqualTo(PrincipalMatcher.Match.NONE);
    assertThat(new Caller.RoleSession(SESSION.arn(), A, "Dev", "s1").userId()).isEmpty();
  }

  @Test
  void notPrincipalExemptsByIdOnlyWithTheAccount() {
    PrincipalMatcher withAccount =
        matcher(trust("NotPrincipal", "[\"" + STUART_ID + "\",\"" + A + "\"]"));
    assertThat(withAccount.excludes(STUART)).isTrue();
    assertThat(withAccount.excludes(NEW_STUART)).isFalse();
    assertThat(matcher(trust("NotPrincipal", "\"" + STUART_ID + "\"")).excludes(STUART)).isFalse();

    PrincipalMatcher session =
        matcher(
            trust("NotPrincipal", "[\"" + ROLE_ID + ":s1\",\"" + ROLE_ID + "\",\"" + A + "\"]"));
    assertThat(session.excludes(SESSION)).isTrue();
    assertThat(session.excludes(new Caller.RoleSession(SESSION.arn(), A, "Dev", "s2", ROLE_ID)))
        .isFalse();
    assertThat(
            matcher(trust("NotPrincipal", "[\"" + ROLE_ID + "\",\"" + A + "\"]"))
                .excludes(new Caller.IamRole("arn:aws:iam::" + A + ":role/Dev", A, "Dev", ROLE_ID)))
        .isTrue();
  }

  @Test
  void onlyStoredDocumentsMayNameById() {
    for (String id : new String[] {STUART_ID, ROLE_ID, ROLE_ID + ":s1"}) {
      String doc = trust("Principal", "\"" + id + "\"");
      assertThatThrownBy(() -> Policy.parse(doc, PolicyKind.TRUST))
          .isInstanceOf(MalformedPolicyException.class)
          .hasMessage("Invalid principal in policy: \"AWS\":\"" + id + "\"");
      assertThat(Policy.parse(doc, PolicyKind.TRUST, ValidationMode.EVALUATION)).isNotNull();
    }
    for (String notId :
        new String[] {"AIDASHORT", "AGPAQQQQQQQQQQQQQQQ1", STUART_ID + ":s1", ROLE_ID + ":s*"}) {
      assertThatThrownBy(
              () ->
                  Policy.parse(
                      trust("Principal", "\"" + notId + "\""),
                      PolicyKind.TRUST,
                      ValidationMode.EVALUATION))
          .as(notId)
          .isInstanceOf(MalformedPolicyException.class);
    }
  }
}

package dev.gatehouse.core.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.SamlProvider;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.sts.FederatedAssumption;
import dev.gatehouse.core.sts.FederatedCaller;
import dev.gatehouse.core.sts.SessionPolicies;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AssumeRoleWithSAML up to the trust policy: provider, role pair, session parameters. */
class SamlFederationTest {
  static final String ACCOUNT = "123456789012";
  static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/Federated";
  static final String PROVIDER = "arn:aws:iam::" + ACCOUNT + ":saml-provider/Corp";
  static TestIdp idp;
  static SamlFederation federation;

  @BeforeAll
  static void idp() {
    idp = TestIdp.create("https://idp.example.com/metadata");
    SamlProvider corp =
        new SamlProvider(ACCOUNT, "SAML1", "Corp", idp.metadata(), Instant.EPOCH, Instant.MAX);
    federation =
        new SamlFederation(
            arn -> arn.equals(PROVIDER) ? Optional.of(corp) : Optional.empty(),
            SamlSettings.aws(),
            Clock.systemUTC());
  }

  private static SamlFederation.Request request(
      String role, String provider, String assertion, Optional<Integer> duration) {
    return new SamlFederation.Request(
        role, provider, assertion, new SessionPolicies("", List.of()), duration);
  }

  private static ErrorCode code(Throwable e) {
    return ((GatehouseException) e).code();
  }

  @Test
  void aVerifiedAssertionBecomesAFederatedAssumption() {
    String assertion =
        idp.response()
            .role(ROLE, PROVIDER, "alice")
            .attribute(SamlAttributes.PRINCIPAL_TAG + "Team", "ops")
            .attribute(SamlAttributes.TRANSITIVE_TAG_KEYS, "Team")
            .attribute(SamlAttributes.SOURCE_IDENTITY, "alice")
            .encoded();
    SamlFederation.Verified v =
        federation.verify(request(ROLE, PROVIDER, assertion, Optional.empty()));
    FederatedAssumption a = v.assumption();
    assertThat(a.federatedPrincipal()).isEqualTo(PROVIDER);
    assertThat(a.action()).isEqualTo(FederatedAssumption.SAML_ACTION);
    assertThat(a.session().roleArn()).isEqualTo(ROLE);
    assertThat(a.session().sessionName()).isEqualTo("alice");
    assertThat(a.session().duration()).contains(3600);
    assertThat(a.session().tags()).hasSize(1);
    assertThat(a.session().transitiveTagKeys()).containsExactly("Team");
    assertThat(a.session().sourceIdentity()).isEqualTo("alice");
    assertThat(a.providerKeys()).containsEntry("saml:doc", List.of(ACCOUNT + "/Corp"));
    assertThat(a.caller().type()).isEqualTo(FederatedCaller.SAML_USER);
    assertThat(a.caller().principalId()).isEqualTo(v.nameQualifier() + ":alice@example.com");
  }

  @Test
  void durationIsShortenedBySessionDurationAndSessionNotOnOrAfter() {
    String shorter =
        idp.response()
            .role(ROLE, PROVIDER, "alice")
            .attribute(SamlAttributes.SESSION_DURATION, "1800")
            .encoded();
    assertThat(
            federation
                .verify(request(ROLE, PROVIDER, shorter, Optional.of(7200)))
                .assumption()
                .session()
                .duration())
        .contains(1800);
    String ending =
        idp.response()
            .role(ROLE, PROVIDER, "alice")
            .sessionNotOnOrAfter(Instant.now().plusSeconds(1200))
            .encoded();
    assertThat(
            federation
                .verify(request(ROLE, PROVIDER, ending, Optional.empty()))
                .assumption()
                .session()
                .duration()
                .orElseThrow())
        .isBetween(1100, 1200);
    String tooSoon =
        idp.response()
            .role(ROLE, PROVIDER, "alice")
            .sessionNotOnOrAfter(Instant.now().plusSeconds(300))
            .encoded();
    assertThatThrownBy(() -> federation.verify(request(ROLE, PROVIDER, tooSoon, Optional.empty())))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.EXPIRED_TOKEN_EXCEPTION));
  }

  @Test
  void anUnknownProviderOrOneOfAnotherAccountIsInvalidIdentityToken() {
    String other = "arn:aws:iam::999999999999:role/Federated";
    String assertion = idp.response().role(other, PROVIDER, "alice").encoded();
    assertThatThrownBy(
            () -> federation.verify(request(other, PROVIDER, assertion, Optional.empty())))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_IDENTITY_TOKEN))
        .hasMessageContaining("does not exist in the role's account");
    String unknown = "arn:aws:iam::" + ACCOUNT + ":saml-provider/Nobody";
    assertThatThrownBy(() -> federation.verify(request(ROLE, unknown, assertion, Optional.empty())))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_IDENTITY_TOKEN));
  }

  @Test
  void anAssertionThatDoesNotPairTheRoleWithTheProviderIsAccessDenied() {
    String assertion =
        idp.response().role("arn:aws:iam::" + ACCOUNT + ":role/Other", PROVIDER, "alice").encoded();
    assertThatThrownBy(
            () -> federation.verify(request(ROLE, PROVIDER, assertion, Optional.empty())))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.ACCESS_DENIED))
        .hasMessageContaining("Not authorized to perform sts:AssumeRoleWithSAML");
  }
}

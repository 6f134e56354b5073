package dev.gatehouse.core.saml;

import dev.gatehouse.core.authz.AuthorizationResult;
import dev.gatehouse.core.domain.SamlProvider;
import dev.gatehouse.core.sts.FederatedAssumption;
import dev.gatehouse.core.sts.FederatedCaller;
import dev.gatehouse.core.sts.SessionPolicies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * AssumeRoleWithSAML up to the trust policy (spec: STS API Reference, AssumeRoleWithSAML; IAM User
 * Guide, "SAML 2.0 federation"): the provider PrincipalArn names must exist in the role's account;
 * the SAML response must verify against its metadata ({@link SamlResponseVerifier}); the
 * assertion's Role attribute must pair the requested RoleArn with that provider; its
 * RoleSessionName, SessionDuration, session tags and source identity shape the session; its {@code
 * saml:} keys go to the trust policy, which {@code FederatedTrust} evaluates with {@code Principal:
 * {"Federated": PROVIDER-ARN}}.
 */
public final class SamlFederation {
  /** spec: AssumeRoleWithSAML DurationSeconds: "the default value is 3600 seconds". */
  static final int DEFAULT_DURATION = 3600;

  static final int MIN_DURATION = 900;

  private final Function<String, Optional<SamlProvider>> providers;
  private final SamlResponseVerifier verifier;
  private final Clock clock;

  /**
   * @param providers the SAML provider a provider ARN names, if it exists
   */
  public SamlFederation(
      Function<String, Optional<SamlProvider>> providers, SamlSettings settings, Clock clock) {
    this.providers = providers;
    this.verifier = new SamlResponseVerifier(settings, clock);
    this.clock = clock;
  }

  /** AssumeRoleWithSAML's parameters; {@code duration} empty when DurationSeconds is absent. */
  public record Request(
      String roleArn,
      String principalArn,
      String samlAssertion,
      SessionPolicies policies,
      Optional<Integer> duration) {
    public Request {
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(principalArn, "principalArn");
      Objects.requireNonNull(samlAssertion, "samlAssertion");
      Objects.requireNonNull(policies, "policies");
      Objects.requireNonNull(duration, "duration");
    }
  }

  /** A verified request: what to assume, and what the response shows of the assertion. */
  public record Verified(
      FederatedAssumption assumption, SamlAssertion assertion, String nameQualifier) {}

  /**
   * Verifies the assertion and builds the federated assumption.
   *
   * @throws dev.gatehouse.core.error.GatehouseException InvalidIdentityToken (provider, signature,
   *     assertion), ExpiredTokenException, IDPRejectedClaim, or AccessDenied when the assertion
   *     does not map its subject to the requested role through this provider
   */
  public Verified verify(Request in) {
    String roleAccount = account(in.roleArn());
    SamlProvider provider =
        providers
            .apply(in.principalArn())
            .filter(p -> p.accountId().equals(roleAccount))
            .orElseThrow(
                () ->
                    SamlErrors.invalid(
                        "SAML provider "
                            + in.principalArn()
                            + " does not exist in the role's account."));
    SamlMetadata metadata = SamlMetadata.parse(provider.metadataDocument());
    SamlAssertion a = verifier.verify(in.samlAssertion(), metadata);
    if (!SamlAttributes.grants(a, in.roleArn(), in.principalArn())) {
      throw AuthorizationResult.Denied.byRule(
              "Not authorized to perform sts:AssumeRoleWithSAML: the assertion's "
                  + SamlAttributes.ROLE
                  + " attribute does not pair "
                  + in.roleArn()
                  + " with "
                  + in.principalArn())
          .toException();
    }
    String nameQualifier =
        SamlAttributes.nameQualifier(a.issuer(), provider.accountId(), provider.name());
    FederatedAssumption assumption =
        new FederatedAssumption(
            FederatedAssumption.session(
                in.roleArn(),
                SamlAttributes.roleSessionName(a),
                Optional.of(duration(in.duration(), a)),
                in.policies(),
                SamlAttributes.principalTags(a),
                SamlAttributes.transitiveTagKeys(a),
                SamlAttributes.sourceIdentity(a).orElse("")),
            provider.arn(),
            FederatedAssumption.SAML_ACTION,
            SamlAttributes.conditionKeys(a, provider.accountId(), provider.name()),
            FederatedCaller.saml(nameQualifier, a.subject()));
    return new Verified(assumption, a, nameQualifier);
  }

  /**
   * The session's length: DurationSeconds (default 3600), shortened by the assertion's
   * SessionDuration and SessionNotOnOrAfter (spec: AssumeRoleWithSAML DurationSeconds: "or until
   * the time specified in the SAML authentication response's SessionNotOnOrAfter value, whichever
   * is shorter"; IAM User Guide: SessionDuration "can be used to shorten the duration").
   */
  int duration(Optional<Integer> requested, SamlAssertion a) {
    int seconds = requested.orElse(DEFAULT_DURATION);
    Optional<Integer> attribute = SamlAttributes.sessionDuration(a);
    if (attribute.isPresent()) {
      seconds = Math.min(seconds, attribute.get());
    }
    if (a.sessionNotOnOrAfter().isPresent()) {
      Instant now = clock.instant();
      long left = Duration.between(now, a.sessionNotOnOrAfter().get()).toSeconds();
      if (left < MIN_DURATION) {
        throw SamlErrors.expired(
            "The SAML assertion's SessionNotOnOrAfter leaves less than the minimum session of "
                + MIN_DURATION
                + " seconds.");
      }
      seconds = (int) Math.min(seconds, left);
    }
    return seconds;
  }

  private static String account(String roleArn) {
    String[] parts = roleArn.split(":", 6);
    return parts.length == 6 ? parts[4] : "";
  }
}

package dev.gatehouse.core.oidc;

import dev.gatehouse.core.sts.FederatedAssumption;
import java.util.Objects;

/**
 * A verified web identity token and what it asks for: the role assumption the trust policy decides,
 * and the response members AWS returns from the token.
 *
 * @param subject the token's {@code sub} (SubjectFromWebIdentityToken)
 * @param provider the IAM OIDC provider's ARN (Provider)
 * @param audience the token's audience among the provider's client ids (Audience)
 */
public record WebIdentity(
    FederatedAssumption assumption, String subject, String provider, String audience) {
  public WebIdentity {
    Objects.requireNonNull(assumption);
    Objects.requireNonNull(subject);
    Objects.requireNonNull(provider);
    Objects.requireNonNull(audience);
  }
}

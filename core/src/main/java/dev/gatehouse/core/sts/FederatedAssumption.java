package dev.gatehouse.core.sts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request to assume a role that an identity provider vouched for (AssumeRoleWithWebIdentity,
 * AssumeRoleWithSAML), once the token or assertion verified: the session's parameters as for
 * AssumeRole, the federated principal the trust policy must name, and the provider's condition
 * keys.
 *
 * <p>spec: IAM User Guide, "Available keys for AWS OIDC federation" and "Available keys for
 * SAML-based AWS STS federation"; STS API Reference, AssumeRoleWithWebIdentity and
 * AssumeRoleWithSAML.
 *
 * @param session role ARN, session name, duration, session policies, the session tags and source
 *     identity the provider passed (no ExternalId, no MFA code: these calls carry none)
 * @param federatedPrincipal what the trust policy's {@code "Federated"} principal must name: the
 *     provider's ARN ({@code arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH}, {@code
 *     ...:saml-provider/NAME}) or a well-known provider name
 * @param action {@code sts:AssumeRoleWithWebIdentity} or {@code sts:AssumeRoleWithSAML}
 * @param providerKeys the provider's condition keys ({@code HOST/PATH:sub}, {@code saml:aud}...)
 * @param caller who called, as the audit record shows it
 */
public record FederatedAssumption(
    AssumeRoleRequest session,
    String federatedPrincipal,
    String action,
    Map<String, List<String>> providerKeys,
    FederatedCaller caller) {
  public static final String WEB_IDENTITY_ACTION = "sts:AssumeRoleWithWebIdentity";
  public static final String SAML_ACTION = "sts:AssumeRoleWithSAML";

  public FederatedAssumption {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(federatedPrincipal, "federatedPrincipal");
    Objects.requireNonNull(action, "action");
    Map<String, List<String>> keys = new LinkedHashMap<>();
    providerKeys.forEach((k, v) -> keys.put(k, List.copyOf(v)));
    providerKeys = java.util.Collections.unmodifiableMap(keys);
    Objects.requireNonNull(caller, "caller");
    if (!action.equals(WEB_IDENTITY_ACTION) && !action.equals(SAML_ACTION)) {
      throw new IllegalArgumentException("not a federated action: " + action);
    }
    if (!session.externalId().isEmpty() || session.mfa().given()) {
      throw new IllegalArgumentException("federated calls carry no ExternalId or MFA code");
    }
  }

  /**
   * The session part of a federated request: AssumeRole's parameters without ExternalId and MFA.
   */
  public static AssumeRoleRequest session(
      String roleArn,
      String sessionName,
      java.util.Optional<Integer> duration,
      SessionPolicies policies,
      List<SessionTag> tags,
      List<String> transitiveTagKeys,
      String sourceIdentity) {
    return new AssumeRoleRequest(
        roleArn,
        sessionName,
        duration,
        "",
        new MfaCode("", ""),
        policies,
        tags,
        transitiveTagKeys,
        sourceIdentity);
  }
}

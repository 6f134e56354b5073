package dev.gatehouse.core.sts;

import java.util.Objects;

/**
 * Who called AssumeRoleWithWebIdentity or AssumeRoleWithSAML, as CloudTrail's {@code userIdentity}
 * shows it: no IAM principal signed the call, the identity provider vouched for the caller.
 *
 * <p>spec: CloudTrail User Guide, "Values for AWS STS APIs with SAML and web identity federation":
 * {@code type} WebIdentityUser or SAMLUser; {@code principalId} the issuer, application id and user
 * id (web identity) or the name qualifier and subject (SAML); {@code userName} the user id or
 * subject; {@code identityProvider} the issuer or the name qualifier.
 */
public record FederatedCaller(
    String type, String principalId, String userName, String identityProvider) {
  public static final String WEB_IDENTITY_USER = "WebIdentityUser";
  public static final String SAML_USER = "SAMLUser";

  public FederatedCaller {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(identityProvider, "identityProvider");
    if (!type.equals(WEB_IDENTITY_USER) && !type.equals(SAML_USER)) {
      throw new IllegalArgumentException("not a federated caller type: " + type);
    }
  }

  /** A web identity user: {@code principalId} is {@code ISSUER:AUDIENCE:SUBJECT}. */
  public static FederatedCaller webIdentity(String issuer, String audience, String subject) {
    return new FederatedCaller(
        WEB_IDENTITY_USER, issuer + ":" + audience + ":" + subject, subject, issuer);
  }

  /** A SAML user: {@code principalId} is {@code NAMEQUALIFIER:SUBJECT}. */
  public static FederatedCaller saml(String nameQualifier, String subject) {
    return new FederatedCaller(SAML_USER, nameQualifier + ":" + subject, subject, nameQualifier);
  }
}

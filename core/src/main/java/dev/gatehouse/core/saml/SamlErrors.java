package dev.gatehouse.core.saml;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;

/**
 * AWS's errors for a SAML response AssumeRoleWithSAML refuses (spec: STS API Reference,
 * AssumeRoleWithSAML, Errors). Messages say what was wrong and never echo the assertion.
 */
public final class SamlErrors {
  private SamlErrors() {}

  /** InvalidIdentityToken (400): the response is malformed, unsigned or wrongly signed. */
  public static GatehouseException invalid(String message) {
    return new GatehouseException(ErrorCode.INVALID_IDENTITY_TOKEN, message);
  }

  /** ExpiredTokenException (400): the assertion's validity window has passed. */
  public static GatehouseException expired(String message) {
    return new GatehouseException(ErrorCode.EXPIRED_TOKEN_EXCEPTION, message);
  }

  /** IDPRejectedClaim (403): the IdP reported that authentication failed. */
  public static GatehouseException rejected(String message) {
    return new GatehouseException(ErrorCode.ID_P_REJECTED_CLAIM, message);
  }
}

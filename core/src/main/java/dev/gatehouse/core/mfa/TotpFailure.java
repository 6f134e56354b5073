package dev.gatehouse.core.mfa;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;

/** Why MFA codes were refused (for the audit record; clients get AWS's single message). */
public enum TotpFailure {
  /** Not exactly the configured number of ASCII digits. */
  MALFORMED,
  /** No step in the window produces the code. */
  NO_MATCH,
  /** The code matches a step that was already used (or an earlier one). */
  REPLAYED,
  /** Enable/resync: both codes are valid but are not two consecutive codes, in order. */
  NOT_CONSECUTIVE;

  // spec: AWS responses as quoted by clients: STS AccessDenied "MultiFactorAuthentication failed
  // with invalid MFA one time pass code." and IAM InvalidAuthenticationCode "Authentication code
  // for device is not valid."
  static final String STS_MESSAGE =
      "MultiFactorAuthentication failed with invalid MFA one time pass code.";
  static final String IAM_MESSAGE = "Authentication code for device is not valid.";

  /** The error AssumeRole and GetSessionToken answer with: {@code AccessDenied}. */
  public GatehouseException toStsException() {
    return new GatehouseException(ErrorCode.ACCESS_DENIED, STS_MESSAGE);
  }

  /**
   * The error EnableMFADevice and ResyncMFADevice answer with: {@code InvalidAuthenticationCode}.
   */
  public GatehouseException toIamException() {
    return new GatehouseException(ErrorCode.INVALID_AUTHENTICATION_CODE, IAM_MESSAGE);
  }
}

package dev.gatehouse.core.sts;

import java.util.Objects;

/** An STS request's SerialNumber and TokenCode; both empty when absent. */
public record MfaCode(String serialNumber, String tokenCode) {
  public MfaCode {
    Objects.requireNonNull(serialNumber);
    Objects.requireNonNull(tokenCode);
  }

  /** Whether the request gave either. */
  public boolean given() {
    return !serialNumber.isEmpty() || !tokenCode.isEmpty();
  }
}

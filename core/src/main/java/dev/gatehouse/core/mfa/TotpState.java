package dev.gatehouse.core.mfa;

/**
 * What the store keeps per MFA device between verifications.
 *
 * @param lastUsedStep the time step of the last accepted code; a code of this step or an earlier
 *     one is refused, so each code works once (ASVS 6.5.1)
 * @param driftSteps how many steps the device's clock runs ahead (positive) or behind, learned by
 *     ResyncMFADevice; verification centres its window on now + drift
 */
public record TotpState(long lastUsedStep, int driftSteps) {

  /** A device that has not been used yet. */
  public static TotpState initial() {
    return new TotpState(-1, 0);
  }
}

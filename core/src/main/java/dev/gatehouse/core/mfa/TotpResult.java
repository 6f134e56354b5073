package dev.gatehouse.core.mfa;

import java.util.Objects;

/** The outcome of checking MFA codes. */
public sealed interface TotpResult permits TotpResult.Accepted, TotpResult.Rejected {

  /**
   * The code (or pair) was accepted.
   *
   * @param step the time step of the (second) code that matched
   * @param state the device state to store: it records {@code step} as used
   */
  record Accepted(long step, TotpState state) implements TotpResult {
    public Accepted {
      Objects.requireNonNull(state, "state");
    }
  }

  /** The code (or pair) was refused. */
  record Rejected(TotpFailure failure) implements TotpResult {
    public Rejected {
      Objects.requireNonNull(failure, "failure");
    }
  }

  /** True when accepted. */
  default boolean isAccepted() {
    return this instanceof Accepted;
  }
}

package dev.gatehouse.core.sts;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the session was created with MFA, feeding {@code aws:MultiFactorAuthPresent} and {@code
 * aws:MultiFactorAuthAge} (POLICY-SEMANTICS G).
 */
public sealed interface MfaFacts permits MfaFacts.Absent, MfaFacts.Present {

  /** No MFA code was given when the session was created. */
  record Absent() implements MfaFacts {}

  /**
   * An MFA code was verified.
   *
   * @param authenticatedAt when the code was verified; {@code aws:MultiFactorAuthAge} counts from
   *     it
   */
  record Present(Instant authenticatedAt) implements MfaFacts {
    public Present {
      Objects.requireNonNull(authenticatedAt, "authenticatedAt");
    }
  }

  /** The absent value. */
  static MfaFacts absent() {
    return new Absent();
  }

  /** MFA verified at {@code at}. */
  static MfaFacts present(Instant at) {
    return new Present(at);
  }

  /** Value of {@code aws:MultiFactorAuthPresent}. */
  default boolean isPresent() {
    return this instanceof Present;
  }

  /** When MFA was verified, if it was. */
  default Optional<Instant> authTime() {
    return this instanceof Present p ? Optional.of(p.authenticatedAt()) : Optional.empty();
  }
}

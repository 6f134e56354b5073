package dev.gatehouse.core.sts;

import java.util.Objects;
import java.util.Optional;

/** GetSessionToken's decoded parameters. spec: STS API Reference, GetSessionToken. */
public record SessionTokenRequest(Optional<Integer> duration, MfaCode mfa) {
  public SessionTokenRequest {
    Objects.requireNonNull(duration);
    Objects.requireNonNull(mfa);
  }
}

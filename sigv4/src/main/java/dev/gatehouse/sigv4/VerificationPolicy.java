package dev.gatehouse.sigv4;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a verifier accepts, fixed when the server is configured.
 *
 * @param regions the regions a credential scope may name (IAM signs with {@code us-east-1}; a
 *     custom endpoint is signed with the client's configured region, so this is configurable)
 * @param services the services a credential scope may name, for example {@code iam} and {@code sts}
 * @param maxClockSkew how far the request time may be from the server's clock, either way
 * @param requireSignedSessionToken whether a session token in the {@code X-Amz-Security-Token}
 *     header must be covered by the signature; false admits signers that append the token after
 *     signing (aws-c-auth {@code omit_session_token})
 */
public record VerificationPolicy(
    Set<String> regions,
    Set<String> services,
    Duration maxClockSkew,
    boolean requireSignedSessionToken) {

  /**
   * STS and IAM answer requests outside 15 minutes with "Signature expired ... (... - 15 min.)".
   *
   * <p>spec: observed STS messages (AWS facts 1.3); the IAM User Guide's "five minutes" is not what
   * STS enforces.
   */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(15);

  public VerificationPolicy {
    regions = Set.copyOf(regions);
    services = Set.copyOf(services);
    Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    if (regions.isEmpty() || services.isEmpty()) {
      throw new IllegalArgumentException("at least one region and one service must be accepted");
    }
    if (maxClockSkew.isNegative()) {
      throw new IllegalArgumentException("maxClockSkew must not be negative");
    }
  }

  /** The defaults for Gatehouse: 15-minute skew, signed session tokens required. */
  public static VerificationPolicy of(Set<String> regions, Set<String> services) {
    return new VerificationPolicy(regions, services, DEFAULT_CLOCK_SKEW, true);
  }

  /** This policy with unsigned (appended) session tokens admitted or refused. */
  public VerificationPolicy withRequireSignedSessionToken(boolean required) {
    return new VerificationPolicy(regions, services, maxClockSkew, required);
  }
}

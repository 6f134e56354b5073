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
 * @param presignedLifetime how long a presigned request lives: fixed for STS and IAM, as signed for
 *     S3
 */
public record VerificationPolicy(
    Set<String> regions,
    Set<String> services,
    Duration maxClockSkew,
    boolean requireSignedSessionToken,
    PresignedLifetime presignedLifetime) {

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
    Objects.requireNonNull(presignedLifetime, "presignedLifetime");
    if (regions.isEmpty() || services.isEmpty()) {
      throw new IllegalArgumentException("at least one region and one service must be accepted");
    }
    if (maxClockSkew.isNegative()) {
      throw new IllegalArgumentException("maxClockSkew must not be negative");
    }
  }

  /**
   * STS answers a presigned request for 15 minutes after its {@code X-Amz-Date}, whatever {@code
   * X-Amz-Expires} says.
   *
   * <p>spec: AWS facts 1.3; observed by the Kubernetes authenticators (aws-iam-authenticator) that
   * sign GetCallerIdentity for 60 seconds and accept the token for 15 minutes.
   */
  public static final PresignedLifetime STS_PRESIGNED_LIFETIME =
      new PresignedLifetime.Fixed(Duration.ofMinutes(15));

  /**
   * The defaults for Gatehouse's Query and JSON services (IAM, STS, Organizations): 15-minute skew,
   * signed session tokens required, presigned requests valid for STS's 15 minutes.
   */
  public static VerificationPolicy of(Set<String> regions, Set<String> services) {
    return new VerificationPolicy(
        regions, services, DEFAULT_CLOCK_SKEW, true, STS_PRESIGNED_LIFETIME);
  }

  /** This policy with unsigned (appended) session tokens admitted or refused. */
  public VerificationPolicy withRequireSignedSessionToken(boolean required) {
    return new VerificationPolicy(regions, services, maxClockSkew, required, presignedLifetime);
  }

  /** This policy with presigned requests living as {@code lifetime} says. */
  public VerificationPolicy withPresignedLifetime(PresignedLifetime lifetime) {
    return new VerificationPolicy(
        regions, services, maxClockSkew, requireSignedSessionToken, lifetime);
  }
}

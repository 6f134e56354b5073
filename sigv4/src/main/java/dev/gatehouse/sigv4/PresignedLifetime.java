package dev.gatehouse.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** How long a presigned request stays valid after its {@code X-Amz-Date}. */
public sealed interface PresignedLifetime {
  /**
   * As long as the signer's {@code X-Amz-Expires} says (1 second to 7 days): S3's presigned URLs.
   *
   * <p>spec: S3 User Guide, "Sharing objects with presigned URLs" (up to seven days with SigV4).
   */
  record AsSigned() implements PresignedLifetime {
    @Override
    public Instant end(Instant signedAt, Duration signedExpires) {
      return signedAt.plus(signedExpires);
    }
  }

  /**
   * A fixed time whatever {@code X-Amz-Expires} says: STS accepts a presigned call for 15 minutes
   * after its {@code X-Amz-Date} (AWS facts 1.3), which Kubernetes authenticators rely on (tokens
   * signed for 60 s and presented for up to 14 minutes), and never longer, so that a replayable
   * identity proof cannot outlive that window.
   */
  record Fixed(Duration lifetime) implements PresignedLifetime {
    public Fixed {
      Objects.requireNonNull(lifetime, "lifetime");
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("a presigned lifetime must be positive");
      }
    }

    @Override
    public Instant end(Instant signedAt, Duration signedExpires) {
      return signedAt.plus(lifetime);
    }
  }

  /**
   * The moment after which a request signed at {@code signedAt} for {@code signedExpires} (its
   * {@code X-Amz-Expires}) is refused.
   */
  Instant end(Instant signedAt, Duration signedExpires);
}

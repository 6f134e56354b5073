package dev.gatehouse.core.s3;

import dev.gatehouse.core.authz.Principal;
import java.util.Objects;

/** Who makes an S3 request: a principal authentication established, or nobody (unsigned). */
public sealed interface S3Caller {
  /** A signed request. */
  record Signed(Principal principal) implements S3Caller {
    public Signed {
      Objects.requireNonNull(principal, "principal");
    }
  }

  /** An unsigned request: only a bucket policy naming everyone can allow it. */
  record Anonymous() implements S3Caller {}
}

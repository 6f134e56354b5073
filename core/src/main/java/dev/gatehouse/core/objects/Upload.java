package dev.gatehouse.core.objects;

import java.time.Instant;
import java.util.Objects;

/** A multipart upload in progress. */
public record Upload(String uploadId, String key, Instant initiated) {
  public Upload {
    Objects.requireNonNull(uploadId, "uploadId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(initiated, "initiated");
  }
}

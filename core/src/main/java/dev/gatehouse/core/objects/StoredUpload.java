package dev.gatehouse.core.objects;

import java.time.Instant;
import java.util.Objects;

/** A catalog's record of a multipart upload in progress. */
public record StoredUpload(
    String uploadId, String key, Instant initiated, ObjectAttributes attributes) {
  public StoredUpload {
    Objects.requireNonNull(uploadId, "uploadId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(initiated, "initiated");
    Objects.requireNonNull(attributes, "attributes");
  }

  public Upload upload() {
    return new Upload(uploadId, key, initiated);
  }
}

package dev.gatehouse.core.s3;

import java.util.Objects;

/** An object by bucket and key (the source of a copy). */
public record ObjectRef(String bucket, String key) {
  public ObjectRef {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
  }
}

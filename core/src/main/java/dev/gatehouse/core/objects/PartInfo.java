package dev.gatehouse.core.objects;

import java.time.Instant;
import java.util.Objects;

/** An uploaded part; {@code etag} without quotes (the MD5 hex of the part). */
public record PartInfo(int partNumber, String etag, long size, Instant lastModified) {
  public PartInfo {
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(lastModified, "lastModified");
  }
}

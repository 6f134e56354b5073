package dev.gatehouse.core.objects;

import java.time.Instant;
import java.util.Objects;

/** A catalog's record of an uploaded part and the blob holding it. */
public record StoredPart(int partNumber, String etag, Instant lastModified, BlobRef blob) {
  public StoredPart {
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(lastModified, "lastModified");
    Objects.requireNonNull(blob, "blob");
  }

  public PartInfo info() {
    return new PartInfo(partNumber, etag, blob.size(), lastModified);
  }
}

package dev.gatehouse.core.objects;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A catalog's record of an object: its metadata and the blobs whose concatenation is its content
 * (one for a single PUT, one per part for a multipart upload).
 */
public record StoredObject(
    String key,
    long size,
    String etag,
    Instant lastModified,
    ObjectAttributes attributes,
    List<BlobRef> blobs) {
  public StoredObject {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(lastModified, "lastModified");
    Objects.requireNonNull(attributes, "attributes");
    blobs = List.copyOf(blobs);
  }

  public ObjectInfo info() {
    return new ObjectInfo(key, size, etag, lastModified, attributes);
  }

  public StoredObject withAttributes(ObjectAttributes value) {
    return new StoredObject(key, size, etag, lastModified, value, blobs);
  }
}

package dev.gatehouse.core.objects;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored object's metadata, as HEAD and listings report it.
 *
 * @param etag without quotes: the MD5 hex of the content for a single PUT, {@code <md5 of the
 *     parts' binary MD5s>-<part count>} for a multipart upload
 * @param lastModified when the object was completed, to the millisecond
 */
public record ObjectInfo(
    String key, long size, String etag, Instant lastModified, ObjectAttributes attributes) {
  public ObjectInfo {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(lastModified, "lastModified");
    Objects.requireNonNull(attributes, "attributes");
  }

  /** The ETag as the wire carries it, in double quotes. */
  public String quotedEtag() {
    return "\"" + etag + "\"";
  }
}

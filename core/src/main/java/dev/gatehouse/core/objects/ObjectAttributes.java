package dev.gatehouse.core.objects;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a writer says about an object besides its bytes.
 *
 * @param contentType the {@code Content-Type} (S3 stores {@code binary/octet-stream} when none is
 *     given)
 * @param userMetadata {@code x-amz-meta-*} headers, names lower-cased without the prefix
 * @param checksums additional checksums given by the client, by algorithm ({@code CRC32}, {@code
 *     CRC32C}, {@code SHA1}, {@code SHA256}, {@code CRC64NVME}) to base64 value
 * @param tags the object's tags (what {@code s3:ExistingObjectTag/<key>} conditions read)
 */
public record ObjectAttributes(
    String contentType,
    Map<String, String> userMetadata,
    Map<String, String> checksums,
    Map<String, String> tags) {
  /** S3's content type for an object stored without one. */
  public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

  public ObjectAttributes {
    Objects.requireNonNull(contentType, "contentType");
    if (contentType.isEmpty()) {
      contentType = DEFAULT_CONTENT_TYPE;
    }
    userMetadata = sorted(userMetadata);
    checksums = sorted(checksums);
    tags = sorted(tags);
  }

  /** No content type given, no metadata, no checksums, no tags. */
  public static ObjectAttributes none() {
    return new ObjectAttributes(DEFAULT_CONTENT_TYPE, Map.of(), Map.of(), Map.of());
  }

  public ObjectAttributes withContentType(String type) {
    return new ObjectAttributes(type, userMetadata, checksums, tags);
  }

  public ObjectAttributes withUserMetadata(Map<String, String> metadata) {
    return new ObjectAttributes(contentType, metadata, checksums, tags);
  }

  public ObjectAttributes withChecksums(Map<String, String> values) {
    return new ObjectAttributes(contentType, userMetadata, values, tags);
  }

  public ObjectAttributes withTags(Map<String, String> values) {
    return new ObjectAttributes(contentType, userMetadata, checksums, values);
  }

  private static Map<String, String> sorted(Map<String, String> map) {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(map)));
  }
}

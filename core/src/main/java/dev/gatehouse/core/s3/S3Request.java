package dev.gatehouse.core.s3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One S3 call as the authorization checks need it: the operation, what it names, and the facts of
 * the request that become condition keys.
 *
 * @param operation the S3 API operation ({@code PutObject}, {@code ListObjectsV2}...)
 * @param bucket the bucket the request names; empty for {@code ListBuckets}
 * @param key the object key; empty for bucket operations
 * @param query query parameters as received ({@code prefix}, {@code delimiter}, {@code
 *     max-keys}...)
 * @param headers request headers, names lower-cased ({@code x-amz-acl}, {@code
 *     x-amz-server-side-encryption}, {@code x-amz-copy-source}...)
 * @param requestTags the tags the request sets (the {@code x-amz-tagging} header or a Tagging body)
 * @param existingObjectTags the tags of the object the request acts on, when it exists
 * @param copySource the source object of CopyObject and UploadPartCopy
 * @param copySourceTags the tags of the copy source, when it exists
 * @param objectKeys the keys a DeleteObjects request names
 * @param locationConstraint the LocationConstraint of a CreateBucket body; empty when none
 * @param signature how the request was authenticated
 */
public record S3Request(
    String operation,
    String bucket,
    String key,
    Map<String, String> query,
    Map<String, String> headers,
    Map<String, String> requestTags,
    Map<String, String> existingObjectTags,
    Optional<ObjectRef> copySource,
    Map<String, String> copySourceTags,
    List<String> objectKeys,
    String locationConstraint,
    SignatureFacts signature) {
  public S3Request {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    query = Map.copyOf(query);
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    headers = Map.copyOf(lower);
    requestTags = copyOrdered(requestTags);
    existingObjectTags = copyOrdered(existingObjectTags);
    Objects.requireNonNull(copySource, "copySource");
    copySourceTags = copyOrdered(copySourceTags);
    objectKeys = List.copyOf(objectKeys);
    Objects.requireNonNull(locationConstraint, "locationConstraint");
    Objects.requireNonNull(signature, "signature");
  }

  private static Map<String, String> copyOrdered(Map<String, String> tags) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** A request for {@code operation}; the builder's setters fill in the rest. */
  public static Builder builder(String operation, SignatureFacts signature) {
    return new Builder(operation, signature);
  }

  /** Builds an {@link S3Request}; everything not set is empty. */
  public static final class Builder {
    private final String operation;
    private final SignatureFacts signature;
    private String bucket = "";
    private String key = "";
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Map<String, String> requestTags = Map.of();
    private Map<String, String> existingObjectTags = Map.of();
    private Optional<ObjectRef> copySource = Optional.empty();
    private Map<String, String> copySourceTags = Map.of();
    private final List<String> objectKeys = new ArrayList<>();
    private String locationConstraint = "";

    private Builder(String operation, SignatureFacts signature) {
      this.operation = operation;
      this.signature = signature;
    }

    public Builder bucket(String value) {
      this.bucket = value;
      return this;
    }

    public Builder key(String value) {
      this.key = value;
      return this;
    }

    public Builder query(String name, String value) {
      query.put(name, value);
      return this;
    }

    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Builder requestTags(Map<String, String> tags) {
      this.requestTags = tags;
      return this;
    }

    public Builder existingObjectTags(Map<String, String> tags) {
      this.existingObjectTags = tags;
      return this;
    }

    public Builder copySource(ObjectRef source, Map<String, String> sourceTags) {
      this.copySource = Optional.of(source);
      this.copySourceTags = sourceTags;
      return this;
    }

    public Builder objectKeys(List<String> keys) {
      objectKeys.addAll(keys);
      return this;
    }

    public Builder locationConstraint(String value) {
      this.locationConstraint = value;
      return this;
    }

    public S3Request build() {
      return new S3Request(
          operation,
          bucket,
          key,
          query,
          headers,
          requestTags,
          existingObjectTags,
          copySource,
          copySourceTags,
          objectKeys,
          locationConstraint,
          signature);
    }
  }
}

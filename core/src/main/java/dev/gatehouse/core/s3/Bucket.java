package dev.gatehouse.core.s3;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A bucket with what Gatehouse keeps beside its objects.
 *
 * @param name the globally unique bucket name
 * @param ownerAccountId the 12-digit account that owns it
 * @param region where it was created ({@code us-east-1}...)
 * @param createdAt its creation date, to the millisecond
 * @param location the object store's opaque name for the bucket's storage, as it returned it
 * @param policy the bucket policy document as given; empty when none
 * @param publicAccessBlock the Block Public Access configuration; empty after it was deleted
 * @param tags the bucket's tags by key (sorted)
 */
public record Bucket(
    String name,
    String ownerAccountId,
    String region,
    Instant createdAt,
    String location,
    Optional<String> policy,
    Optional<PublicAccessBlock> publicAccessBlock,
    Map<String, String> tags) {
  public Bucket {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ownerAccountId, "ownerAccountId");
    Objects.requireNonNull(region, "region");
    createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(publicAccessBlock, "publicAccessBlock");
    tags = Collections.unmodifiableMap(new TreeMap<>(tags));
  }

  /** A new bucket: no policy, no tags, every public access setting on. */
  public static Bucket created(
      String name, String ownerAccountId, String region, Instant createdAt, String location) {
    return new Bucket(
        name,
        ownerAccountId,
        region,
        createdAt,
        location,
        Optional.empty(),
        Optional.of(PublicAccessBlock.ALL_ON),
        Map.of());
  }

  /** {@code arn:aws:s3:::name}. */
  public String arn() {
    return S3Operations.bucketArn(name);
  }

  /** The owner's canonical user id. */
  public String ownerCanonicalId() {
    return CanonicalIds.of(ownerAccountId);
  }

  /** The public access settings in force (all off without a configuration). */
  public PublicAccessBlock effectivePublicAccessBlock() {
    return publicAccessBlock.orElse(PublicAccessBlock.ALL_OFF);
  }

  public Bucket withPolicy(Optional<String> value) {
    return new Bucket(
        name, ownerAccountId, region, createdAt, location, value, publicAccessBlock, tags);
  }

  public Bucket withPublicAccessBlock(Optional<PublicAccessBlock> value) {
    return new Bucket(name, ownerAccountId, region, createdAt, location, policy, value, tags);
  }

  public Bucket withTags(Map<String, String> value) {
    return new Bucket(
        name, ownerAccountId, region, createdAt, location, policy, publicAccessBlock, value);
  }
}

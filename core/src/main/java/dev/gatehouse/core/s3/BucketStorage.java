package dev.gatehouse.core.s3;

/**
 * What the bucket rules need of the object store: room for a bucket's objects, whether it holds
 * any, and its removal. The object-store adapters implement it.
 */
public interface BucketStorage {
  /**
   * Creates the storage of a new bucket.
   *
   * @return the store's opaque name for it, kept as {@link Bucket#location()}
   */
  String create(String bucket);

  /** Whether the storage at {@code location} holds no object and no upload in progress. */
  boolean isEmpty(String location);

  /** Removes the (empty) storage at {@code location}. */
  void delete(String location);
}

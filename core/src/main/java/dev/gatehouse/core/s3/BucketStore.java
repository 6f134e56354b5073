package dev.gatehouse.core.s3;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable store of buckets, with their policy, public access block and tags.
 *
 * <p>INVARIANT: each write is atomic and serializable with every other write: a bucket is inserted
 * with all its fields or not at all; a policy, configuration or tag set is replaced whole, never
 * half-applied. {@link #insert} checks the name and the owner's bucket count in the same
 * transaction, so the quota holds under concurrency.
 */
public interface BucketStore {
  /** What {@link #insert} did. */
  enum InsertResult {
    INSERTED,
    /** A bucket of that name exists (whoever owns it); nothing was written. */
    NAME_TAKEN,
    /** The owner already has {@code maxPerOwner} buckets; nothing was written. */
    QUOTA_EXCEEDED
  }

  /** The bucket named {@code name}. */
  Optional<Bucket> find(String name);

  /** The buckets {@code accountId} owns, by name. */
  List<Bucket> listByOwner(String accountId);

  /** Every bucket, by name (what the in-memory {@link BucketRegistry} starts from). */
  List<Bucket> listAll();

  /** How many buckets {@code accountId} owns. */
  int countByOwner(String accountId);

  /** Inserts a new bucket unless its name is taken or its owner has {@code maxPerOwner} already. */
  InsertResult insert(Bucket bucket, int maxPerOwner);

  /** Deletes the bucket and everything kept with it; false when there was none. */
  boolean delete(String name);

  /** Replaces (or with empty, removes) the bucket policy; false when there is no such bucket. */
  boolean setPolicy(String name, Optional<String> policy);

  /** Replaces (or removes) the public access block; false when there is no such bucket. */
  boolean setPublicAccessBlock(String name, Optional<PublicAccessBlock> block);

  /** Replaces the tag set (empty removes it); false when there is no such bucket. */
  boolean setTags(String name, Map<String, String> tags);
}

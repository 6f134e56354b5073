package dev.gatehouse.core.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An in-memory {@link BucketStore}: every operation holds the one lock, so each is atomic. */
public final class MemoryBucketStore implements BucketStore {
  private final Map<String, Bucket> buckets = new TreeMap<>();

  @Override
  public synchronized Optional<Bucket> find(String name) {
    return Optional.ofNullable(buckets.get(name));
  }

  @Override
  public synchronized List<Bucket> listByOwner(String accountId) {
    List<Bucket> out = new ArrayList<>();
    for (Bucket b : buckets.values()) {
      if (b.ownerAccountId().equals(accountId)) {
        out.add(b);
      }
    }
    return out;
  }

  @Override
  public synchronized List<Bucket> listAll() {
    return new ArrayList<>(buckets.values());
  }

  @Override
  public synchronized int countByOwner(String accountId) {
    return listByOwner(accountId).size();
  }

  @Override
  public synchronized InsertResult insert(Bucket bucket, int maxPerOwner) {
    if (buckets.containsKey(bucket.name())) {
      return InsertResult.NAME_TAKEN;
    }
    if (listByOwner(bucket.ownerAccountId()).size() >= maxPerOwner) {
      return InsertResult.QUOTA_EXCEEDED;
    }
    buckets.put(bucket.name(), bucket);
    return InsertResult.INSERTED;
  }

  @Override
  public synchronized boolean delete(String name) {
    return buckets.remove(name) != null;
  }

  @Override
  public synchronized boolean setPolicy(String name, Optional<String> policy) {
    return replace(name, buckets.get(name) == null ? null : buckets.get(name).withPolicy(policy));
  }

  @Override
  public synchronized boolean setPublicAccessBlock(String name, Optional<PublicAccessBlock> block) {
    Bucket b = buckets.get(name);
    return replace(name, b == null ? null : b.withPublicAccessBlock(block));
  }

  @Override
  public synchronized boolean setTags(String name, Map<String, String> tags) {
    Bucket b = buckets.get(name);
    return replace(name, b == null ? null : b.withTags(tags));
  }

  private boolean replace(String name, Bucket updated) {
    if (updated == null) {
      return false;
    }
    buckets.put(name, updated);
    return true;
  }
}

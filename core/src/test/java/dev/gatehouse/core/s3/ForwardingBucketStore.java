package dev.gatehouse.core.s3;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A bucket store that passes every call to another; tests override what they observe. */
class ForwardingBucketStore implements BucketStore {
  private final BucketStore delegate;

  ForwardingBucketStore(BucketStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<Bucket> find(String name) {
    return delegate.find(name);
  }

  @Override
  public List<Bucket> listByOwner(String accountId) {
    return delegate.listByOwner(accountId);
  }

  @Override
  public List<Bucket> listAll() {
    return delegate.listAll();
  }

  @Override
  public int countByOwner(String accountId) {
    return delegate.countByOwner(accountId);
  }

  @Override
  public InsertResult insert(Bucket bucket, int maxPerOwner) {
    return delegate.insert(bucket, maxPerOwner);
  }

  @Override
  public boolean delete(String name) {
    return delegate.delete(name);
  }

  @Override
  public boolean setPolicy(String name, Optional<String> policy) {
    return delegate.setPolicy(name, policy);
  }

  @Override
  public boolean setPublicAccessBlock(String name, Optional<PublicAccessBlock> block) {
    return delegate.setPublicAccessBlock(name, block);
  }

  @Override
  public boolean setTags(String name, Map<String, String> tags) {
    return delegate.setTags(name, tags);
  }
}

package dev.gatehouse.core.s3;

import dev.gatehouse.core.iam.Change;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.snapshot.CompiledPolicies;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every bucket in memory, with its policy compiled: S3 authorization and the bucket reads of each
 * request read this, not the store (DESIGN decision 5). A decorator over the durable {@link
 * BucketStore}: writes go to the store, then the owner's buckets are read again.
 *
 * <p>INVARIANT (read-your-writes): a write through this registry returns only after the owner's
 * entries were read again, so the next request on this node sees it. Other nodes' writes arrive as
 * changes of the owning account ({@link #committed(String)} from the change feed, which carries
 * account ids only) and are read the same way; until then this node answers from the previous view
 * (the feed's bounded delay). Reloads run one at a time, each reading the store after the write
 * that caused it committed, so a later reload never installs an older view.
 *
 * <p>The bucket policies are compiled through the {@link CompiledPolicies} cache the IAM snapshots
 * use, by text: one cache of compiled documents per node.
 */
public final class BucketRegistry implements BucketStore, IamChangeListener {
  private final BucketStore store;
  private final CompiledPolicies compiled;
  private final Object reloading = new Object();

  /** Every bucket by name; null until first read and after changes may have been missed. */
  private volatile Map<String, Entry> byName;

  /**
   * A bucket with its policy, compiled when first needed (a stored document that does not compile
   * fails the decision that needs it, closed, not the listing of every bucket).
   */
  private final class Entry {
    final Bucket bucket;
    private volatile Optional<BucketPolicy> policy;

    Entry(Bucket bucket) {
      this.bucket = bucket;
    }

    Bucket bucket() {
      return bucket;
    }

    Optional<BucketPolicy> policy() {
      Optional<BucketPolicy> p = policy;
      if (p == null) {
        // Two requests may compile it at once; both results are equal.
        p = bucket.policy().map(d -> BucketPolicy.of(d, compiled));
        policy = p;
      }
      return p;
    }
  }

  public BucketRegistry(BucketStore store, CompiledPolicies compiled) {
    this.store = Objects.requireNonNull(store, "store");
    this.compiled = Objects.requireNonNull(compiled, "compiled");
  }

  /**
   * The compiled policy of {@code bucket} as this registry knows it; compiled now (through the
   * shared cache) when {@code bucket} is not the registry's current view of it.
   */
  public Optional<BucketPolicy> policyOf(Bucket bucket) {
    Entry e = entries().get(bucket.name());
    if (e != null && e.bucket().policy().equals(bucket.policy())) {
      return e.policy();
    }
    return bucket.policy().map(p -> BucketPolicy.of(p, compiled));
  }

  /**
   * Whether every bucket is in memory now, so that {@link #find} and {@link #policyOf} read no
   * store (they read it on the first request and after {@link #everythingChanged}).
   */
  public boolean inMemory() {
    return byName != null;
  }

  @Override
  public Optional<Bucket> find(String name) {
    return Optional.ofNullable(entries().get(name)).map(Entry::bucket);
  }

  @Override
  public List<Bucket> listByOwner(String accountId) {
    List<Bucket> out = new ArrayList<>();
    for (Entry e : entries().values()) {
      if (e.bucket().ownerAccountId().equals(accountId)) {
        out.add(e.bucket());
      }
    }
    out.sort(Comparator.comparing(Bucket::name));
    return out;
  }

  @Override
  public List<Bucket> listAll() {
    List<Bucket> out = new ArrayList<>();
    for (Entry e : entries().values()) {
      out.add(e.bucket());
    }
    out.sort(Comparator.comparing(Bucket::name));
    return out;
  }

  @Override
  public int countByOwner(String accountId) {
    return listByOwner(accountId).size();
  }

  @Override
  public InsertResult insert(Bucket bucket, int maxPerOwner) {
    // The store checks the name and the quota in its own transaction: never from this view.
    InsertResult result = store.insert(bucket, maxPerOwner);
    reload(bucket.ownerAccountId());
    return result;
  }

  @Override
  public boolean delete(String name) {
    String owner = ownerOf(name);
    boolean deleted = store.delete(name);
    reload(owner);
    return deleted;
  }

  @Override
  public boolean setPolicy(String name, Optional<String> policy) {
    String owner = ownerOf(name);
    boolean set = store.setPolicy(name, policy);
    reload(owner);
    return set;
  }

  @Override
  public boolean setPublicAccessBlock(String name, Optional<PublicAccessBlock> block) {
    String owner = ownerOf(name);
    boolean set = store.setPublicAccessBlock(name, block);
    reload(owner);
    return set;
  }

  @Override
  public boolean setTags(String name, Map<String, String> tags) {
    String owner = ownerOf(name);
    boolean set = store.setTags(name, tags);
    reload(owner);
    return set;
  }

  /** Another node changed something of the account's (the feed names the account only). */
  @Override
  public void committed(String accountId) {
    reload(accountId);
  }

  /** A classified IAM write on this node: buckets are never among what it changed. */
  @Override
  public void committed(String accountId, Change change) {}

  @Override
  public void lastUseRecorded(String accountId, String roleId) {}

  /**
   * A bucket write on this node: it went through this registry, which read the owner's buckets
   * again before returning (read-your-writes above), so reading them once more would only repeat
   * that read. Other nodes' bucket writes arrive as {@link #committed(String)}.
   */
  @Override
  public void bucketsChanged(String accountId) {}

  @Override
  public void everythingChanged() {
    synchronized (reloading) {
      byName = null;
    }
  }

  /** The owner of a bucket about to be written; from the store when this view lacks it. */
  private String ownerOf(String name) {
    Entry e = entries().get(name);
    if (e != null) {
      return e.bucket().ownerAccountId();
    }
    return store.find(name).map(Bucket::ownerAccountId).orElse("");
  }

  private Map<String, Entry> entries() {
    Map<String, Entry> current = byName;
    if (current != null) {
      return current;
    }
    synchronized (reloading) {
      if (byName == null) {
        Map<String, Entry> all = new HashMap<>();
        for (Bucket b : store.listAll()) {
          all.put(b.name(), new Entry(b));
        }
        byName = Map.copyOf(all);
      }
      return byName;
    }
  }

  /** Reads the account's buckets again and replaces its entries (nothing when not loaded yet). */
  private void reload(String accountId) {
    synchronized (reloading) {
      Map<String, Entry> current = byName;
      if (current == null) {
        return;
      }
      Map<String, Entry> next = new HashMap<>();
      for (Map.Entry<String, Entry> e : current.entrySet()) {
        if (!e.getValue().bucket().ownerAccountId().equals(accountId)) {
          next.put(e.getKey(), e.getValue());
        }
      }
      for (Bucket b : store.listByOwner(accountId)) {
        Entry known = current.get(b.name());
        next.put(b.name(), known != null && known.bucket().equals(b) ? known : new Entry(b));
      }
      byName = Map.copyOf(next);
    }
  }
}

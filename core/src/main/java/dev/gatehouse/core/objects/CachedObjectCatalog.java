package dev.gatehouse.core.objects;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An {@link ObjectCatalog} that keeps object records (inline sealed bytes included) and the
 * locations known to exist in memory, read through on a miss: a GET or HEAD of a cached object
 * reads no database.
 *
 * <p>Only for a catalog that this process alone writes: the embedded object store, which serves one
 * node ({@code NodeAssembly} refuses it when nodes share PostgreSQL). Every write then passes
 * through here and invalidates what it changes; a catalog written by another process too would be
 * served stale.
 *
 * <p>INVARIANT (no stale install): an entry is installed only by a reader that missed, and only if
 * no write that could have changed it ran since just before that reader's read of the underlying
 * catalog. Writes are counted in stripes by key hash: a writer marks its stripe busy, drops the
 * key, commits, drops the key again, bumps the stripe's version and unmarks it. A reader takes the
 * stripe's version before reading and installs, atomically per key ({@link
 * ConcurrentHashMap#compute}), only if the stripe is idle, its version unchanged and {@link #clear}
 * not called meanwhile. So a record read before a commit can never be installed after it, and while
 * a write is in flight its key is read from the underlying catalog. Two keys sharing a stripe only
 * cost a skipped install.
 *
 * <p>Bounded by entries and by an estimate of their bytes: installing past either bound evicts
 * (second chance: an entry read since the sweep last passed survives one pass). Locations are few
 * (one per bucket, within the bucket quota) and not counted. Scans, uploads and parts go to the
 * underlying catalog uncached.
 */
public final class CachedObjectCatalog implements ObjectCatalog {
  /** Default bound of the records' estimated bytes. */
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  /** Default bound of the records held. */
  public static final int DEFAULT_MAX_ENTRIES = 200_000;

  /** A record's estimated bytes besides its strings and inline bytes (objects, map nodes). */
  static final int ENTRY_OVERHEAD = 256;

  private static final int STRIPES = 1024;

  private final ObjectCatalog catalog;
  private final long maxBytes;
  private final int maxEntries;
  private final ConcurrentHashMap<ObjectId, Entry> objects = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Boolean> locations = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicInteger entries = new AtomicInteger();

  /** Per stripe: writes in flight, and writes finished. */
  private final AtomicIntegerArray writing = new AtomicIntegerArray(STRIPES);

  private final AtomicLongArray written = new AtomicLongArray(STRIPES);

  /** Bumped by {@link #clear}: a read begun before it installs nothing. */
  private final AtomicLong epoch = new AtomicLong();

  private final ReentrantLock evicting = new ReentrantLock();
  private Iterator<Map.Entry<ObjectId, Entry>> hand;

  /** Caches {@code catalog} within the default bounds. */
  public CachedObjectCatalog(ObjectCatalog catalog) {
    this(catalog, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES);
  }

  /**
   * @param maxEntries the most records held
   * @param maxBytes the most estimated bytes of records held; a record over an eighth of it is not
   *     cached, so that one record cannot empty the cache
   */
  public CachedObjectCatalog(ObjectCatalog catalog, int maxEntries, long maxBytes) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    if (maxEntries < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("cache bounds must be positive");
    }
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /**
   * Drops every cached record and location; a read of the underlying catalog begun before the call
   * installs nothing after it. Call after rewriting records behind this cache's back (a master-key
   * rotation re-sealing inline blobs in the catalog), once the rewrite has committed.
   */
  public void clear() {
    epoch.incrementAndGet();
    locations.clear();
    for (Map.Entry<ObjectId, Entry> e : objects.entrySet()) {
      if (objects.remove(e.getKey(), e.getValue())) {
        forget(e.getValue());
      }
    }
  }

  /** Records held now. */
  public int size() {
    return entries.get();
  }

  /** Estimated bytes of the records held now. */
  public long bytes() {
    return bytes.get();
  }

  // ---- reads --------------------------------------------------------------------------------

  @Override
  public boolean locationExists(String location) {
    if (locations.containsKey(location)) {
      return true;
    }
    Ticket ticket = ticket(location.hashCode());
    boolean exists = catalog.locationExists(location);
    if (exists) {
      locations.compute(
          location, (k, known) -> (known != null || valid(ticket)) ? Boolean.TRUE : null);
    }
    return exists;
  }

  @Override
  public Optional<StoredObject> object(String location, String key) {
    ObjectId id = new ObjectId(location, canonical(key));
    Entry hit = objects.get(id);
    if (hit != null) {
      hit.touch();
      return Optional.of(hit.object);
    }
    Ticket ticket = ticket(id.hashCode());
    Optional<StoredObject> read = catalog.object(location, key);
    read.ifPresent(o -> install(id, o, ticket));
    return read;
  }

  /**
   * The record of an object if this cache holds it now, without reading the underlying catalog: a
   * caller that must not wait for the database asks this before a GET or HEAD. A write that begins
   * after this answer drops the record, and the read that follows reads the catalog again.
   */
  public Optional<StoredObject> cached(String location, String key) {
    Entry hit = objects.get(new ObjectId(location, canonical(key)));
    return hit == null ? Optional.empty() : Optional.of(hit.object);
  }

  private void install(ObjectId id, StoredObject object, Ticket ticket) {
    long weight = weight(id, object);
    if (weight > maxBytes / 8) {
      return;
    }
    boolean[] added = new boolean[1];
    objects.compute(
        id,
        (k, current) -> {
          if (current != null || !valid(ticket)) {
            return current; // an entry present was installed as valid: keep it
          }
          added[0] = true;
          Entry e = new Entry(object, weight);
          entries.incrementAndGet();
          bytes.addAndGet(weight);
          return e;
        });
    if (added[0] && (entries.get() > maxEntries || bytes.get() > maxBytes)) {
      evict();
    }
  }

  @Override
  public List<StoredObject> scan(String location, String prefix, String afterSortKey, int limit) {
    return catalog.scan(location, prefix, afterSortKey, limit);
  }

  @Override
  public Optional<StoredUpload> upload(String location, String uploadId) {
    return catalog.upload(location, uploadId);
  }

  @Override
  public List<StoredUpload> uploads(String location, String prefix) {
    return catalog.uploads(location, prefix);
  }

  @Override
  public List<StoredPart> parts(String location, String uploadId) {
    return catalog.parts(location, uploadId);
  }

  @Override
  public Set<String> referencedBlobs(Collection<String> blobIds) {
    return catalog.referencedBlobs(blobIds);
  }

  // ---- writes -------------------------------------------------------------------------------

  @Override
  public boolean createLocation(String location) {
    // Nothing cached says a location is absent, so creating one invalidates nothing.
    return catalog.createLocation(location);
  }

  @Override
  public void deleteLocation(String location) {
    // Only an empty location is deleted, and each of its objects left through deleteObject or a
    // replacing write here, which dropped its record: only the location itself is cached.
    int stripe = stripe(location.hashCode());
    writing.incrementAndGet(stripe);
    try {
      locations.remove(location);
      catalog.deleteLocation(location);
    } finally {
      locations.remove(location);
      written.incrementAndGet(stripe);
      writing.decrementAndGet(stripe);
    }
  }

  @Override
  public Optional<StoredObject> putObject(String location, StoredObject object) {
    return write(location, object.key(), () -> catalog.putObject(location, object));
  }

  @Override
  public Optional<StoredObject> updateAttributes(
      String location, String key, ObjectAttributes attributes) {
    return write(location, key, () -> catalog.updateAttributes(location, key, attributes));
  }

  @Override
  public Optional<StoredObject> deleteObject(String location, String key) {
    return write(location, key, () -> catalog.deleteObject(location, key));
  }

  @Override
  public Completion completeUpload(String location, String uploadId, StoredObject object) {
    return write(location, object.key(), () -> catalog.completeUpload(location, uploadId, object));
  }

  @Override
  public void createUpload(String location, StoredUpload upload) {
    catalog.createUpload(location, upload);
  }

  @Override
  public Optional<StoredPart> putPart(String location, String uploadId, StoredPart part) {
    return catalog.putPart(location, uploadId, part);
  }

  @Override
  public List<StoredPart> removeUpload(String location, String uploadId) {
    return catalog.removeUpload(location, uploadId);
  }

  /**
   * Runs a write of one object's record: the key is dropped before (so that the old record is not
   * served while the new one commits) and after (a failed write may have committed), and no reader
   * installs it meanwhile.
   */
  private <T> T write(String location, String key, Supplier<T> commit) {
    ObjectId id = new ObjectId(location, canonical(key));
    int stripe = stripe(id.hashCode());
    writing.incrementAndGet(stripe);
    try {
      drop(id);
      return commit.get();
    } finally {
      drop(id);
      // Version first: a reader that sees the stripe idle then sees this write counted.
      written.incrementAndGet(stripe);
      writing.decrementAndGet(stripe);
    }
  }

  private void drop(ObjectId id) {
    objects.computeIfPresent(
        id,
        (k, current) -> {
          forget(current);
          return null;
        });
  }

  // ---- bookkeeping --------------------------------------------------------------------------

  /** What a reader saw before its read: the stripe's finished writes and the clear epoch. */
  private record Ticket(int stripe, long written, long epoch) {}

  private Ticket ticket(int hash) {
    int stripe = stripe(hash);
    return new Ticket(stripe, written.get(stripe), epoch.get());
  }

  /**
   * Whether a reader holding {@code t} may install what it read: no write of its stripe in flight
   * and none finished since the ticket (a write in flight at the ticket finishes after it), no
   * clear since. Called inside {@code compute}, so a writer's drop of the key comes after.
   */
  private boolean valid(Ticket t) {
    return writing.get(t.stripe()) == 0
        && written.get(t.stripe()) == t.written()
        && epoch.get() == t.epoch();
  }

  private static int stripe(int hash) {
    int h = hash ^ (hash >>> 16);
    return h & (STRIPES - 1);
  }

  private void forget(Entry e) {
    entries.decrementAndGet();
    bytes.addAndGet(-e.weight);
  }

  /** Removes entries until both bounds hold: one evicting thread at a time, a clock sweep. */
  private void evict() {
    evicting.lock();
    try {
      int examined = 0;
      while (entries.get() > maxEntries || bytes.get() > maxBytes) {
        if (hand == null || !hand.hasNext()) {
          hand = objects.entrySet().iterator();
          if (!hand.hasNext()) {
            return;
          }
        }
        Map.Entry<ObjectId, Entry> candidate = hand.next();
        Entry e = candidate.getValue();
        // Two full passes clear every mark, so past them an entry goes read or not.
        boolean secondChance = examined++ < 2 * (entries.get() + 1);
        if (secondChance && e.referenced) {
          e.referenced = false;
        } else if (objects.remove(candidate.getKey(), e)) {
          forget(e);
        }
      }
    } finally {
      evicting.unlock();
    }
  }

  /**
   * The key as the catalog tells keys apart: by their UTF-8 bytes ({@link ObjectKeys#sortKey}), in
   * which an unpaired surrogate becomes {@code ?}. Keys without surrogates are their own form.
   */
  static String canonical(String key) {
    for (int i = 0; i < key.length(); i++) {
      if (Character.isSurrogate(key.charAt(i))) {
        return new String(key.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      }
    }
    return key;
  }

  /** Estimated heap bytes of a record and its key: strings at two bytes a character. */
  static long weight(ObjectId id, StoredObject o) {
    long w = ENTRY_OVERHEAD + 2L * (id.location().length() + id.key().length());
    w += 2L * (o.key().length() + o.etag().length());
    ObjectAttributes a = o.attributes();
    w += 2L * a.contentType().length();
    for (Map<String, String> m : List.of(a.userMetadata(), a.checksums(), a.tags())) {
      for (Map.Entry<String, String> e : m.entrySet()) {
        w += 64 + 2L * (e.getKey().length() + e.getValue().length());
      }
    }
    for (BlobRef b : o.blobs()) {
      w += 64 + 2L * b.id().length() + (b.isInline() ? b.inline().length() : 0);
    }
    return w;
  }

  record ObjectId(String location, String key) {}

  private static final class Entry {
    final StoredObject object;
    final long weight;

    /** Read since the eviction sweep last passed (a hint: races only cost accuracy). */
    volatile boolean referenced;

    Entry(StoredObject object, long weight) {
      this.object = object;
      this.weight = weight;
    }

    void touch() {
      if (!referenced) {
        referenced = true;
      }
    }
  }
}

package dev.gatehouse.core.objects;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link MemoryObjectCatalog} that counts its reads and runs a hook after each read of an object
 * (before returning it) and after each committed write of one (before returning), so that a test
 * can hold a reader or a writer at the point where a race would do its harm.
 */
final class GatedObjectCatalog implements ObjectCatalog {
  private final MemoryObjectCatalog memory = new MemoryObjectCatalog();
  final AtomicInteger objectReads = new AtomicInteger();
  final AtomicInteger locationReads = new AtomicInteger();

  /** Run after an object read, before it returns; null for none. */
  volatile Runnable afterRead;

  /** Run after a location read, before it returns; null for none. */
  volatile Runnable afterLocationRead;

  /** Run after an object write committed, before it returns; null for none. */
  volatile Runnable afterCommit;

  /** When set, an object write commits and then throws this. */
  volatile RuntimeException failAfterCommit;

  private void committed() {
    Runnable hook = afterCommit;
    if (hook != null) {
      hook.run();
    }
    RuntimeException fail = failAfterCommit;
    if (fail != null) {
      throw fail;
    }
  }

  @Override
  public boolean createLocation(String location) {
    return memory.createLocation(location);
  }

  @Override
  public boolean locationExists(String location) {
    locationReads.incrementAndGet();
    boolean exists = memory.locationExists(location);
    Runnable hook = afterLocationRead;
    if (hook != null) {
      hook.run();
    }
    return exists;
  }

  @Override
  public void deleteLocation(String location) {
    memory.deleteLocation(location);
  }

  @Override
  public Optional<StoredObject> object(String location, String key) {
    objectReads.incrementAndGet();
    Optional<StoredObject> read = memory.object(location, key);
    Runnable hook = afterRead;
    if (hook != null) {
      hook.run();
    }
    return read;
  }

  @Override
  public Optional<StoredObject> putObject(String location, StoredObject object) {
    Optional<StoredObject> replaced = memory.putObject(location, object);
    committed();
    return replaced;
  }

  @Override
  public Optional<StoredObject> updateAttributes(
      String location, String key, ObjectAttributes attributes) {
    Optional<StoredObject> updated = memory.updateAttributes(location, key, attributes);
    committed();
    return updated;
  }

  @Override
  public Optional<StoredObject> deleteObject(String location, String key) {
    Optional<StoredObject> deleted = memory.deleteObject(location, key);
    committed();
    return deleted;
  }

  @Override
  public List<StoredObject> scan(String location, String prefix, String afterSortKey, int limit) {
    return memory.scan(location, prefix, afterSortKey, limit);
  }

  @Override
  public void createUpload(String location, StoredUpload upload) {
    memory.createUpload(location, upload);
  }

  @Override
  public Optional<StoredUpload> upload(String location, String uploadId) {
    return memory.upload(location, uploadId);
  }

  @Override
  public List<StoredUpload> uploads(String location, String prefix) {
    return memory.uploads(location, prefix);
  }

  @Override
  public Optional<StoredPart> putPart(String location, String uploadId, StoredPart part) {
    return memory.putPart(location, uploadId, part);
  }

  @Override
  public List<StoredPart> parts(String location, String uploadId) {
    return memory.parts(location, uploadId);
  }

  @Override
  public Completion completeUpload(String location, String uploadId, StoredObject object) {
    Completion done = memory.completeUpload(location, uploadId, object);
    committed();
    return done;
  }

  @Override
  public List<StoredPart> removeUpload(String location, String uploadId) {
    return memory.removeUpload(location, uploadId);
  }

  @Override
  public Set<String> referencedBlobs(Collection<String> blobIds) {
    return memory.referencedBlobs(blobIds);
  }
}

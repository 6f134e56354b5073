package dev.gatehouse.core.objects;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded object store's metadata: buckets (locations), objects, uploads and parts, indexed by
 * location and key so that listing reads a key range. Each method is one atomic transaction; a
 * successful return is durable.
 *
 * <p>Adapters: {@code SqlObjectCatalog} in store-sql (SQLite or PostgreSQL, beside Gatehouse's
 * other state) and a memory one in this module's tests; both pass {@code ObjectCatalogContract}.
 */
public interface ObjectCatalog {
  /** Records a new location; {@code false} when it exists already. */
  boolean createLocation(String location);

  boolean locationExists(String location);

  /**
   * Forgets an empty location: {@code BucketNotEmpty} while it holds objects or uploads, {@code
   * NoSuchBucket} when unknown.
   */
  void deleteLocation(String location);

  Optional<StoredObject> object(String location, String key);

  /** Stores {@code object}, returning the object it replaced. {@code NoSuchBucket} if unknown. */
  Optional<StoredObject> putObject(String location, StoredObject object);

  /** Replaces the attributes of an existing object; empty when there is none. */
  Optional<StoredObject> updateAttributes(String location, String key, ObjectAttributes attributes);

  /** Removes the object, returning it. */
  Optional<StoredObject> deleteObject(String location, String key);

  /**
   * Up to {@code limit} objects whose key starts with {@code prefix} and whose {@link
   * ObjectKeys#sortKey} is greater than {@code afterSortKey}, in sort-key order.
   */
  List<StoredObject> scan(String location, String prefix, String afterSortKey, int limit);

  /** Records an upload. {@code NoSuchBucket} if the location is unknown. */
  void createUpload(String location, StoredUpload upload);

  Optional<StoredUpload> upload(String location, String uploadId);

  /** Uploads whose key starts with {@code prefix}, by key then initiation. */
  List<StoredUpload> uploads(String location, String prefix);

  /**
   * Stores a part, returning the part of that number it replaced; {@code NoSuchUpload} when the
   * upload is gone (completed or aborted meanwhile).
   */
  Optional<StoredPart> putPart(String location, String uploadId, StoredPart part);

  /** The upload's parts by part number. */
  List<StoredPart> parts(String location, String uploadId);

  /**
   * In one transaction: checks that every blob of {@code object} is still a part of the upload
   * ({@code InvalidPart} otherwise: a part was replaced meanwhile), removes the upload and its
   * parts and stores the object.
   *
   * @return the object replaced and every part removed
   */
  Completion completeUpload(String location, String uploadId, StoredObject object);

  /** Removes the upload and its parts, returning them; {@code NoSuchUpload} when unknown. */
  List<StoredPart> removeUpload(String location, String uploadId);

  /** Which of {@code blobIds} an object or a part refers to (orphan collection at start-up). */
  Set<String> referencedBlobs(Collection<String> blobIds);

  /** What {@link #completeUpload} removed. */
  record Completion(Optional<StoredObject> replaced, List<StoredPart> removedParts) {
    public Completion {
      java.util.Objects.requireNonNull(replaced, "replaced");
      removedParts = List.copyOf(removedParts);
    }
  }
}

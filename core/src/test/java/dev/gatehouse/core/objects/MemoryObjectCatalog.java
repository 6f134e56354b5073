package dev.gatehouse.core.objects;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** An {@link ObjectCatalog} in memory: one lock, sort-key ordered maps. For tests. */
public final class MemoryObjectCatalog implements ObjectCatalog {
  private final Map<String, NavigableMap<String, StoredObject>> objects = new HashMap<>();
  private final Map<String, Map<String, StoredUpload>> uploads = new HashMap<>();
  private final Map<String, NavigableMap<Integer, StoredPart>> parts = new HashMap<>();

  @Override
  public synchronized boolean createLocation(String location) {
    if (objects.containsKey(location)) {
      return false;
    }
    objects.put(location, new TreeMap<>());
    uploads.put(location, new HashMap<>());
    return true;
  }

  @Override
  public synchronized boolean locationExists(String location) {
    return objects.containsKey(location);
  }

  @Override
  public synchronized void deleteLocation(String location) {
    if (!objects.get(location(location)).isEmpty() || !uploads.get(location).isEmpty()) {
      throw new ObjectStoreException(
          ObjectError.BUCKET_NOT_EMPTY, "The bucket you tried to delete is not empty: " + location);
    }
    objects.remove(location);
    uploads.remove(location);
  }

  private String location(String location) {
    if (!objects.containsKey(location)) {
      throw CatalogObjectStore.noSuchBucket(location);
    }
    return location;
  }

  @Override
  public synchronized Optional<StoredObject> object(String location, String key) {
    return Optional.ofNullable(objects.get(location(location)).get(ObjectKeys.sortKey(key)));
  }

  @Override
  public synchronized Optional<StoredObject> putObject(String location, StoredObject object) {
    return Optional.ofNullable(
        objects.get(location(location)).put(ObjectKeys.sortKey(object.key()), object));
  }

  @Override
  public synchronized Optional<StoredObject> updateAttributes(
      String location, String key, ObjectAttributes attributes) {
    NavigableMap<String, StoredObject> bucket = objects.get(location(location));
    StoredObject o = bucket.get(ObjectKeys.sortKey(key));
    if (o == null) {
      return Optional.empty();
    }
    StoredObject updated = o.withAttributes(attributes);
    bucket.put(ObjectKeys.sortKey(key), updated);
    return Optional.of(updated);
  }

  @Override
  public synchronized Optional<StoredObject> deleteObject(String location, String key) {
    return Optional.ofNullable(objects.get(location(location)).remove(ObjectKeys.sortKey(key)));
  }

  @Override
  public synchronized List<StoredObject> scan(
      String location, String prefix, String afterSortKey, int limit) {
    String hexPrefix = ObjectKeys.sortKey(prefix);
    List<StoredObject> out = new ArrayList<>();
    for (Map.Entry<String, StoredObject> e :
        objects.get(location(location)).tailMap(afterSortKey, false).entrySet()) {
      if (out.size() >= limit) {
        break;
      }
      if (e.getKey().startsWith(hexPrefix)) {
        out.add(e.getValue());
      } else if (e.getKey().compareTo(hexPrefix) > 0) {
        break;
      }
    }
    return out;
  }

  @Override
  public synchronized void createUpload(String location, StoredUpload upload) {
    uploads.get(location(location)).put(upload.uploadId(), upload);
    parts.put(upload.uploadId(), new TreeMap<>());
  }

  @Override
  public synchronized Optional<StoredUpload> upload(String location, String uploadId) {
    return Optional.ofNullable(uploads.get(location(location)).get(uploadId));
  }

  @Override
  public synchronized List<StoredUpload> uploads(String location, String prefix) {
    return uploads.get(location(location)).values().stream()
        .filter(u -> u.key().startsWith(prefix))
        .sorted(
            Comparator.comparing((StoredUpload u) -> ObjectKeys.sortKey(u.key()))
                .thenComparing(StoredUpload::initiated)
                .thenComparing(StoredUpload::uploadId))
        .toList();
  }

  private NavigableMap<Integer, StoredPart> partsOf(String location, String uploadId) {
    if (!uploads.get(location(location)).containsKey(uploadId)) {
      throw CatalogObjectStore.noSuchUpload(uploadId);
    }
    return parts.get(uploadId);
  }

  @Override
  public synchronized Optional<StoredPart> putPart(
      String location, String uploadId, StoredPart part) {
    return Optional.ofNullable(partsOf(location, uploadId).put(part.partNumber(), part));
  }

  @Override
  public synchronized List<StoredPart> parts(String location, String uploadId) {
    return List.copyOf(partsOf(location, uploadId).values());
  }

  @Override
  public synchronized Completion completeUpload(
      String location, String uploadId, StoredObject object) {
    NavigableMap<Integer, StoredPart> current = partsOf(location, uploadId);
    Set<String> live = new HashSet<>();
    current.values().forEach(p -> live.add(p.blob().id()));
    for (BlobRef b : object.blobs()) {
      if (!live.contains(b.id())) {
        throw new ObjectStoreException(
            ObjectError.INVALID_PART, "a part of upload " + uploadId + " was replaced meanwhile");
      }
    }
    List<StoredPart> removed = removeUpload(location, uploadId);
    return new Completion(putObject(location, object), removed);
  }

  @Override
  public synchronized List<StoredPart> removeUpload(String location, String uploadId) {
    List<StoredPart> removed = List.copyOf(partsOf(location, uploadId).values());
    uploads.get(location).remove(uploadId);
    parts.remove(uploadId);
    return removed;
  }

  @Override
  public synchronized Set<String> referencedBlobs(Collection<String> blobIds) {
    Set<String> all = new HashSet<>();
    objects.values().forEach(m -> m.values().forEach(o -> o.blobs().forEach(b -> all.add(b.id()))));
    parts.values().forEach(m -> m.values().forEach(p -> all.add(p.blob().id())));
    Set<String> out = new HashSet<>(blobIds);
    out.retainAll(all);
    return out;
  }
}

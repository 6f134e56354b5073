package dev.gatehouse.objects;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.objects.CatalogObjectStore;
import dev.gatehouse.core.objects.ObjectCatalog;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The embedded object store: bytes in {@link FileBlobStore} under a directory, metadata in an
 * {@link ObjectCatalog} (Gatehouse's store: {@code SqlObjectCatalog}).
 */
public final class FileObjectStore {
  private FileObjectStore() {}

  /**
   * Opens the store in {@code dir} (for example {@code <data dir>/objects}): cleans interrupted
   * writes and collects blobs that no catalog record names (a crash between a blob and its commit).
   * Call before serving.
   */
  public static CatalogObjectStore open(
      Path dir, KeyRing keys, ObjectCatalog catalog, Clock clock, SecureRandom random) {
    CatalogObjectStore store =
        new CatalogObjectStore(catalog, FileBlobStore.open(dir, keys, random), clock, random);
    store.collectOrphans();
    return store;
  }
}

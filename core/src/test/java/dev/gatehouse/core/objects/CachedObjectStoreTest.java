package dev.gatehouse.core.objects;

import java.security.SecureRandom;
import java.time.Clock;

/** The object store's contract over a cached catalog: what S3 sees does not change. */
class CachedObjectStoreTest extends ObjectStoreContract {
  private final CatalogObjectStore store =
      new CatalogObjectStore(
          new CachedObjectCatalog(new MemoryObjectCatalog()),
          new MemoryBlobStore(),
          Clock.systemUTC(),
          new SecureRandom());

  @Override
  protected ObjectStore store() {
    return store;
  }
}

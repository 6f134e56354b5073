package dev.gatehouse.store.sql;

import dev.gatehouse.core.objects.CachedObjectCatalog;
import dev.gatehouse.core.objects.ObjectCatalog;
import dev.gatehouse.core.objects.ObjectCatalogContract;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The catalog contract over the cache the embedded object store reads SQLite through. */
class SqliteCachedObjectCatalogTest extends ObjectCatalogContract {
  private static SqlStore store;
  private static CachedObjectCatalog catalog;

  @BeforeAll
  static void open() throws Exception {
    store = SqliteStore.open(Files.createTempDirectory("gatehouse-objcache"));
    catalog = new CachedObjectCatalog(new SqlObjectCatalog(store));
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Override
  protected ObjectCatalog catalog() {
    return catalog;
  }
}

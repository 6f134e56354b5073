package dev.gatehouse.store.sql;

import dev.gatehouse.core.objects.ObjectCatalog;
import dev.gatehouse.core.objects.ObjectCatalogContract;
import dev.gatehouse.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The catalog on PostgreSQL: the same SQL, and key order under the database's collation. */
class PostgresObjectCatalogTest extends ObjectCatalogContract {
  private static TestPostgres.Database database;
  private static SqlStore store;
  private static SqlObjectCatalog catalog;

  @BeforeAll
  static void open() throws Exception {
    database = TestPostgres.createDatabase();
    store = PostgresStore.open(database.url(), database.user(), database.password(), 4);
    catalog = new SqlObjectCatalog(store);
  }

  @AfterAll
  static void close() throws Exception {
    store.close();
    database.close();
  }

  @Override
  protected ObjectCatalog catalog() {
    return catalog;
  }
}

package dev.gatehouse.store.sql;

import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.StoreContract;
import dev.gatehouse.testsupport.TestPostgres;

class PostgresStoreContractTest extends StoreContract {
  private TestPostgres.Database database;

  @Override
  protected Store openStore() throws Exception {
    database = TestPostgres.createDatabase();
    return PostgresStore.open(database.url(), database.user(), database.password(), 4);
  }

  @Override
  protected void cleanUp() throws Exception {
    database.close();
  }
}

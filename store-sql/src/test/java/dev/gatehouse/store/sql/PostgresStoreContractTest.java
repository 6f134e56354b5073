package dev.gatehouse.store.sql;

import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.StoreContract;

class PostgresStoreContractTest extends StoreContract {
  private PostgresDatabase database;

  @Override
  protected Store openStore() throws Exception {
    database = PostgresDatabase.create();
    return PostgresStore.open(database.url(), PostgresDatabase.USER, "", 4);
  }

  @Override
  protected void cleanUp() throws Exception {
    database.close();
  }
}

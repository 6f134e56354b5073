package dev.gatehouse.store.sql;

import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.StoreContract;
import java.nio.file.Files;
import java.nio.file.Path;

class SqliteStoreContractTest extends StoreContract {
  @Override
  protected Store openStore() throws Exception {
    Path dir = Files.createTempDirectory("gatehouse-sqlite-contract");
    return SqliteStore.open(dir);
  }
}

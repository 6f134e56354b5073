package dev.gatehouse.core.iam;

import dev.gatehouse.core.store.Store;
import dev.gatehouse.store.sql.SqliteStore;
import java.nio.file.Files;

/** The console-password cases against the real SQLite adapter. */
class SqliteLoginProfileCorpusTest extends LoginProfileCorpusTest {
  @Override
  protected Store newStore() throws Exception {
    return SqliteStore.open(Files.createTempDirectory("gatehouse-passwords"));
  }
}

package dev.gatehouse.core.iam;

import dev.gatehouse.core.store.Store;
import dev.gatehouse.store.sql.SqliteStore;
import java.nio.file.Files;

/** The IAM error corpus against the real SQLite adapter. */
class SqliteErrorCorpusTest extends ErrorCorpusTest {
  @Override
  protected Store newStore() throws Exception {
    return SqliteStore.open(Files.createTempDirectory("gatehouse-corpus"));
  }
}

package dev.gatehouse.server.e2e;

import dev.gatehouse.server.ServerConfig;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * {@link SharedPostgres}'s throw-away database for tests outside this package (the IAM case corpora
 * on every store adapter): the one place they depend on the PostgreSQL fixture.
 */
public final class ThrowAwayPostgres implements AutoCloseable {
  private final SharedPostgres database;

  public ThrowAwayPostgres() throws SQLException {
    database = new SharedPostgres();
  }

  /** Where the database is and how to sign in to it. */
  public ServerConfig.StoreChoice.Postgres store() {
    return (ServerConfig.StoreChoice.Postgres)
        database.config(Path.of("unused"), new ServerConfig.AccountChoice.Stored()).store();
  }

  @Override
  public void close() throws SQLException {
    database.close();
  }
}

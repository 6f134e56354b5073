package dev.gatehouse.store.sql;

import dev.gatehouse.core.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * A consistent copy of the embedded store taken while a server uses it: {@code VACUUM INTO} reads
 * the database in one read transaction (a WAL reader, so writers go on) and writes a compact copy
 * with every committed change up to that point (spec: sqlite.org/lang_vacuum.html#vacuuminto).
 */
public final class SqliteSnapshot {
  private SqliteSnapshot() {}

  /**
   * Copies {@code dataDir/gatehouse.db} to {@code target}, which must not exist.
   *
   * @throws StoreException when there is no store in {@code dataDir} or the copy fails
   */
  public static void copy(Path dataDir, Path target) {
    Path db = dataDir.resolve(SqliteStore.FILE_NAME);
    if (!Files.isRegularFile(db)) {
      throw new StoreException(
          "no embedded store in " + dataDir + " (no " + SqliteStore.FILE_NAME + ")", null);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    try (Connection c = config.createConnection("jdbc:sqlite:" + db.toAbsolutePath());
        Statement s = c.createStatement()) {
      s.execute("VACUUM INTO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
    } catch (SQLException e) {
      throw new StoreException(
          "cannot copy the store " + db + " to " + target + ": " + e.getMessage(), e);
    }
  }
}

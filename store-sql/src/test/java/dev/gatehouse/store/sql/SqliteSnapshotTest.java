package dev.gatehouse.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSnapshotTest {
  @TempDir Path dir;

  static int migrations(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM flyway_schema_history")) {
      r.next();
      return r.getInt(1);
    }
  }

  @Test
  void copiesTheStoreWhileItIsOpen() throws Exception {
    Path data = dir.resolve("data");
    try (SqlStore store = SqliteStore.open(data)) {
      assertThat(store).isNotNull();
      Path copy = dir.resolve("copy.db");
      SqliteSnapshot.copy(data, copy);
      assertThat(migrations(copy)).isEqualTo(migrations(data.resolve(SqliteStore.FILE_NAME)));
      assertThat(migrations(copy)).isPositive();
      // The target must be new: an existing copy is never overwritten.
      assertThatThrownBy(() -> SqliteSnapshot.copy(data, copy))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("cannot copy the store");
    }
  }

  @Test
  void refusesADataDirWithoutAStore() {
    assertThatThrownBy(() -> SqliteSnapshot.copy(dir, dir.resolve("x.db")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no embedded store");
    assertThat(Files.exists(dir.resolve("x.db"))).isFalse();
  }
}

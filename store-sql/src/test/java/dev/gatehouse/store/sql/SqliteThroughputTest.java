package dev.gatehouse.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.store.Store;
import java.nio.file.Files;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Reports durable commit rates of the SQLite adapter (one fsynced commit per write). Prints the
 * figures; asserts only that every write landed (no timing assertions on a shared machine).
 */
class SqliteThroughputTest {
  static final int WRITES = 200;

  @Test
  void measuresDurableCommitsAndReads() throws Exception {
    Ids ids = Ids.secure();
    try (Store store = SqliteStore.open(Files.createTempDirectory("gatehouse-throughput"))) {
      String account = "123456789012";
      Instant now = Instant.parse("2026-01-01T00:00:00Z");
      store.write(
          tx -> {
            tx.accounts().createAccount(new Account(account, now));
            return null;
          });
      long t0 = System.nanoTime();
      for (int i = 0; i < WRITES; i++) {
        Group g = new Group(account, "g" + i, ids.groupId(), "/", now);
        store.write(
            tx -> {
              tx.groups().createGroup(g);
              return null;
            });
      }
      long t1 = System.nanoTime();
      int reads = 0;
      for (int i = 0; i < 5 * WRITES; i++) {
        String name = "g" + (i % WRITES);
        if (store.read(tx -> tx.groups().group(account, name)).isPresent()) {
          reads++;
        }
      }
      long t2 = System.nanoTime();
      System.out.printf(
          "sqlite: %.0f durable commits/s (createGroup, one per transaction), %.0f point reads/s%n",
          WRITES / ((t1 - t0) / 1e9), reads / ((t2 - t1) / 1e9));
      assertThat(reads).isEqualTo(5 * WRITES);
      int stored = store.read(tx -> tx.groups().groups(account).size());
      assertThat(stored).isEqualTo(WRITES);
    }
  }
}

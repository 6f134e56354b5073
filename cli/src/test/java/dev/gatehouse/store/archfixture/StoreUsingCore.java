package dev.gatehouse.store.archfixture;

import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.store.sql.SqliteStore;

/**
 * Not production code: a class placed in the store adapters that uses only core and the adapters,
 * for {@code ArchitectureRulesRefuseTest}.
 */
public final class StoreUsingCore {
  private StoreUsingCore() {}

  static void usesCore(Store store, User user, SqliteStore sqlite) {}
}

package dev.gatehouse.objects.archfixture;

import dev.gatehouse.api.Caller;
import dev.gatehouse.store.sql.SqliteStore;

/**
 * Not production code: a class placed in the object stores that uses the API and the SQL store, for
 * {@code ArchitectureRulesRefuseTest}.
 */
public final class ObjectsReachingUp {
  private ObjectsReachingUp() {}

  static void callsTheApi(Caller caller) {}

  static void opensTheSqlStore(SqliteStore store) {}
}

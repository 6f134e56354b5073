package dev.gatehouse.core.archfixture;

import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.api.Caller;
import dev.gatehouse.store.sql.SqliteStore;
import java.sql.Connection;
import org.eclipse.jetty.server.Request;
import org.flywaydb.core.Flyway;

/**
 * Not production code: a class placed in core that has every arrow core must not have, for {@code
 * ArchitectureRulesRefuseTest}.
 */
public final class CoreReachingOut {
  private CoreReachingOut() {}

  static void readsTheSqlStore(SqliteStore store) {}

  static void callsTheServer(Caller caller) {}

  static void servesHttp(Request request) {}

  static void opensJdbc(Connection connection) {}

  static void poolsConnections(HikariDataSource pool) {}

  static void migratesSchemas(Flyway flyway) {}
}

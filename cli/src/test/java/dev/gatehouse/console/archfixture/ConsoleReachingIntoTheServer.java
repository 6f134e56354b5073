package dev.gatehouse.console.archfixture;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.SessionTokens;
import dev.gatehouse.api.iam.IamApi;
import dev.gatehouse.api.sts.MfaActions;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.store.sql.SqliteStore;

/**
 * Not production code: a console class that goes around the in-process entry (wiring, the
 * pipeline's parts, an API package, a store adapter), for {@code ArchitectureRulesRefuseTest}.
 */
public final class ConsoleReachingIntoTheServer {
  private ConsoleReachingIntoTheServer() {}

  static void usesMfaActions(MfaActions mfa) {}

  static void usesTheCompositionRoot(Gatehouse gatehouse) {}

  static void opensTokensItself(SessionTokens tokens) {}

  static void runsAnOperationItself(Operation<?, ?> operation) {}

  static void usesAnApiPackage(IamApi iam) {}

  static void opensTheSqlStore(SqliteStore store) {}
}

package dev.gatehouse.console.archfixture;

import dev.gatehouse.api.Caller;
import dev.gatehouse.api.InProcessCalls;
import dev.gatehouse.console.ConsoleBackend;
import dev.gatehouse.core.authz.Decision;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.sts.MfaFacts;
import dev.gatehouse.core.sts.SessionClaims;

/**
 * Not production code: a console class that uses what the console may use (core's values, the
 * in-process entry, its own port), for {@code ArchitectureRulesRefuseTest}.
 */
public final class ConsoleUsingValuesAndTheEntry {
  private ConsoleUsingValuesAndTheEntry() {}

  static void usesValues(
      Principal principal,
      Principal.User user,
      User stored,
      GatehouseException error,
      ErrorCode code,
      SessionClaims claims,
      Target target,
      Decision decision) {}

  static MfaFacts noMfa() {
    return MfaFacts.absent();
  }

  static void callsTheApi(
      InProcessCalls calls, InProcessCalls.Origin origin, Caller caller, ConsoleBackend backend) {}
}

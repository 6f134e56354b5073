package dev.gatehouse.store.archfixture;

import dev.gatehouse.api.Caller;
import dev.gatehouse.console.ConsoleBackend;
import dev.gatehouse.sigv4.SigV4Verifier;

/**
 * Not production code: a class placed in the store adapters that uses the server (and another
 * module besides core), for {@code ArchitectureRulesRefuseTest}.
 */
public final class StoreReachingUp {
  private StoreReachingUp() {}

  static void callsTheServer(Caller caller) {}

  static void usesTheConsole(ConsoleBackend console) {}

  static void verifiesSignatures(SigV4Verifier verifier) {}
}

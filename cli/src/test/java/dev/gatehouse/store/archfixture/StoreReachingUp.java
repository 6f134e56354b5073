package dev.gatehouse.store.archfixture;

import dev.gatehouse.api.Caller;
import dev.gatehouse.console.ConsoleBackend;
import dev.gatehouse.server.ServerConfig;

/**
 * Not production code: a class placed in the store adapters that uses the API, the console and the
 * server (sigv4 is allowed: the object stores re-sign), for {@code ArchitectureRulesRefuseTest}.
 */
public final class StoreReachingUp {
  private StoreReachingUp() {}

  static void callsTheServer(Caller caller) {}

  static void usesTheConsole(ConsoleBackend console) {}

  static void readsTheServersConfiguration(ServerConfig config) {}
}

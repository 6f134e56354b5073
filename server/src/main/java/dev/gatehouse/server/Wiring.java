package dev.gatehouse.server;

import java.io.PrintStream;

/** Builds the production collaborators: embedded store, core services, SigV4, authorization. */
final class Wiring {
  private Wiring() {}

  @SuppressWarnings("DoNotCallSuggester") // until the store is wired
  static Gatehouse.Parts embedded(ServerConfig config, PrintStream err) {
    throw new IllegalStateException("the embedded store is not wired yet");
  }
}

package dev.gatehouse.server;

import dev.gatehouse.server.cli.PolicyCommand;
import dev.gatehouse.server.console.ConsoleBackend;

/**
 * Not production code: a class of the request pipeline (the server's root package, not the
 * composition root) that uses the console and a command, for {@code ArchitectureRulesRefuseTest}.
 */
public final class PipelineReachingUp {
  private PipelineReachingUp() {}

  static void usesTheConsole(ConsoleBackend console) {}

  static void runsACommand(PolicyCommand command) {}
}

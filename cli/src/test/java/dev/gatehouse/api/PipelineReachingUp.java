package dev.gatehouse.api;

import dev.gatehouse.cli.PolicyCommand;
import dev.gatehouse.console.ConsoleBackend;
import dev.gatehouse.server.Gatehouse;

/**
 * Not production code: a class of the request pipeline that uses the console, a command and the
 * composition root, for {@code ArchitectureRulesRefuseTest}.
 */
public final class PipelineReachingUp {
  private PipelineReachingUp() {}

  static void usesTheConsole(ConsoleBackend console) {}

  static void runsACommand(PolicyCommand command) {}

  static void reachesTheCompositionRoot(Gatehouse gatehouse) {}
}

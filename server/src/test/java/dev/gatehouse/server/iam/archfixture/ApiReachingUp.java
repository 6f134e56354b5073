package dev.gatehouse.server.iam.archfixture;

import dev.gatehouse.server.cli.ServeCommand;
import dev.gatehouse.server.console.ConsoleBackend;

/**
 * Not production code: a class of an API package that uses the console and a command, for {@code
 * ArchitectureRulesRefuseTest}.
 */
public final class ApiReachingUp {
  private ApiReachingUp() {}

  static void usesTheConsole(ConsoleBackend console) {}

  static void runsACommand(ServeCommand command) {}
}

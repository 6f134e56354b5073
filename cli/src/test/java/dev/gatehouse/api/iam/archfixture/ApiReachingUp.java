package dev.gatehouse.api.iam.archfixture;

import dev.gatehouse.cli.ServeCommand;
import dev.gatehouse.console.ConsoleBackend;

/**
 * Not production code: a class of an API package that uses the console and a command, for {@code
 * ArchitectureRulesRefuseTest}.
 */
public final class ApiReachingUp {
  private ApiReachingUp() {}

  static void usesTheConsole(ConsoleBackend console) {}

  static void runsACommand(ServeCommand command) {}
}

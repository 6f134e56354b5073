package dev.gatehouse.cli.archfixture;

import dev.gatehouse.cli.PolicyCommand;
import dev.gatehouse.cli.ServeCommand;
import dev.gatehouse.server.Gatehouse;

/**
 * Not production code: a CLI class that uses the commands and the server, as the CLI may, for
 * {@code ArchitectureRulesRefuseTest}.
 */
public final class CommandUsingCommands {
  private CommandUsingCommands() {}

  static void usesCommands(ServeCommand serve, PolicyCommand policy, Gatehouse server) {}
}

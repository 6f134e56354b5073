package dev.gatehouse.server.cli.archfixture;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.cli.PolicyCommand;
import dev.gatehouse.server.cli.ServeCommand;

/**
 * Not production code: a CLI class that uses the commands and the server, as the CLI may, for
 * {@code ArchitectureRulesRefuseTest}.
 */
public final class CommandUsingCommands {
  private CommandUsingCommands() {}

  static void usesCommands(ServeCommand serve, PolicyCommand policy, Gatehouse server) {}
}

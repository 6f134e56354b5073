package dev.gatehouse.server.iam.archfixture;

import dev.gatehouse.server.console.archfixture.CycleConsoleSide;

/** Not production code: one side of a package cycle, for {@code ArchitectureRulesRefuseTest}. */
public final class CycleApiSide {
  private CycleApiSide() {}

  static void callsTheConsolePackage(CycleConsoleSide console) {}
}

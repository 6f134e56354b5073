package dev.gatehouse.api.iam.archfixture;

import dev.gatehouse.console.archfixture.CycleConsoleSide;

/** Not production code: one side of a package cycle, for {@code ArchitectureRulesRefuseTest}. */
public final class CycleApiSide {
  private CycleApiSide() {}

  static void callsTheConsolePackage(CycleConsoleSide console) {}
}

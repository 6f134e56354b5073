package dev.gatehouse.server.console.archfixture;

import dev.gatehouse.server.iam.archfixture.CycleApiSide;

/** Not production code: one side of a package cycle, for {@code ArchitectureRulesRefuseTest}. */
public final class CycleConsoleSide {
  private CycleConsoleSide() {}

  static void callsTheApiPackage(CycleApiSide api) {}
}

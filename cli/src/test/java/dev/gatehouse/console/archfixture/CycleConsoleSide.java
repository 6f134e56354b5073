package dev.gatehouse.console.archfixture;

import dev.gatehouse.api.iam.archfixture.CycleApiSide;

/** Not production code: one side of a package cycle, for {@code ArchitectureRulesRefuseTest}. */
public final class CycleConsoleSide {
  private CycleConsoleSide() {}

  static void callsTheApiPackage(CycleApiSide api) {}
}

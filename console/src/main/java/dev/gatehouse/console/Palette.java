package dev.gatehouse.console;

import java.util.List;

/** The colours a role's display name may take in the header (CSS classes {@code role-NAME}). */
public final class Palette {
  private Palette() {}

  public static final List<String> COLOURS =
      List.of("red", "orange", "yellow", "green", "blue", "purple");

  /** The hex values AWS's switch-role links carry ({@code &color=F2B0A9}), by palette name. */
  private static final java.util.Map<String, String> AWS_HEX =
      java.util.Map.of(
          "F2B0A9", "red", "FBBF93", "orange", "FAD791", "yellow", "B7CA9D", "green", "99BCE3",
          "blue");

  /** The colour if it is one of the palette's (or AWS's hex for it), else the first. */
  public static String of(String name) {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    if (AWS_HEX.containsKey(upper)) {
      return AWS_HEX.get(upper);
    }
    return COLOURS.contains(name) ? name : COLOURS.get(0);
  }
}

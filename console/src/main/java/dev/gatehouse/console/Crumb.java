package dev.gatehouse.console;

/** One breadcrumb: a label and the console path it links to (empty for the current page). */
public record Crumb(String label, String href) {
  public static Crumb here(String label) {
    return new Crumb(label, "");
  }
}

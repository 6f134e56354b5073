package dev.gatehouse.console;

import java.util.List;

/**
 * Tables with a search box: the box filters the rows in the browser ({@code console.js}, rows whose
 * text does not contain the query are hidden); without scripts every row stays visible.
 *
 * <pre>{@code
 * Tables.open(h, "Roles", List.of("Role name", "Trusted entities", "Created"));
 * Tables.row(h, List.of(link, text, date));
 * Tables.close(h, rowCount);
 * }</pre>
 */
public final class Tables {
  private Tables() {}

  /** Opens a searchable table; {@code caption} names it for screen readers and the search box. */
  public static void open(Html h, String caption, List<String> headings) {
    String id = Forms.id("t-" + caption);
    h.open("div", "class", "table-tools");
    h.element(
        "label",
        "Search " + caption.toLowerCase(java.util.Locale.ROOT),
        "for",
        id + "-q",
        "class",
        "visually-hidden");
    h.empty(
        "input",
        "type",
        "search",
        "id",
        id + "-q",
        "class",
        "table-search",
        "data-table",
        id,
        "placeholder",
        "Search " + caption.toLowerCase(java.util.Locale.ROOT));
    h.close("div");
    h.open("div", "class", "table-wrap");
    h.open("table", "id", id, "class", "data");
    h.element("caption", caption, "class", "visually-hidden");
    h.open("thead").open("tr");
    for (String heading : headings) {
      h.element("th", heading, "scope", "col");
    }
    h.close("tr").close("thead").open("tbody");
  }

  /** One row; each cell is markup. */
  public static void row(Html h, List<Html> cells) {
    h.open("tr");
    for (Html c : cells) {
      h.open("td").add(c).close("td");
    }
    h.close("tr");
  }

  /** Closes the table; an empty one says so. */
  public static void close(Html h, int rows, int columns, String emptyText) {
    if (rows == 0) {
      h.open("tr")
          .open("td", "colspan", Integer.toString(columns), "class", "empty")
          .text(emptyText)
          .close("td")
          .close("tr");
    }
    h.close("tbody").close("table").close("div");
  }

  /** A text cell. */
  public static Html text(String s) {
    return new Html().text(s);
  }

  /** A link cell. */
  public static Html link(String href, String s) {
    return new Html().link(href, s);
  }
}

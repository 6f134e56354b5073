package dev.gatehouse.console;

import java.util.List;

/**
 * Form building blocks: every form posts with the session's CSRF token; every input has a label
 * (and an optional hint tied to it with {@code aria-describedby}).
 *
 * <pre>{@code
 * Html h = new Html();
 * Forms.open(visit, h, "/console/roles/create");
 * Forms.text(h, "roleName", "Role name", value, "Up to 64 characters.");
 * Forms.submit(h, "Create role");
 * Forms.close(h);
 * }</pre>
 */
public final class Forms {
  private Forms() {}

  /** The name of the hidden CSRF field; the handler refuses a POST without the right value. */
  public static final String CSRF_FIELD = "_csrf";

  public static void open(Visit visit, Html h, String action, String... attributes) {
    String[] all = new String[attributes.length + 4];
    all[0] = "method";
    all[1] = "post";
    all[2] = "action";
    all[3] = action;
    System.arraycopy(attributes, 0, all, 4, attributes.length);
    h.open("form", all);
    Layout.csrf(visit, h);
  }

  public static void close(Html h) {
    h.close("form");
  }

  /** A labelled text input ({@code type} text unless given in {@code extra}). */
  public static void text(
      Html h, String name, String label, String value, String hint, String... extra) {
    field(h, name, label, hint);
    String[] base = {
      "id",
      id(name),
      "name",
      name,
      "value",
      value,
      "aria-describedby",
      hint.isEmpty() ? null : id(name) + "-hint"
    };
    h.empty("input", concat(hasType(extra) ? base : concat(base, "type", "text"), extra));
    h.close("div");
  }

  /** A labelled multi-line input. */
  public static void textarea(
      Html h, String name, String label, String value, String hint, String... extra) {
    field(h, name, label, hint);
    h.open(
            "textarea",
            concat(
                new String[] {
                  "id",
                  id(name),
                  "name",
                  name,
                  "aria-describedby",
                  hint.isEmpty() ? null : id(name) + "-hint"
                },
                extra))
        .text(value)
        .close("textarea");
    h.close("div");
  }

  /** A labelled select; options are value/label pairs. */
  public static void select(
      Html h, String name, String label, String selected, List<String[]> options) {
    field(h, name, label, "");
    h.open("select", "id", id(name), "name", name);
    for (String[] o : options) {
      h.element("option", o[1], "value", o[0], "selected", o[0].equals(selected) ? "" : null);
    }
    h.close("select").close("div");
  }

  /** A checkbox with its label after it. */
  public static void checkbox(Html h, String name, String value, String label, boolean checked) {
    String id = id(name + "-" + value);
    h.open("div", "class", "check");
    h.empty(
        "input",
        "type",
        "checkbox",
        "id",
        id,
        "name",
        name,
        "value",
        value,
        "checked",
        checked ? "" : null);
    h.element("label", label, "for", id);
    h.close("div");
  }

  /** A radio button with its label after it. */
  public static void radio(Html h, String name, String value, String label, boolean checked) {
    String id = id(name + "-" + value);
    h.open("div", "class", "check");
    h.empty(
        "input",
        "type",
        "radio",
        "id",
        id,
        "name",
        name,
        "value",
        value,
        "checked",
        checked ? "" : null);
    h.element("label", label, "for", id);
    h.close("div");
  }

  public static void submit(Html h, String label) {
    h.element("button", label, "type", "submit", "class", "primary");
  }

  /** A list of errors above a form, announced to screen readers. */
  public static void errors(Html h, List<String> errors) {
    if (errors.isEmpty()) {
      return;
    }
    h.open("div", "class", "flash flash-error", "role", "alert", "data-testid", "form-error")
        .open("ul");
    for (String e : errors) {
      h.element("li", e);
    }
    h.close("ul").close("div");
  }

  private static void field(Html h, String name, String label, String hint) {
    h.open("div", "class", "field");
    h.element("label", label, "for", id(name));
    if (!hint.isEmpty()) {
      h.element("p", hint, "class", "hint", "id", id(name) + "-hint");
    }
  }

  /** The element id of a field: {@code f-} and the name with anything unusual replaced. */
  static String id(String name) {
    return "f-" + name.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  private static boolean hasType(String[] extra) {
    for (int i = 0; i < extra.length; i += 2) {
      if (extra[i].equals("type")) {
        return true;
      }
    }
    return false;
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

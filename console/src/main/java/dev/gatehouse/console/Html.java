package dev.gatehouse.console;

import java.util.regex.Pattern;

/**
 * A small HTML builder that escapes everything it is given: text and attribute values always, tag
 * and attribute names are checked against a strict pattern (they come from code, never from data).
 * The only way to put markup into a page is through another {@code Html} (built the same way) or a
 * constant fragment written in code ({@link #constant}).
 *
 * <pre>{@code
 * Html h = new Html();
 * h.open("p", "class", "note").text(userInput).close("p");
 * }</pre>
 */
public final class Html {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

  private final StringBuilder out = new StringBuilder(1024);

  /** Escapes text for element content and for double-quoted attribute values. */
  public static String escape(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (r != null) {
        if (b == null) {
          b = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        b.append(r);
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /**
   * Markup written in code (a Java text block without any data in it).
   *
   * @param markup must be a compile-time constant; never pass data here
   */
  public static Html constant(String markup) {
    Html h = new Html();
    h.out.append(markup);
    return h;
  }

  /** Opens {@code <tag name="value" ...>}; attributes come in name/value pairs. */
  public Html open(String tag, String... attributes) {
    start(tag, attributes);
    out.append('>');
    return this;
  }

  /** A void element such as {@code <input ...>}. */
  public Html empty(String tag, String... attributes) {
    return open(tag, attributes);
  }

  public Html close(String tag) {
    out.append("</").append(name(tag)).append('>');
    return this;
  }

  /** {@code <tag ...>text</tag>}. */
  public Html element(String tag, String text, String... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  /** A link. */
  public Html link(String href, String text, String... attributes) {
    String[] all = new String[attributes.length + 2];
    all[0] = "href";
    all[1] = href;
    System.arraycopy(attributes, 0, all, 2, attributes.length);
    return element("a", text, all);
  }

  public Html text(String text) {
    out.append(escape(text));
    return this;
  }

  /**
   * An identifier such as an ARN, with a line-break opportunity ({@code <wbr>}) after each {@code
   * :} and {@code /}, so that a long one wraps between its parts rather than mid-word.
   */
  public Html breakable(String text) {
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ':' || c == '/') {
        out.append(escape(text.substring(from, i + 1))).append("<wbr>");
        from = i + 1;
      }
    }
    out.append(escape(text.substring(from)));
    return this;
  }

  /** Appends markup built by another builder (already escaped). */
  public Html add(Html other) {
    out.append(other.out);
    return this;
  }

  private void start(String tag, String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name/value pairs");
    }
    out.append('<').append(name(tag));
    for (int i = 0; i < attributes.length; i += 2) {
      String value = attributes[i + 1];
      if (value == null) {
        continue; // an attribute left out
      }
      out.append(' ').append(name(attributes[i]));
      if (!value.isEmpty() || !BOOLEAN.contains(attributes[i])) {
        out.append("=\"").append(escape(value)).append('"');
      }
    }
  }

  /** Boolean attributes written without a value when given as {@code ""}. */
  private static final java.util.Set<String> BOOLEAN =
      java.util.Set.of("checked", "selected", "required", "disabled", "readonly", "autofocus");

  private static String name(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a tag or attribute name: " + name);
    }
    return name;
  }

  /** Whether nothing was written. */
  public boolean isEmpty() {
    return out.length() == 0;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}

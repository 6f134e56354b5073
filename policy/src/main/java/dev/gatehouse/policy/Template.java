package dev.gatehouse.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A string with policy variables (spec: reference_policies_variables): {@code ${key}}, {@code
 * ${key, 'default'}}, and {@code ${*}} {@code ${?}} {@code ${$}} for literal characters.
 * Substituted text is literal: a {@code *} in a user name is no wildcard. A variable without a
 * value (and without default) makes the whole value match nothing.
 */
final class Template {
  /** One piece: pattern text, or a variable, or a literal text that is never a wildcard. */
  private record Part(String text, String keyLower, String fallback, int kind) {}

  private static final int PATTERN = 0;
  private static final int VARIABLE = 1;
  private static final int LITERAL = 2;
  private static final String NO_DEFAULT = "\u0000";

  private final Part[] parts;

  private Template(List<Part> parts) {
    this.parts = parts.toArray(new Part[0]);
  }

  /**
   * Parses variables at or after {@code from} (resource ARNs allow them only in the resource part).
   * Returns null when the text has no variable, so callers keep their fast matcher.
   */
  static Template parseOrNull(String text, int from) {
    if (text.indexOf("${", from) < 0) {
      return null;
    }
    List<Part> parts = new ArrayList<>();
    StringBuilder pending = new StringBuilder(text.substring(0, from));
    int i = from;
    boolean any = false;
    while (i < text.length()) {
      int open = text.indexOf("${", i);
      int close = open < 0 ? -1 : text.indexOf('}', open + 2);
      if (open < 0 || close < 0) {
        pending.append(text, i, text.length());
        break;
      }
      pending.append(text, i, open);
      String inner = text.substring(open + 2, close);
      Part part = variable(inner);
      if (part == null) {
        pending.append(text, open, close + 1);
      } else {
        any = true;
        if (pending.length() > 0) {
          parts.add(new Part(pending.toString(), "", "", PATTERN));
          pending.setLength(0);
        }
        parts.add(part);
      }
      i = close + 1;
    }
    if (pending.length() > 0) {
      parts.add(new Part(pending.toString(), "", "", PATTERN));
    }
    return any ? new Template(parts) : null;
  }

  private static Part variable(String inner) {
    String trimmed = inner.trim();
    if (trimmed.equals("*") || trimmed.equals("?") || trimmed.equals("$")) {
      return new Part(trimmed, "", "", LITERAL);
    }
    int comma = inner.indexOf(',');
    if (comma < 0) {
      return trimmed.isEmpty()
          ? null
          : new Part("", trimmed.toLowerCase(Locale.ROOT), NO_DEFAULT, VARIABLE);
    }
    String key = inner.substring(0, comma).trim();
    String rest = inner.substring(comma + 1).trim();
    if (key.isEmpty() || rest.length() < 2 || !rest.startsWith("'") || !rest.endsWith("'")) {
      return null;
    }
    String fallback = rest.substring(1, rest.length() - 1).replace("''", "'");
    return new Part("", key.toLowerCase(Locale.ROOT), fallback, VARIABLE);
  }

  /** The resolved pattern and which of its characters are literal. */
  static final class Resolved {
    private final String pattern;
    private final boolean[] literal;

    Resolved(String pattern, boolean[] literal) {
      this.pattern = pattern;
      this.literal = literal;
    }

    String pattern() {
      return pattern;
    }

    boolean[] literal() {
      return literal;
    }
  }

  /** Substitutes from {@code context}; null when a variable has no value. */
  Resolved resolve(RequestContext context) {
    StringBuilder out = new StringBuilder(32);
    List<int[]> literalRanges = new ArrayList<>(2);
    for (Part p : parts) {
      switch (p.kind) {
        case PATTERN -> out.append(p.text);
        case LITERAL -> {
          literalRanges.add(new int[] {out.length(), out.length() + 1});
          out.append(p.text);
        }
        default -> {
          String value = context.single(p.keyLower);
          if (value == null) {
            if (p.fallback.equals(NO_DEFAULT)) {
              return null;
            }
            value = p.fallback;
          }
          literalRanges.add(new int[] {out.length(), out.length() + value.length()});
          out.append(value);
        }
      }
    }
    boolean[] literal = new boolean[out.length()];
    for (int[] r : literalRanges) {
      for (int i = r[0]; i < r[1]; i++) {
        literal[i] = true;
      }
    }
    return new Resolved(out.toString(), literal);
  }
}

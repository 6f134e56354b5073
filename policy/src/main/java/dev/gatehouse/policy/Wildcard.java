package dev.gatehouse.policy;

/**
 * Glob matching with {@code *} (any run, including empty) and {@code ?} (one character), as in
 * Action, Resource and the {@code *Like} operators. No regex: a linear scan that backtracks only to
 * the last star, which is exact for these two wildcards.
 */
final class Wildcard {
  private Wildcard() {}

  /** A compiled pattern. */
  sealed interface Matcher
      permits Wildcard.Any,
          Wildcard.Exact,
          Wildcard.Prefix,
          Wildcard.Suffix,
          Wildcard.Stars,
          Wildcard.Glob {
    boolean test(String text);
  }

  /** {@code *}. */
  record Any() implements Matcher {
    @Override
    public boolean test(String text) {
      return true;
    }
  }

  /** No wildcard. */
  record Exact(String literal) implements Matcher {
    @Override
    public boolean test(String text) {
      return literal.equals(text);
    }
  }

  /** {@code literal*}. */
  record Prefix(String literal) implements Matcher {
    @Override
    public boolean test(String text) {
      return text.startsWith(literal);
    }
  }

  /** {@code *literal}. */
  record Suffix(String literal) implements Matcher {
    @Override
    public boolean test(String text) {
      return text.endsWith(literal);
    }
  }

  /**
   * Stars only, at least two or one inside ({@code arn:aws:s3:::*-logs/*}): the literal runs
   * between them, split once here. The first run must start the text and the last end it; the runs
   * between are found leftmost in order, which is exact when {@code *} is the only wildcard.
   */
  static final class Stars implements Matcher {
    private final String head;
    private final String[] middle;
    private final String tail;

    Stars(String pattern) {
      int first = pattern.indexOf('*');
      int last = pattern.lastIndexOf('*');
      this.head = pattern.substring(0, first);
      this.tail = pattern.substring(last + 1);
      java.util.List<String> runs = new java.util.ArrayList<>();
      int at = first + 1;
      while (at <= last) {
        int star = pattern.indexOf('*', at);
        if (star > at) {
          runs.add(pattern.substring(at, star));
        }
        at = star + 1;
      }
      this.middle = runs.toArray(new String[0]);
    }

    @Override
    public boolean test(String text) {
      int end = text.length() - tail.length();
      if (end < head.length() || !text.startsWith(head) || !text.endsWith(tail)) {
        return false;
      }
      int at = head.length();
      for (String run : middle) {
        int found = text.indexOf(run, at);
        if (found < 0 || found + run.length() > end) {
          return false;
        }
        at = found + run.length();
      }
      return true;
    }
  }

  /** Anything with {@code ?}. */
  record Glob(String pattern) implements Matcher {
    @Override
    public boolean test(String text) {
      return matches(text, pattern);
    }
  }

  static Matcher compile(String pattern) {
    if (pattern.equals("*")) {
      return new Any();
    }
    int stars = 0;
    boolean question = pattern.indexOf('?') >= 0;
    for (int i = 0; i < pattern.length(); i++) {
      if (pattern.charAt(i) == '*') {
        stars++;
      }
    }
    if (!question && stars == 0) {
      return new Exact(pattern);
    }
    if (!question && stars == 1 && pattern.endsWith("*")) {
      return new Prefix(pattern.substring(0, pattern.length() - 1));
    }
    if (!question && stars == 1 && pattern.startsWith("*")) {
      return new Suffix(pattern.substring(1));
    }
    return question ? new Glob(pattern) : new Stars(pattern);
  }

  /** Whether {@code text} matches {@code pattern}. */
  static boolean matches(String text, String pattern) {
    return matches(text, pattern, null);
  }

  /**
   * Whether {@code text} matches {@code pattern}; where {@code literal[i]} is set, pattern
   * character {@code i} is literal (a substituted policy variable, or {@code ${*}}).
   */
  static boolean matches(CharSequence text, CharSequence pattern, boolean[] literal) {
    int t = 0;
    int p = 0;
    int star = -1;
    int mark = 0;
    int tl = text.length();
    int pl = pattern.length();
    while (t < tl) {
      if (p < pl) {
        char pc = pattern.charAt(p);
        boolean lit = literal != null && literal[p];
        if (!lit && pc == '*') {
          star = p++;
          mark = t;
          continue;
        }
        if ((!lit && pc == '?') || pc == text.charAt(t)) {
          p++;
          t++;
          continue;
        }
      }
      if (star < 0) {
        return false;
      }
      p = star + 1;
      t = ++mark;
    }
    while (p < pl && pattern.charAt(p) == '*' && (literal == null || !literal[p])) {
      p++;
    }
    return p == pl;
  }
}

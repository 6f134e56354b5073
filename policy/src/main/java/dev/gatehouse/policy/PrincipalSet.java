package dev.gatehouse.policy;

import java.util.List;

/** The value of a {@code Principal} or {@code NotPrincipal} element. */
public sealed interface PrincipalSet permits PrincipalSet.Everyone, PrincipalSet.Named {

  /** {@code "*"}: everyone, including anonymous callers. */
  record Everyone() implements PrincipalSet {}

  /** {@code {"AWS": [...], "Service": [...]}} in document order. */
  record Named(List<Entry> entries) implements PrincipalSet {
    public Named {
      entries = List.copyOf(entries);
    }
  }

  /** One key of a principal object with its values (a single string is a one-element list). */
  record Entry(PrincipalType type, List<String> values) {
    public Entry {
      values = List.copyOf(values);
    }
  }
}

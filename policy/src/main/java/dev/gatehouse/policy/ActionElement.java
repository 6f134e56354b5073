package dev.gatehouse.policy;

import java.util.List;

/** {@code Action} or {@code NotAction}; a single string is a one-element list. */
public sealed interface ActionElement permits ActionElement.Actions, ActionElement.NotActions {

  /** The patterns as written. */
  List<String> patterns();

  /** {@code Action}. */
  record Actions(List<String> patterns) implements ActionElement {
    public Actions {
      patterns = List.copyOf(patterns);
    }
  }

  /** {@code NotAction}: every action of every service except these. */
  record NotActions(List<String> patterns) implements ActionElement {
    public NotActions {
      patterns = List.copyOf(patterns);
    }
  }
}

package dev.gatehouse.policy;

import java.util.List;

/**
 * {@code Resource}, {@code NotResource}, or none (trust policies; optional in resource policies).
 */
public sealed interface ResourceElement
    permits ResourceElement.None, ResourceElement.Resources, ResourceElement.NotResources {

  /** No resource element: the statement applies to the resource the policy is attached to. */
  record None() implements ResourceElement {}

  /** {@code Resource}. */
  record Resources(List<String> patterns) implements ResourceElement {
    public Resources {
      patterns = List.copyOf(patterns);
    }
  }

  /** {@code NotResource}. */
  record NotResources(List<String> patterns) implements ResourceElement {
    public NotResources {
      patterns = List.copyOf(patterns);
    }
  }
}

package dev.gatehouse.policy;

import java.util.Optional;

/** The keys of a {@code Principal} object (spec: reference_policies_elements_principal). */
public enum PrincipalType {
  AWS("AWS"),
  SERVICE("Service"),
  FEDERATED("Federated"),
  CANONICAL_USER("CanonicalUser");

  private final String text;

  PrincipalType(String text) {
    this.text = text;
  }

  /** The exact JSON key. */
  public String text() {
    return text;
  }

  static Optional<PrincipalType> fromText(String s) {
    for (PrincipalType t : values()) {
      if (t.text.equals(s)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}

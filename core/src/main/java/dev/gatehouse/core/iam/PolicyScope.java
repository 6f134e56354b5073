package dev.gatehouse.core.iam;

import java.util.Optional;

/** ListPolicies Scope. spec: All | AWS | Local, default All. */
public enum PolicyScope {
  ALL("All"),
  AWS("AWS"),
  LOCAL("Local");

  private final String wireName;

  PolicyScope(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<PolicyScope> fromWireName(String s) {
    for (PolicyScope v : values()) {
      if (v.wireName.equals(s)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

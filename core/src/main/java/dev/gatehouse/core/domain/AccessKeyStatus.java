package dev.gatehouse.core.domain;

import java.util.Optional;

/** spec: UpdateAccessKey Status: Active | Inactive. */
public enum AccessKeyStatus {
  ACTIVE("Active"),
  INACTIVE("Inactive");

  private final String wireName;

  AccessKeyStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<AccessKeyStatus> fromWireName(String s) {
    for (AccessKeyStatus v : values()) {
      if (v.wireName.equals(s)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

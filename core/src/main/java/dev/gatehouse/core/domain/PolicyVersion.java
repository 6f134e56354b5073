package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.Objects;

/** One version (v1..vN) of a managed policy. */
public record PolicyVersion(
    String policyArn, String versionId, String document, boolean isDefault, Instant createDate) {
  public PolicyVersion {
    Objects.requireNonNull(policyArn, "policyArn");
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(createDate, "createDate");
  }

  /** The number N of version id {@code vN}. */
  public int number() {
    return Integer.parseInt(versionId.substring(1));
  }
}

package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.Objects;

/** An AWS account: a 12-digit id. */
public record Account(String id, Instant createDate) {
  public Account {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createDate, "createDate");
    if (!id.matches("[0-9]{12}")) {
      throw new IllegalArgumentException("account id must be 12 digits");
    }
  }

  public String rootArn() {
    return Arns.root(id);
  }
}

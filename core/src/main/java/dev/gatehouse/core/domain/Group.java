package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.Objects;

/** An IAM group. */
public record Group(String accountId, String name, String id, String path, Instant createDate) {
  public Group {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(createDate, "createDate");
  }

  public String arn() {
    return Arns.group(accountId, path, name);
  }

  public Group withNameAndPath(String newName, String newPath) {
    return new Group(accountId, newName, id, newPath, createDate);
  }
}

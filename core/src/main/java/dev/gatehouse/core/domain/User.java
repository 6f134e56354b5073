package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An IAM user. {@code permissionsBoundaryArn} is empty when the user has no boundary. */
public record User(
    String accountId,
    String name,
    String id,
    String path,
    Instant createDate,
    String permissionsBoundaryArn) {
  public User {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(createDate, "createDate");
    Objects.requireNonNull(permissionsBoundaryArn, "permissionsBoundaryArn");
  }

  public String arn() {
    return Arns.user(accountId, path, name);
  }

  public Optional<String> permissionsBoundary() {
    return permissionsBoundaryArn.isEmpty()
        ? Optional.empty()
        : Optional.of(permissionsBoundaryArn);
  }

  public User withNameAndPath(String newName, String newPath) {
    return new User(accountId, newName, id, newPath, createDate, permissionsBoundaryArn);
  }

  public User withPermissionsBoundary(String arn) {
    return new User(accountId, name, id, path, createDate, arn);
  }
}

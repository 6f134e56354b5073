package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An IAM role. {@code description} and {@code permissionsBoundaryArn} are empty when absent.
 *
 * <p>{@code assumeRolePolicyDocument} is the trust policy as stored, its users, roles and role
 * sessions by unique id; the IAM services return roles with it as IAM shows it (by current ARN).
 *
 * <p>spec: CreateRole: MaxSessionDuration 3600-43200 seconds, default 3600.
 */
public record Role(
    String accountId,
    String name,
    String id,
    String path,
    Instant createDate,
    String description,
    int maxSessionDuration,
    String assumeRolePolicyDocument,
    String permissionsBoundaryArn) {
  public static final int DEFAULT_MAX_SESSION_DURATION = 3600;

  public Role {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(createDate, "createDate");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(assumeRolePolicyDocument, "assumeRolePolicyDocument");
    Objects.requireNonNull(permissionsBoundaryArn, "permissionsBoundaryArn");
  }

  public String arn() {
    return Arns.role(accountId, path, name);
  }

  public Optional<String> permissionsBoundary() {
    return permissionsBoundaryArn.isEmpty()
        ? Optional.empty()
        : Optional.of(permissionsBoundaryArn);
  }

  public Role withDescription(String value) {
    return new Role(
        accountId,
        name,
        id,
        path,
        createDate,
        value,
        maxSessionDuration,
        assumeRolePolicyDocument,
        permissionsBoundaryArn);
  }

  public Role withMaxSessionDuration(int value) {
    return new Role(
        accountId,
        name,
        id,
        path,
        createDate,
        description,
        value,
        assumeRolePolicyDocument,
        permissionsBoundaryArn);
  }

  public Role withAssumeRolePolicyDocument(String value) {
    return new Role(
        accountId,
        name,
        id,
        path,
        createDate,
        description,
        maxSessionDuration,
        value,
        permissionsBoundaryArn);
  }

  public Role withPermissionsBoundary(String value) {
    return new Role(
        accountId,
        name,
        id,
        path,
        createDate,
        description,
        maxSessionDuration,
        assumeRolePolicyDocument,
        value);
  }
}

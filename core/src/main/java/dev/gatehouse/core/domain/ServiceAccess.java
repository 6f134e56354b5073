package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * When an entity last attempted an action of a service (access advisor's record): kept per account,
 * entity ARN, service namespace and action, updated to the latest attempt.
 *
 * @param entityArn the user, role or root user that was authenticated (a role for its sessions)
 * @param serviceNamespace the service prefix, e.g. {@code iam}
 * @param actionName the action without prefix, e.g. {@code GetUser}
 * @param region the region the request was signed for
 */
public record ServiceAccess(
    String accountId,
    String entityArn,
    String serviceNamespace,
    String actionName,
    String region,
    Instant lastAccessed) {
  public ServiceAccess {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(entityArn, "entityArn");
    Objects.requireNonNull(serviceNamespace, "serviceNamespace");
    Objects.requireNonNull(actionName, "actionName");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(lastAccessed, "lastAccessed");
  }
}

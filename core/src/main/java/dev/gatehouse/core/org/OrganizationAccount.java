package dev.gatehouse.core.org;

import java.time.Instant;
import java.util.Objects;

/**
 * An account's membership in an organization.
 *
 * <p>spec: Organizations API Reference, "Account" data type. The management account joins its own
 * organization when it creates it; Gatehouse keeps no e-mail address for it (empty here).
 *
 * @param email the account's root e-mail address, unique across organizations (case-insensitive)
 */
public record OrganizationAccount(
    String accountId,
    String organizationId,
    String name,
    String email,
    JoinedMethod joinedMethod,
    Instant joinedDate) {
  public OrganizationAccount {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(organizationId, "organizationId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(joinedMethod, "joinedMethod");
    Objects.requireNonNull(joinedDate, "joinedDate");
  }

  /** How the account joined: created by the organization, or invited (the management account). */
  public enum JoinedMethod {
    INVITED,
    CREATED
  }
}

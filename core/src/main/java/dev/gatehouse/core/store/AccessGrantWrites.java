package dev.gatehouse.core.store;

import dev.gatehouse.core.grants.AccessDecision;
import dev.gatehouse.core.grants.AccessRequest;
import dev.gatehouse.core.grants.NotificationConfig;
import dev.gatehouse.core.grants.RequestPolicy;

/**
 * Writes of the store port: request policies, access requests and their history. Persistence only
 * (see {@link WriteTransaction}); the rules are {@code core.grants.AccessGrants}'.
 */
public interface AccessGrantWrites extends AccessGrantReads {
  /** Creates or replaces the role's request policy. */
  void putRequestPolicy(RequestPolicy policy);

  /** Deletes the role's request policy; returns whether there was one. */
  boolean deleteRequestPolicy(String roleId);

  /** Stores a new request ({@link StoreConflict} when its id is taken). */
  void createAccessRequest(AccessRequest request);

  /** Replaces a stored request's state and grant; returns whether it was there. */
  boolean updateAccessRequest(AccessRequest request);

  /**
   * Replaces a stored request's state and grant only while its stored status is {@code expected};
   * returns whether it did. Of concurrent writers expecting the same status (nodes sharing a
   * store), one wins.
   */
  boolean updateAccessRequest(AccessRequest request, AccessRequest.Status expected);

  /** Creates or replaces the account's access-request webhook. */
  void putNotificationConfig(NotificationConfig config);

  /** Deletes the account's access-request webhook; returns whether there was one. */
  boolean deleteNotificationConfig(String accountId);

  /** Appends a step to a request's history ({@link StoreConflict} when its number is taken). */
  void addAccessDecision(AccessDecision decision);
}

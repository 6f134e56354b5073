package dev.gatehouse.core.store;

import dev.gatehouse.core.grants.AccessDecision;
import dev.gatehouse.core.grants.AccessRequest;
import dev.gatehouse.core.grants.NotificationConfig;
import dev.gatehouse.core.grants.RequestPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads of the store port: roles' request policies, access requests, their grants and history. */
public interface AccessGrantReads {
  /** The request policy of the role with unique id {@code roleId}. */
  Optional<RequestPolicy> requestPolicy(String roleId);

  /** Every role's request policy, of every account. */
  List<RequestPolicy> requestPolicies();

  /** A request of the account by its id. */
  Optional<AccessRequest> accessRequest(String accountId, String requestId);

  /** The request whose grant has id {@code grantId}. */
  Optional<AccessRequest> accessRequestByGrant(String accountId, String grantId);

  /** Every request of the account, oldest first (then by id). */
  List<AccessRequest> accessRequests(String accountId);

  /** The requests of {@code requesterId} for the role that are in status ACTIVE, oldest first. */
  List<AccessRequest> activeAccessRequests(String roleId, String requesterId);

  /** The account's requests in status ACTIVE (approved grants), oldest first. */
  List<AccessRequest> activeAccessRequests(String accountId);

  /**
   * The requests in status ACTIVE, of every account, whose grant ended at or before {@code at},
   * oldest first: the grants expiry ends.
   */
  List<AccessRequest> activeAccessRequestsEndedBy(Instant at);

  /** The account's access-request webhook, if it configured one. */
  Optional<NotificationConfig> notificationConfig(String accountId);

  /** The history of a request, by step number. */
  List<AccessDecision> accessDecisions(String requestId);
}

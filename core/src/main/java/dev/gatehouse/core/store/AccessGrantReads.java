package dev.gatehouse.core.store;

import dev.gatehouse.core.grants.AccessDecision;
import dev.gatehouse.core.grants.AccessRequest;
import dev.gatehouse.core.grants.RequestPolicy;
import java.util.List;
import java.util.Optional;

/** Reads of the store port: roles' request policies, access requests, their grants and history. */
public interface AccessGrantReads {
  /** The request policy of the role with unique id {@code roleId}. */
  Optional<RequestPolicy> requestPolicy(String roleId);

  /** A request of the account by its id. */
  Optional<AccessRequest> accessRequest(String accountId, String requestId);

  /** The request whose grant has id {@code grantId}. */
  Optional<AccessRequest> accessRequestByGrant(String accountId, String grantId);

  /** Every request of the account, oldest first (then by id). */
  List<AccessRequest> accessRequests(String accountId);

  /** The requests of {@code requesterId} for the role that are in status ACTIVE, oldest first. */
  List<AccessRequest> activeAccessRequests(String roleId, String requesterId);

  /** The history of a request, by step number. */
  List<AccessDecision> accessDecisions(String requestId);
}

package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of the store port: Customer managed policies, their versions and attachments (AWS managed
 * policies are attached here too).
 */
public interface PolicyReads {
  /** A customer managed policy of {@code accountId} by ARN, with its attachment count. */
  Optional<ManagedPolicy> policy(String accountId, String arn);

  List<ManagedPolicy> policies(String accountId);

  /** How many customer managed policies the account has (a COUNT, for the quota). */
  int policyCount(String accountId);

  /** A customer managed policy of {@code accountId} by name (case-insensitively), any path. */
  Optional<ManagedPolicy> policyByName(String accountId, String name);

  /** How many users and roles (any account) have this policy as permissions boundary. */
  int boundaryUseCount(String policyArn);

  /** Versions of a customer managed policy, ordered by version number. */
  List<PolicyVersion> policyVersions(String accountId, String policyArn);

  Optional<PolicyVersion> policyVersion(String accountId, String policyArn, String versionId);

  /** ARNs of the managed policies attached to a user, group or role, ordered. */
  List<String> attachedPolicies(String entityId);

  /**
   * The users, groups and roles of {@code accountId} a managed policy (any owner) is attached to.
   */
  List<EntityRef> entitiesForPolicy(String accountId, String policyArn);

  /**
   * How many users, groups and roles of {@code accountId} each managed policy (customer or AWS) is
   * attached to; policies attached nowhere are absent.
   */
  Map<String, Integer> attachmentCounts(String accountId);
}

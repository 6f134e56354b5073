package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import java.time.Instant;

/**
 * Writes of the store port: Customer managed policies, their versions and attachments (AWS managed
 * policies are attached here too). Persistence only (see {@link WriteTransaction}).
 */
public interface PolicyWrites extends PolicyReads {
  /** Creates a customer managed policy and its default version v1. */
  void createPolicy(ManagedPolicy policy, String document);

  /** Adds the next version of a policy (numbers are never reused) and returns it. */
  PolicyVersion createPolicyVersion(
      ManagedPolicy policy, String document, boolean setAsDefault, Instant now);

  void setDefaultPolicyVersion(ManagedPolicy policy, int versionNumber, Instant now);

  void deletePolicyVersion(ManagedPolicy policy, int versionNumber);

  /** Deletes a policy, its versions and its tags. */
  void deletePolicy(ManagedPolicy policy);

  /** Attaches a managed policy; returns false when it was attached already. */
  boolean attachPolicy(String accountId, EntityRef entity, String policyArn);

  /** Returns false when the policy was not attached. */
  boolean detachPolicy(String entityId, String policyArn);
}

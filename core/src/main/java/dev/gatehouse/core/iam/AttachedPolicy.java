package dev.gatehouse.core.iam;

import java.util.Objects;

/** An entry of ListAttached{User,Group,Role}Policies. */
public record AttachedPolicy(String policyName, String policyArn) {
  public AttachedPolicy {
    Objects.requireNonNull(policyName, "policyName");
    Objects.requireNonNull(policyArn, "policyArn");
  }
}

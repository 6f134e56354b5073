package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import java.util.List;

/** GetAccountAuthorizationDetails' answer. */
public record AuthorizationDetails(
    List<UserDetail> users,
    List<GroupDetail> groups,
    List<RoleDetail> roles,
    List<PolicyDetail> policies) {
  public AuthorizationDetails {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
    roles = List.copyOf(roles);
    policies = List.copyOf(policies);
  }

  /** The entity kinds of the Filter parameter. */
  public enum Filter {
    USER("User"),
    ROLE("Role"),
    GROUP("Group"),
    LOCAL_MANAGED_POLICY("LocalManagedPolicy"),
    AWS_MANAGED_POLICY("AWSManagedPolicy");

    private final String wireName;

    Filter(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    public static java.util.Optional<Filter> fromWireName(String s) {
      for (Filter f : values()) {
        if (f.wireName.equals(s)) {
          return java.util.Optional.of(f);
        }
      }
      return java.util.Optional.empty();
    }
  }

  public record UserDetail(
      User user,
      List<String> groupNames,
      List<InlinePolicy> inlinePolicies,
      List<AttachedPolicy> attachedPolicies,
      List<Tag> tags) {
    public UserDetail {
      groupNames = List.copyOf(groupNames);
      inlinePolicies = List.copyOf(inlinePolicies);
      attachedPolicies = List.copyOf(attachedPolicies);
      tags = List.copyOf(tags);
    }
  }

  public record GroupDetail(
      Group group, List<InlinePolicy> inlinePolicies, List<AttachedPolicy> attachedPolicies) {
    public GroupDetail {
      inlinePolicies = List.copyOf(inlinePolicies);
      attachedPolicies = List.copyOf(attachedPolicies);
    }
  }

  /**
   * A role with, as AWS shows them here, the instance profiles holding it and when it was last
   * assumed (spec: botocore iam model, RoleDetail.RoleLastUsed).
   */
  public record RoleDetail(
      Role role,
      List<InlinePolicy> inlinePolicies,
      List<AttachedPolicy> attachedPolicies,
      List<Tag> tags,
      List<InstanceProfileView> instanceProfiles,
      java.util.Optional<dev.gatehouse.core.domain.RoleLastUsed> lastUsed) {
    public RoleDetail {
      instanceProfiles = List.copyOf(instanceProfiles);
      inlinePolicies = List.copyOf(inlinePolicies);
      attachedPolicies = List.copyOf(attachedPolicies);
      tags = List.copyOf(tags);
    }
  }

  public record PolicyDetail(ManagedPolicy policy, List<PolicyVersion> versions) {
    public PolicyDetail {
      versions = List.copyOf(versions);
    }
  }
}

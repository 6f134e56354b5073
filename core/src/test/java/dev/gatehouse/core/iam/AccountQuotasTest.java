package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.IDENTITY;
import static dev.gatehouse.core.iam.IamTestKit.NOW;
import static dev.gatehouse.core.iam.IamTestKit.TRUST;

import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * Per-account quotas (spec: IAM quotas page): the account is filled to the quota in one store
 * transaction, then the service refuses one more.
 */
class AccountQuotasTest {
  private final IamTestKit kit = new IamTestKit();
  private final Ids ids = Ids.secure();

  @Test
  void usersPerAccount() {
    kit.store.write(
        tx -> {
          for (int i = 0; i < Users.MAX_USERS; i++) {
            tx.users().createUser(new User(ACCOUNT, "u" + i, ids.userId(), "/", NOW, ""));
          }
          return null;
        });
    IamTestKit.fails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for UsersPerAccount: 5000",
        () -> kit.iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("one-more")));
  }

  @Test
  void groupsPerAccount() {
    kit.store.write(
        tx -> {
          for (int i = 0; i < Groups.MAX_GROUPS; i++) {
            tx.groups().createGroup(new Group(ACCOUNT, "g" + i, ids.groupId(), "/", NOW));
          }
          return null;
        });
    IamTestKit.fails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for GroupsPerAccount: 300",
        () -> kit.iam.groups().createGroup(ACCOUNT, "one-more", ""));
  }

  @Test
  void rolesPerAccount() {
    kit.store.write(
        tx -> {
          for (int i = 0; i < Roles.MAX_ROLES; i++) {
            tx.roles()
                .createRole(
                    new Role(ACCOUNT, "r" + i, ids.roleId(), "/", NOW, "", 3600, TRUST, ""));
          }
          return null;
        });
    IamTestKit.fails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for RolesPerAccount: 1000",
        () -> kit.iam.roles().createRole(ACCOUNT, Roles.CreateRoleRequest.of("one-more", TRUST)));
  }

  @Test
  void instanceProfilesPerAccount() {
    kit.store.write(
        tx -> {
          for (int i = 0; i < InstanceProfiles.MAX_INSTANCE_PROFILES; i++) {
            tx.instanceProfiles()
                .createInstanceProfile(
                    new InstanceProfile(ACCOUNT, "ip" + i, ids.instanceProfileId(), "/", NOW));
          }
          return null;
        });
    IamTestKit.fails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for InstanceProfilesPerAccount: 1000",
        () ->
            kit.iam
                .instanceProfiles()
                .create(
                    ACCOUNT,
                    new InstanceProfiles.CreateInstanceProfileRequest(
                        "one-more", "", java.util.List.of())));
  }

  @Test
  void customerManagedPoliciesPerAccount() {
    kit.store.write(
        tx -> {
          for (int i = 0; i < ManagedPolicies.MAX_POLICIES; i++) {
            tx.policies()
                .createPolicy(
                    new ManagedPolicy(
                        ACCOUNT, "p" + i, ids.policyId(), "/", "v1", "", NOW, NOW, true, 0),
                    IDENTITY);
          }
          return null;
        });
    IamTestKit.fails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for PoliciesPerAccount: 1500",
        () ->
            kit.iam
                .managedPolicies()
                .createPolicy(
                    ACCOUNT, ManagedPolicies.CreatePolicyRequest.of("one-more", IDENTITY)));
  }
}

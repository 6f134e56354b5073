package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamRulesFixture.DOC;
import static dev.gatehouse.core.iam.IamRulesFixture.NO_ACCOUNT;
import static dev.gatehouse.core.iam.IamRulesFixture.T0;
import static dev.gatehouse.core.iam.IamRulesFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.LoginProfile;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.mfa.TotpState;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AWS's deletion order on IAM writes ({@link IamRules}): what must be gone before a user, group,
 * role, instance profile or policy is deleted. Each rule is shown refusing with AWS's code and
 * text, on the memory store (the store contract shows every adapter persists what they let
 * through).
 */
class IamRulesDeletionTest {
  private final IamRulesFixture f = new IamRulesFixture();

  @Test
  void deletingAUserFollowsAwsOrder() {
    User u = f.createUser("u");
    Group g = f.createGroup("g");
    f.write(tx -> tx.passwords().createLoginProfile(LoginProfile.created(u.id(), "h", T0, false)));
    AccessKey k = f.key(f.account, new AccessKeyOwner.IamUser(u.id()));
    f.write(tx -> IamRules.createAccessKey(tx, k, "sealed", 2));
    f.write(tx -> tx.inlinePolicies().putInlinePolicy(new InlinePolicy(u.id(), "p", DOC)));
    String m = f.createPolicy("m").arn();
    f.write(tx -> IamRules.attachPolicy(tx, f.account, EntityRef.of(u), m, 10));
    f.write(tx -> IamRules.addUserToGroup(tx, u, g, 10));
    VirtualMfaDevice d = f.device("u");
    f.write(tx -> IamRules.createMfaDevice(tx, d));
    f.write(tx -> IamRules.updateMfaDevice(tx, d.enabledFor(u.id(), T0, TotpState.initial())));

    List<Runnable> remove =
        List.of(
            () -> f.write(tx -> tx.passwords().deleteLoginProfile(u.id())),
            () -> f.write(tx -> tx.keys().deleteAccessKey(k.accessKeyId())),
            () -> f.write(tx -> tx.inlinePolicies().deleteInlinePolicy(u.id(), "p")),
            () -> f.write(tx -> tx.policies().detachPolicy(u.id(), m)),
            () -> f.write(tx -> tx.groups().removeUserFromGroup(u.id(), g.id())),
            () -> f.write(tx -> tx.mfa().updateMfaDevice(d)));
    List<String> messages =
        List.of(
            "Cannot delete entity, must delete login profile first.",
            "Cannot delete entity, must delete access keys first.",
            "Cannot delete entity, must delete policies first.",
            "Cannot delete entity, must detach all policies first.",
            "Cannot delete entity, must remove users from group first.",
            "Cannot delete entity, must delete MFA device first.");
    for (int i = 0; i < messages.size(); i++) {
      assertFails(
          ErrorCode.DELETE_CONFLICT,
          messages.get(i),
          () -> f.write(tx -> IamRules.deleteUser(tx, u)));
      remove.get(i).run();
    }
    f.write(tx -> IamRules.deleteUser(tx, u));
    assertThat(f.read(tx -> tx.users().user(f.account, "u")).isEmpty()).isTrue();
  }

  @Test
  void aGroupIsDeletedOnlyWhenEmptyAndAUserJoinsAtMostTheLimit() {
    User u = f.createUser("u");
    Group g = f.createGroup("g");
    f.write(tx -> IamRules.addUserToGroup(tx, u, g, 10));
    f.write(tx -> IamRules.addUserToGroup(tx, u, g, 1)); // idempotent, even at the limit
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must remove users from group first.",
        () -> f.write(tx -> IamRules.deleteGroup(tx, g)));
    Group other = f.createGroup("other");
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for GroupsPerUser: 1",
        () -> f.write(tx -> IamRules.addUserToGroup(tx, u, other, 1)));
    f.write(tx -> tx.groups().removeUserFromGroup(u.id(), g.id()));
    f.write(tx -> tx.inlinePolicies().putInlinePolicy(new InlinePolicy(g.id(), "p", DOC)));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must delete policies first.",
        () -> f.write(tx -> IamRules.deleteGroup(tx, g)));
    f.write(tx -> tx.inlinePolicies().deleteInlinePolicy(g.id(), "p"));
    f.write(
        tx ->
            tx.policies()
                .attachPolicy(f.account, EntityRef.of(g), Arns.policy(f.account, "/", "m")));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must detach all policies first.",
        () -> f.write(tx -> IamRules.deleteGroup(tx, g)));
    f.write(tx -> tx.policies().detachPolicy(g.id(), Arns.policy(f.account, "/", "m")));
    f.write(tx -> IamRules.deleteGroup(tx, g));
    assertThat(f.read(tx -> tx.groups().group(f.account, "g")).isEmpty()).isTrue();
  }

  @Test
  void aRoleIsDeletedWithoutPoliciesAndOutsideEveryInstanceProfile() {
    Role r = f.createRole("r");
    InstanceProfile p = new InstanceProfile(f.account, "web", f.ids.instanceProfileId(), "/", T0);
    f.write(tx -> IamRules.createInstanceProfile(tx, p, InstanceProfiles.MAX_INSTANCE_PROFILES));
    f.write(tx -> tx.inlinePolicies().putInlinePolicy(new InlinePolicy(r.id(), "p", DOC)));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must delete policies first.",
        () -> f.write(tx -> IamRules.deleteRole(tx, r)));
    f.write(tx -> tx.inlinePolicies().deleteInlinePolicy(r.id(), "p"));
    f.write(
        tx ->
            tx.policies()
                .attachPolicy(f.account, EntityRef.of(r), Arns.policy(f.account, "/", "m")));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must detach all policies first.",
        () -> f.write(tx -> IamRules.deleteRole(tx, r)));
    f.write(tx -> tx.policies().detachPolicy(r.id(), Arns.policy(f.account, "/", "m")));
    f.write(tx -> IamRules.addRoleToInstanceProfile(tx, p, r));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must remove roles from instance profile first.",
        () -> f.write(tx -> IamRules.deleteRole(tx, r)));
    f.write(tx -> tx.instanceProfiles().removeRoleFromInstanceProfile(p.id(), r.id()));
    f.write(tx -> IamRules.deleteRole(tx, r));
    assertThat(f.read(tx -> tx.roles().role(f.account, "r")).isEmpty()).isTrue();
  }

  @Test
  void anInstanceProfileHoldsOneRoleIsUniqueAndIsDeletedEmpty() {
    InstanceProfile p = new InstanceProfile(f.account, "Web", f.ids.instanceProfileId(), "/", T0);
    f.write(tx -> IamRules.createInstanceProfile(tx, p, 1));
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Instance Profile web already exists.",
        () ->
            f.write(
                tx ->
                    IamRules.createInstanceProfile(
                        tx, new InstanceProfile(f.account, "web", "AIPAOTHER", "/", T0), 5)));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for InstanceProfilesPerAccount: 1",
        () ->
            f.write(
                tx ->
                    IamRules.createInstanceProfile(
                        tx, new InstanceProfile(f.account, "batch", "AIPAB", "/", T0), 1)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () ->
            f.write(
                tx ->
                    IamRules.createInstanceProfile(
                        tx, new InstanceProfile("999999999999", "x", "AIPAX", "/", T0), 5)));
    Role r = f.createRole("app");
    Role other = f.createRole("other");
    f.write(tx -> IamRules.addRoleToInstanceProfile(tx, p, r));
    for (Role second : List.of(other, r)) {
      assertFails(
          ErrorCode.LIMIT_EXCEEDED,
          "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1",
          () -> f.write(tx -> IamRules.addRoleToInstanceProfile(tx, p, second)));
    }
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must remove roles from instance profile first.",
        () -> f.write(tx -> IamRules.deleteInstanceProfile(tx, p)));
    f.write(tx -> tx.instanceProfiles().removeRoleFromInstanceProfile(p.id(), r.id()));
    f.write(tx -> IamRules.deleteInstanceProfile(tx, p));
    assertThat(f.read(tx -> tx.instanceProfiles().instanceProfile(f.account, "web")).isEmpty())
        .isTrue();
  }

  @Test
  void aPolicyIsDeletedOnlyWhenDetachedUnusedAsBoundaryAndDownToItsDefaultVersion() {
    ManagedPolicy p = f.createPolicy("p");
    String arn = p.arn();
    User u = f.createUser("u");
    f.write(tx -> IamRules.attachPolicy(tx, f.account, EntityRef.of(u), arn, 10));
    String attached = "Cannot delete a policy attached to entities.";
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        attached,
        () -> f.write(tx -> IamRules.deletePolicy(tx, f.account, arn)));
    f.write(tx -> tx.policies().detachPolicy(u.id(), arn));
    f.write(tx -> tx.users().updateUser(u.withPermissionsBoundary(arn)));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        attached,
        () -> f.write(tx -> IamRules.deletePolicy(tx, f.account, arn)));
    f.write(tx -> tx.users().updateUser(u.withPermissionsBoundary("")));
    Role r = f.createRole("bounded");
    f.write(tx -> tx.roles().updateRole(r.withPermissionsBoundary(arn)));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        attached,
        () -> f.write(tx -> IamRules.deletePolicy(tx, f.account, arn)));
    f.write(tx -> tx.roles().updateRole(r.withPermissionsBoundary("")));
    f.write(tx -> IamRules.createPolicyVersion(tx, f.account, arn, DOC, false, T0, 5));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "This policy has more than one version. Before you delete a policy, you must delete the"
            + " policy's versions. The default version is deleted with the policy.",
        () -> f.write(tx -> IamRules.deletePolicy(tx, f.account, arn)));
    f.write(tx -> IamRules.deletePolicyVersion(tx, f.account, arn, "v2"));
    f.write(tx -> IamRules.deletePolicy(tx, f.account, arn));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "Policy " + arn + " was not found.",
        () -> f.write(tx -> IamRules.deletePolicy(tx, f.account, arn)));
  }
}

package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.fails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.iam.Simulator.SimulatedPolicy;
import dev.gatehouse.policy.Caller;
import dev.gatehouse.policy.PolicyKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policies SimulatePrincipalPolicy takes from a user, group or role of the account. */
class PrincipalPoliciesTest {
  static final String S3 = allow("s3:*");

  private final IamTestKit kit = new IamTestKit();
  private final IamServices iam = kit.iam;
  private final PrincipalPolicies policies = new PrincipalPolicies(iam, kit.snapshots);

  static String allow(String action) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\""
        + action
        + "\",\"Resource\":\"*\"}]}";
  }

  private String managed(String name, String document) {
    return iam.managedPolicies()
        .createPolicy(ACCOUNT, ManagedPolicies.CreatePolicyRequest.of(name, document))
        .arn();
  }

  private static List<String> ids(List<SimulatedPolicy> ps) {
    return ps.stream().map(p -> p.type() + ":" + p.id()).toList();
  }

  @Test
  void aUserWithItsGroupsPoliciesAndBoundary() {
    iam.users().createUser(ACCOUNT, new Users.CreateUserRequest("alice", "/eng/", "", List.of()));
    iam.groups().createGroup(ACCOUNT, "devs", "");
    iam.groups().addUserToGroup(ACCOUNT, "devs", "alice");
    iam.inlinePolicies().put(ACCOUNT, EntityKind.USER, "alice", "own", S3);
    iam.inlinePolicies().put(ACCOUNT, EntityKind.GROUP, "devs", "shared", allow("ec2:*"));
    String attached = managed("attached", allow("sqs:*"));
    iam.attachments().attachUserPolicy(ACCOUNT, "alice", attached);
    String boundary = managed("boundary", allow("*"));
    iam.users().putUserPermissionsBoundary(ACCOUNT, "alice", boundary);

    String arn = "arn:aws:iam::123456789012:user/eng/alice";
    PrincipalPolicies.Source s = policies.resolve(ACCOUNT, arn);
    assertThat(s.arn()).isEqualTo(arn);
    assertThat(s.isUser()).isTrue();
    assertThat(s.caller()).isEqualTo(new Caller.IamUser(arn, ACCOUNT, "alice"));
    assertThat(ids(s.identity()))
        .containsExactlyInAnyOrder("user:own", "group:shared", "user-managed:attached");
    assertThat(ids(s.boundary())).containsExactly("user-managed:boundary");
    assertThat(s.boundary().get(0).compiled().kind()).isEqualTo(PolicyKind.BOUNDARY);
    assertThat(s.identity()).allMatch(p -> p.compiled().kind() == PolicyKind.IDENTITY);
  }

  @Test
  void aRoleWithItsPolicies() {
    iam.roles().createRole(ACCOUNT, Roles.CreateRoleRequest.of("deploy", IamTestKit.TRUST));
    iam.inlinePolicies().put(ACCOUNT, EntityKind.ROLE, "deploy", "inline", S3);
    iam.attachments()
        .attachRolePolicy(ACCOUNT, "deploy", "arn:aws:iam::aws:policy/AmazonS3FullAccess");
    String arn = "arn:aws:iam::123456789012:role/deploy";
    PrincipalPolicies.Source s = policies.resolve(ACCOUNT, arn);
    assertThat(s.isUser()).isFalse();
    assertThat(s.caller()).isEqualTo(new Caller.IamRole(arn, ACCOUNT, "deploy"));
    assertThat(ids(s.identity()))
        .containsExactlyInAnyOrder("role:inline", "aws-managed:AmazonS3FullAccess");
    assertThat(s.boundary()).isEmpty();
  }

  @Test
  void aGroupWithItsInlineAndAttachedPolicies() {
    iam.groups().createGroup(ACCOUNT, "ops", "/team/");
    iam.inlinePolicies().put(ACCOUNT, EntityKind.GROUP, "ops", "a", S3);
    iam.inlinePolicies().put(ACCOUNT, EntityKind.GROUP, "ops", "b", allow("ec2:*"));
    String attached = managed("attached", allow("sqs:*"));
    iam.attachments().attachGroupPolicy(ACCOUNT, "ops", attached);
    String arn = "arn:aws:iam::123456789012:group/team/ops";
    PrincipalPolicies.Source s = policies.resolve(ACCOUNT, arn);
    assertThat(s.isUser()).isFalse();
    assertThat(ids(s.identity())).containsExactly("group:a", "group:b", "user-managed:attached");
    assertThat(s.identity().get(0).key()).isEqualTo("IDENTITY:group/ops/a");
    assertThat(s.identity().get(2).json()).isEqualTo(allow("sqs:*"));
    assertThat(s.boundary()).as("groups have no boundary").isEmpty();
  }

  @Test
  void largeAwsManagedPoliciesAreSimulatedToo() {
    // ReadOnlyAccess is larger than a customer managed policy may be: it is AWS's, not validated.
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("reader"));
    iam.attachments().attachUserPolicy(ACCOUNT, "reader", IamTestKit.READ_ONLY_ACCESS);
    iam.groups().createGroup(ACCOUNT, "readers", "");
    iam.attachments().attachGroupPolicy(ACCOUNT, "readers", IamTestKit.READ_ONLY_ACCESS);
    iam.users().putUserPermissionsBoundary(ACCOUNT, "reader", IamTestKit.READ_ONLY_ACCESS);
    PrincipalPolicies.Source user =
        policies.resolve(ACCOUNT, "arn:aws:iam::123456789012:user/reader");
    assertThat(ids(user.identity())).containsExactly("aws-managed:ReadOnlyAccess");
    assertThat(ids(user.boundary())).containsExactly("aws-managed:ReadOnlyAccess");
    PrincipalPolicies.Source group =
        policies.resolve(ACCOUNT, "arn:aws:iam::123456789012:group/readers");
    assertThat(ids(group.identity())).containsExactly("aws-managed:ReadOnlyAccess");
  }

  @Test
  void somethingElseThanAUserGroupOrRoleArnIsInvalidInput() {
    for (String arn :
        List.of(
            "arn:aws:iam::123456789012:policy/p",
            "arn:aws:iam::123456789012:root",
            "arn:aws:sts::123456789012:assumed-role/r/s",
            "arn:aws:iam::12345678901:user/alice",
            "arn:aws:iam::123456789012:user/",
            "alice")) {
      fails(
          ErrorCode.INVALID_INPUT,
          "PolicySourceArn " + arn + " is not the ARN of an IAM user, group or role.",
          () -> policies.resolve(ACCOUNT, arn));
    }
  }

  @Test
  void anEntityThatIsNotThereIsNoSuchEntity() {
    iam.users().createUser(ACCOUNT, new Users.CreateUserRequest("alice", "/eng/", "", List.of()));
    iam.roles().createRole(ACCOUNT, Roles.CreateRoleRequest.of("deploy", IamTestKit.TRUST));
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "The user with name bob cannot be found.",
        () -> policies.resolve(ACCOUNT, "arn:aws:iam::123456789012:user/bob"));
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "The user with name alice cannot be found.",
        () -> policies.resolve(ACCOUNT, "arn:aws:iam::123456789012:user/alice"));
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "The user with name alice cannot be found.",
        () -> policies.resolve(ACCOUNT, "arn:aws:iam::210987654321:user/eng/alice"));
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "The role with name other cannot be found.",
        () -> policies.resolve(ACCOUNT, "arn:aws:iam::123456789012:role/other"));
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "The group with name devs cannot be found.",
        () -> policies.resolve(ACCOUNT, "arn:aws:iam::123456789012:group/devs"));
  }
}

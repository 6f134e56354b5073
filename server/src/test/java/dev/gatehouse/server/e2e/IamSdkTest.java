package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

/** The IAM API through the AWS SDK for Java v2 over a real socket. */
class IamSdkTest extends IamSdkServerTest {
  static final String ACCOUNT = "123456789012";
  static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";
  static final String ALLOW_ALL_IAM =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\","
          + "\"Resource\":\"*\"}]}";
  static final String ALLOW_GET_USER =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\","
          + "\"Resource\":\"*\"}]}";

  static String decode(String document) {
    return URLDecoder.decode(document, StandardCharsets.UTF_8);
  }

  @Test
  void usersLifecycle() {
    User created =
        iam.createUser(
                r ->
                    r.userName("sdk-alice")
                        .path("/eng/")
                        .tags(Tag.builder().key("team").value("blue").build()))
            .user();
    assertThat(created.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/eng/sdk-alice");
    assertThat(created.userId()).matches("AIDA[A-Z2-7]{17}");
    assertThat(created.tags()).extracting(Tag::key).containsExactly("team");
    User got = iam.getUser(r -> r.userName("sdk-alice")).user();
    assertThat(got.path()).isEqualTo("/eng/");
    assertThat(got.createDate()).isEqualTo(created.createDate());
    assertThat(iam.listUsers(r -> r.pathPrefix("/eng/")).users())
        .extracting(User::userName)
        .contains("sdk-alice");
    iam.updateUser(r -> r.userName("sdk-alice").newUserName("sdk-alice2"));
    assertError(() -> iam.getUser(r -> r.userName("sdk-alice")), 404, "NoSuchEntity");
    assertError(() -> iam.createUser(r -> r.userName("sdk-alice2")), 409, "EntityAlreadyExists");
    iam.deleteUser(r -> r.userName("sdk-alice2"));
    assertError(() -> iam.deleteUser(r -> r.userName("sdk-alice2")), 404, "NoSuchEntity");
    User root = iam.getUser().user();
    assertThat(root.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
    assertThat(root.userId()).isEqualTo(ACCOUNT);
  }

  @Test
  void groupsAndMembership() {
    iam.createUser(r -> r.userName("sdk-gm"));
    iam.createGroup(r -> r.groupName("sdk-devs"));
    iam.addUserToGroup(r -> r.groupName("sdk-devs").userName("sdk-gm"));
    var group = iam.getGroup(r -> r.groupName("sdk-devs"));
    assertThat(group.group().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":group/sdk-devs");
    assertThat(group.group().groupId()).matches("AGPA[A-Z2-7]{17}");
    assertThat(group.users()).extracting(User::userName).containsExactly("sdk-gm");
    assertThat(iam.listGroupsForUser(r -> r.userName("sdk-gm")).groups()).hasSize(1);
    assertError(() -> iam.deleteGroup(r -> r.groupName("sdk-devs")), 409, "DeleteConflict");
    iam.putGroupPolicy(
        r -> r.groupName("sdk-devs").policyName("inline").policyDocument(ALLOW_GET_USER));
    assertThat(iam.listGroupPolicies(r -> r.groupName("sdk-devs")).policyNames())
        .containsExactly("inline");
    assertThat(
            decode(
                iam.getGroupPolicy(r -> r.groupName("sdk-devs").policyName("inline"))
                    .policyDocument()))
        .isEqualTo(ALLOW_GET_USER);
    iam.deleteGroupPolicy(r -> r.groupName("sdk-devs").policyName("inline"));
    iam.removeUserFromGroup(r -> r.groupName("sdk-devs").userName("sdk-gm"));
    iam.deleteGroup(r -> r.groupName("sdk-devs"));
    assertThat(iam.listGroups().groups()).extracting(g -> g.groupName()).doesNotContain("sdk-devs");
  }

  @Test
  void rolesWithTrustAndManagedPolicies() throws Exception {
    Role role =
        iam.createRole(
                r ->
                    r.roleName("RoleS3FullAccess")
                        .assumeRolePolicyDocument(TRUST)
                        .description("S3 for a while")
                        .maxSessionDuration(7200))
            .role();
    assertThat(role.roleId()).matches("AROA[A-Z2-7]{17}");
    iam.attachRolePolicy(
        r ->
            r.roleName("RoleS3FullAccess").policyArn("arn:aws:iam::aws:policy/AmazonS3FullAccess"));
    Role got = iam.getRole(r -> r.roleName("RoleS3FullAccess")).role();
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(decode(got.assumeRolePolicyDocument())))
        .isEqualTo(json.readTree(TRUST));
    assertThat(got.description()).isEqualTo("S3 for a while");
    assertThat(got.maxSessionDuration()).isEqualTo(7200);
    assertThat(iam.listAttachedRolePolicies(r -> r.roleName("RoleS3FullAccess")).attachedPolicies())
        .extracting(AttachedPolicy::policyName)
        .containsExactly("AmazonS3FullAccess");
    assertError(() -> iam.deleteRole(r -> r.roleName("RoleS3FullAccess")), 409, "DeleteConflict");
    iam.putRolePolicy(
        r -> r.roleName("RoleS3FullAccess").policyName("extra").policyDocument(ALLOW_GET_USER));
    assertThat(iam.listRolePolicies(r -> r.roleName("RoleS3FullAccess")).policyNames())
        .containsExactly("extra");
    iam.createUser(r -> r.userName("Stuart"));
    iam.updateAssumeRolePolicy(
        r -> r.roleName("RoleS3FullAccess").policyDocument(TRUST.replace(":root", ":user/Stuart")));
    assertThat(
            decode(
                iam.getRole(r -> r.roleName("RoleS3FullAccess")).role().assumeRolePolicyDocument()))
        .contains("user/Stuart");
    assertError(
        () ->
            iam.createRole(
                r ->
                    r.roleName("bad-trust")
                        .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\"}")),
        400,
        "MalformedPolicyDocument");
    iam.deleteRolePolicy(r -> r.roleName("RoleS3FullAccess").policyName("extra"));
    iam.detachRolePolicy(
        r ->
            r.roleName("RoleS3FullAccess").policyArn("arn:aws:iam::aws:policy/AmazonS3FullAccess"));
    iam.deleteRole(r -> r.roleName("RoleS3FullAccess"));
    iam.deleteUser(r -> r.userName("Stuart"));
  }

  @Test
  void awsManagedPoliciesAreListed() {
    List<String> names = new ArrayList<>();
    iam.listPoliciesPaginator(r -> r.scope(PolicyScopeType.AWS).maxItems(1000))
        .policies()
        .forEach(p -> names.add(p.policyName()));
    assertThat(names).contains("AmazonS3FullAccess", "ReadOnlyAccess").hasSizeGreaterThan(1000);
    Policy s3 =
        iam.getPolicy(r -> r.policyArn("arn:aws:iam::aws:policy/AmazonS3FullAccess")).policy();
    assertThat(s3.arn()).isEqualTo("arn:aws:iam::aws:policy/AmazonS3FullAccess");
    assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL)).policies())
        .allSatisfy(p -> assertThat(p.arn()).contains(ACCOUNT));
  }

  @Test
  void customerManagedPolicyVersions() {
    Policy policy =
        iam.createPolicy(
                r -> r.policyName("sdk-versions").path("/app/").policyDocument(ALLOW_GET_USER))
            .policy();
    assertThat(policy.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":policy/app/sdk-versions");
    assertThat(policy.defaultVersionId()).isEqualTo("v1");
    assertThat(policy.policyId()).matches("ANPA[A-Z2-7]{17}");
    for (int i = 2; i <= 5; i++) {
      iam.createPolicyVersion(
          r -> r.policyArn(policy.arn()).policyDocument(ALLOW_ALL_IAM).setAsDefault(true));
    }
    assertThat(iam.listPolicyVersions(r -> r.policyArn(policy.arn())).versions()).hasSize(5);
    assertError(
        () -> iam.createPolicyVersion(r -> r.policyArn(policy.arn()).policyDocument(ALLOW_ALL_IAM)),
        409,
        "LimitExceeded");
    assertThat(iam.getPolicy(r -> r.policyArn(policy.arn())).policy().defaultVersionId())
        .isEqualTo("v5");
    var v1 = iam.getPolicyVersion(r -> r.policyArn(policy.arn()).versionId("v1")).policyVersion();
    assertThat(decode(v1.document())).isEqualTo(ALLOW_GET_USER);
    assertThat(v1.isDefaultVersion()).isFalse();
    iam.setDefaultPolicyVersion(r -> r.policyArn(policy.arn()).versionId("v1"));
    iam.deletePolicyVersion(r -> r.policyArn(policy.arn()).versionId("v5"));
    assertError(
        () -> iam.deletePolicyVersion(r -> r.policyArn(policy.arn()).versionId("v1")),
        409,
        "DeleteConflict");
    assertError(
        () -> iam.createPolicy(r -> r.policyName("sdk-bad").policyDocument("{not json")),
        400,
        "MalformedPolicyDocument");
    assertError(() -> iam.deletePolicy(r -> r.policyArn(policy.arn())), 409, "DeleteConflict");
    for (String v : List.of("v2", "v3", "v4")) {
      iam.deletePolicyVersion(r -> r.policyArn(policy.arn()).versionId(v));
    }
    iam.deletePolicy(r -> r.policyArn(policy.arn()));
    assertError(() -> iam.getPolicy(r -> r.policyArn(policy.arn())), 404, "NoSuchEntity");
  }

  @Test
  void accessKeysAndLimits() {
    iam.createUser(r -> r.userName("sdk-keys"));
    AccessKey first = iam.createAccessKey(r -> r.userName("sdk-keys")).accessKey();
    assertThat(first.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
    assertThat(first.secretAccessKey()).hasSize(40);
    iam.createAccessKey(r -> r.userName("sdk-keys"));
    assertError(() -> iam.createAccessKey(r -> r.userName("sdk-keys")), 409, "LimitExceeded");
    assertThat(iam.listAccessKeys(r -> r.userName("sdk-keys")).accessKeyMetadata()).hasSize(2);
    iam.updateAccessKey(
        r -> r.userName("sdk-keys").accessKeyId(first.accessKeyId()).status(StatusType.INACTIVE));
    assertThat(iam.listAccessKeys(r -> r.userName("sdk-keys")).accessKeyMetadata())
        .anySatisfy(k -> assertThat(k.status()).isEqualTo(StatusType.INACTIVE));
    var lastUsed = iam.getAccessKeyLastUsed(r -> r.accessKeyId(first.accessKeyId()));
    assertThat(lastUsed.userName()).isEqualTo("sdk-keys");
    iam.deleteAccessKey(r -> r.userName("sdk-keys").accessKeyId(first.accessKeyId()));
    assertThat(iam.listAccessKeys(r -> r.userName("sdk-keys")).accessKeyMetadata()).hasSize(1);
  }

  @Test
  void anAccessKeysLastUseIsRecordedWhenItSigns() {
    iam.createUser(r -> r.userName("sdk-used"));
    AccessKey key = iam.createAccessKey(r -> r.userName("sdk-used")).accessKey();
    var before = iam.getAccessKeyLastUsed(r -> r.accessKeyId(key.accessKeyId()));
    assertThat(before.accessKeyLastUsed().lastUsedDate()).isNull();
    assertThat(before.accessKeyLastUsed().serviceName()).isEqualTo("N/A");
    assertThat(before.accessKeyLastUsed().region()).isEqualTo("N/A");
    try (IamClient user = server.client(key.accessKeyId(), key.secretAccessKey())) {
      // Denied (no policy), but signed with the key: the key was used.
      assertError(() -> user.listUsers(), 403, "AccessDenied");
    }
    var after = iam.getAccessKeyLastUsed(r -> r.accessKeyId(key.accessKeyId()));
    assertThat(after.userName()).isEqualTo("sdk-used");
    assertThat(after.accessKeyLastUsed().lastUsedDate()).isNotNull();
    assertThat(after.accessKeyLastUsed().serviceName()).isEqualTo("iam");
    assertThat(after.accessKeyLastUsed().region()).isEqualTo("us-east-1");
  }

  @Test
  void tagsOnUsersAndRoles() {
    iam.createUser(r -> r.userName("sdk-tags"));
    iam.tagUser(
        r ->
            r.userName("sdk-tags")
                .tags(
                    Tag.builder().key("a").value("1").build(),
                    Tag.builder().key("b").value("2").build()));
    iam.untagUser(r -> r.userName("sdk-tags").tagKeys("a"));
    assertThat(iam.listUserTags(r -> r.userName("sdk-tags")).tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("b", "2"));
    iam.createRole(r -> r.roleName("sdk-tag-role").assumeRolePolicyDocument(TRUST));
    iam.tagRole(
        r -> r.roleName("sdk-tag-role").tags(Tag.builder().key("env").value("dev").build()));
    assertThat(iam.listRoleTags(r -> r.roleName("sdk-tag-role")).tags())
        .extracting(Tag::key)
        .containsExactly("env");
    assertThat(iam.getRole(r -> r.roleName("sdk-tag-role")).role().tags()).hasSize(1);
  }

  @Test
  void roleUpdatesAndBoundaries() {
    iam.createRole(r -> r.roleName("sdk-upd").assumeRolePolicyDocument(TRUST).path("/svc/"));
    iam.updateRole(r -> r.roleName("sdk-upd").description("d1").maxSessionDuration(3600 * 4));
    Role updated = iam.updateRoleDescription(r -> r.roleName("sdk-upd").description("d2")).role();
    assertThat(updated.description()).isEqualTo("d2");
    assertThat(updated.maxSessionDuration()).isEqualTo(14400);
    assertThat(iam.listRoles(r -> r.pathPrefix("/svc/")).roles())
        .extracting(Role::roleName)
        .containsExactly("sdk-upd");
    String boundary = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    iam.putRolePermissionsBoundary(r -> r.roleName("sdk-upd").permissionsBoundary(boundary));
    assertThat(
            iam.getRole(r -> r.roleName("sdk-upd"))
                .role()
                .permissionsBoundary()
                .permissionsBoundaryArn())
        .isEqualTo(boundary);
    iam.deleteRolePermissionsBoundary(r -> r.roleName("sdk-upd"));
    assertThat(iam.getRole(r -> r.roleName("sdk-upd")).role().permissionsBoundary()).isNull();
    assertThat(iam.listInstanceProfilesForRole(r -> r.roleName("sdk-upd")).instanceProfiles())
        .isEmpty();
    iam.createUser(r -> r.userName("sdk-bounded").permissionsBoundary(boundary));
    assertThat(
            iam.getUser(r -> r.userName("sdk-bounded"))
                .user()
                .permissionsBoundary()
                .permissionsBoundaryArn())
        .isEqualTo(boundary);
    iam.deleteUserPermissionsBoundary(r -> r.userName("sdk-bounded"));
    iam.putUserPermissionsBoundary(r -> r.userName("sdk-bounded").permissionsBoundary(boundary));
    iam.attachUserPolicy(r -> r.userName("sdk-bounded").policyArn(boundary));
    assertThat(iam.listEntitiesForPolicy(r -> r.policyArn(boundary)).policyUsers())
        .extracting(u -> u.userName())
        .contains("sdk-bounded");
    assertThat(iam.listAttachedUserPolicies(r -> r.userName("sdk-bounded")).attachedPolicies())
        .hasSize(1);
    iam.detachUserPolicy(r -> r.userName("sdk-bounded").policyArn(boundary));
    iam.putUserPolicy(
        r -> r.userName("sdk-bounded").policyName("p").policyDocument(ALLOW_GET_USER));
    assertThat(iam.listUserPolicies(r -> r.userName("sdk-bounded")).policyNames())
        .containsExactly("p");
    assertThat(
            decode(
                iam.getUserPolicy(r -> r.userName("sdk-bounded").policyName("p")).policyDocument()))
        .isEqualTo(ALLOW_GET_USER);
    iam.deleteUserPolicy(r -> r.userName("sdk-bounded").policyName("p"));
    iam.createGroup(r -> r.groupName("sdk-g2"));
    iam.attachGroupPolicy(r -> r.groupName("sdk-g2").policyArn(boundary));
    assertThat(iam.listAttachedGroupPolicies(r -> r.groupName("sdk-g2")).attachedPolicies())
        .hasSize(1);
    iam.detachGroupPolicy(r -> r.groupName("sdk-g2").policyArn(boundary));
    iam.updateGroup(r -> r.groupName("sdk-g2").newGroupName("sdk-g3"));
    var details =
        iam.getAccountAuthorizationDetails(r -> r.filterWithStrings("User", "Role", "Group"));
    assertThat(details.userDetailList()).extracting(u -> u.userName()).contains("sdk-bounded");
    assertThat(details.roleDetailList()).extracting(u -> u.roleName()).contains("sdk-upd");
    assertThat(details.groupDetailList()).extracting(g -> g.groupName()).contains("sdk-g3");
    assertError(
        () -> iam.getAccountAuthorizationDetails(r -> r.filterWithStrings("Nope")),
        400,
        "ValidationError");
    // Pages of MaxItems entries across the lists; the SDK's paginator gathers them all.
    var whole =
        iam.getAccountAuthorizationDetails(
            r -> r.filterWithStrings("User", "Role", "Group").maxItems(1000));
    assertThat(whole.isTruncated()).isFalse();
    var first =
        iam.getAccountAuthorizationDetails(
            r -> r.filterWithStrings("User", "Role", "Group").maxItems(2));
    assertThat(first.isTruncated()).isTrue();
    assertThat(
            first.userDetailList().size()
                + first.groupDetailList().size()
                + first.roleDetailList().size())
        .isEqualTo(2);
    List<String> paged = new ArrayList<>();
    iam.getAccountAuthorizationDetailsPaginator(
            r -> r.filterWithStrings("User", "Role", "Group").maxItems(2))
        .forEach(
            page -> {
              page.userDetailList().forEach(u -> paged.add("user " + u.userName()));
              page.groupDetailList().forEach(g -> paged.add("group " + g.groupName()));
              page.roleDetailList().forEach(r -> paged.add("role " + r.roleName()));
            });
    List<String> all = new ArrayList<>();
    whole.userDetailList().forEach(u -> all.add("user " + u.userName()));
    whole.groupDetailList().forEach(g -> all.add("group " + g.groupName()));
    whole.roleDetailList().forEach(r -> all.add("role " + r.roleName()));
    assertThat(paged).containsExactlyElementsOf(all);
  }

  @Test
  void accountAliasAndSummary() {
    iam.createAccountAlias(r -> r.accountAlias("gatehouse-sdk-test"));
    assertThat(iam.listAccountAliases().accountAliases()).containsExactly("gatehouse-sdk-test");
    iam.deleteAccountAlias(r -> r.accountAlias("gatehouse-sdk-test"));
    assertThat(iam.listAccountAliases().accountAliases()).isEmpty();
    assertThat(iam.getAccountSummary().summaryMapAsStrings()).containsKey("Users");
  }

  @Test
  void paginationWithMarkers() {
    for (int i = 0; i < 5; i++) {
      int n = i;
      iam.createUser(r -> r.userName("page-" + n).path("/paging/"));
    }
    var first = iam.listUsers(r -> r.pathPrefix("/paging/").maxItems(2));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.marker()).isNotBlank();
    assertThat(first.users()).hasSize(2);
    List<String> all = new ArrayList<>();
    iam.listUsersPaginator(r -> r.pathPrefix("/paging/").maxItems(2))
        .users()
        .forEach(u -> all.add(u.userName()));
    assertThat(all).containsExactly("page-0", "page-1", "page-2", "page-3", "page-4");
  }

  @Test
  void usersAreDeniedUntilAPolicyAllows() {
    iam.createUser(r -> r.userName("sdk-limited"));
    AccessKey key = iam.createAccessKey(r -> r.userName("sdk-limited")).accessKey();
    try (IamClient limited = server.client(key.accessKeyId(), key.secretAccessKey())) {
      AwsServiceException denied = error(() -> limited.createUser(r -> r.userName("sdk-x")));
      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(denied.statusCode()).isEqualTo(403);
      assertThat(denied.awsErrorDetails().errorMessage())
          .isEqualTo(
              "User: arn:aws:iam::"
                  + ACCOUNT
                  + ":user/sdk-limited is not authorized to perform: iam:CreateUser on resource:"
                  + " arn:aws:iam::"
                  + ACCOUNT
                  + ":user/sdk-x because no identity-based policy allows the iam:CreateUser"
                  + " action");
      // List actions are authorized against the path under the entity type, as on AWS.
      assertThat(error(() -> limited.listUsers()).awsErrorDetails().errorMessage())
          .contains("iam:ListUsers on resource: arn:aws:iam::" + ACCOUNT + ":user/ because no");
      assertThat(error(() -> limited.listRoles(r -> r.pathPrefix("/svc/"))).getMessage())
          .contains("iam:ListRoles on resource: arn:aws:iam::" + ACCOUNT + ":role/svc/ because");
      assertThat(error(() -> limited.listPolicies()).getMessage())
          .contains("iam:ListPolicies on resource: policy path / because");
      iam.attachUserPolicy(
          r -> r.userName("sdk-limited").policyArn("arn:aws:iam::aws:policy/IAMFullAccess"));
      assertThat(limited.listUsers().users()).isNotEmpty();
      assertThat(limited.createUser(r -> r.userName("sdk-x")).user().userName()).isEqualTo("sdk-x");
      iam.putUserPolicy(
          r ->
              r.userName("sdk-limited")
                  .policyName("no-delete")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
                          + "\"Action\":\"iam:DeleteUser\",\"Resource\":\"*\"}]}"));
      assertThat(error(() -> limited.deleteUser(r -> r.userName("sdk-x"))).getMessage())
          .contains("with an explicit deny in an identity-based policy");
    }
    assertThat(String.join("\n", auditLinesFor("sdk-limited")))
        .contains("\"errorCode\":\"AccessDenied\"");
  }

  List<String> auditLinesFor(String userName) {
    try {
      return server.auditLines().stream().filter(l -> l.contains(userName)).toList();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void deactivatedAndDeletedKeysStopWorkingAtOnce() {
    iam.createUser(r -> r.userName("sdk-revoked"));
    iam.putUserPolicy(
        r -> r.userName("sdk-revoked").policyName("get").policyDocument(ALLOW_GET_USER));
    AccessKey key = iam.createAccessKey(r -> r.userName("sdk-revoked")).accessKey();
    try (IamClient user = server.client(key.accessKeyId(), key.secretAccessKey())) {
      assertThat(user.getUser().user().userName()).isEqualTo("sdk-revoked");
      iam.updateAccessKey(
          r ->
              r.userName("sdk-revoked").accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
      assertError(() -> user.getUser(), 403, "InvalidClientTokenId");
      iam.updateAccessKey(
          r -> r.userName("sdk-revoked").accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
      assertThat(user.getUser().user().userName()).isEqualTo("sdk-revoked");
      iam.deleteAccessKey(r -> r.userName("sdk-revoked").accessKeyId(key.accessKeyId()));
      assertError(() -> user.getUser(), 403, "InvalidClientTokenId");
    }
  }

  @Test
  void unknownKeysAndWrongSecretsAreRejected() {
    try (IamClient unknown = server.client("AKIAUNKNOWNUNKNOWN12", "x".repeat(40))) {
      assertError(() -> unknown.listUsers(), 403, "InvalidClientTokenId");
    }
    try (IamClient wrong = server.client(server.rootKeyId, "y".repeat(40))) {
      assertError(() -> wrong.listUsers(), 403, "SignatureDoesNotMatch");
    }
  }

  @Test
  void secretsNeverReachTheAuditLog() throws Exception {
    iam.createUser(r -> r.userName("sdk-secret"));
    AccessKey key = iam.createAccessKey(r -> r.userName("sdk-secret")).accessKey();
    String audit = String.join("\n", server.auditLines());
    assertThat(audit).contains(key.accessKeyId()).doesNotContain(key.secretAccessKey());
    assertThat(audit).doesNotContain(server.rootSecret);
    assertThatThrownBy(() -> iam.getUser(r -> r.userName("no-such-user")))
        .hasMessageContaining("no-such-user");
  }
}

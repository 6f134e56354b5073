package dev.gatehouse.server.e2e;

import static dev.gatehouse.server.e2e.IamSdkTest.ACCOUNT;
import static dev.gatehouse.server.e2e.IamSdkTest.TRUST;
import static dev.gatehouse.server.e2e.IamSdkTest.decode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.Tag;

/** Instance profiles and managed-policy tags through the AWS SDK for Java v2 over a socket. */
class InstanceProfileSdkTest extends IamSdkServerTest {
  private static final String POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
          + "\"Resource\":\"*\"}]}";

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  @Test
  void instanceProfileLifecycle() {
    InstanceProfile created =
        iam.createInstanceProfile(
                r -> r.instanceProfileName("web").path("/apps/").tags(tag("team", "web")))
            .instanceProfile();
    assertThat(created.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":instance-profile/apps/web");
    assertThat(created.instanceProfileId()).startsWith("AIPA").hasSize(21);
    assertThat(created.path()).isEqualTo("/apps/");
    assertThat(created.roles()).isEmpty();
    assertThat(created.tags()).containsExactly(tag("team", "web"));
    assertError(
        () -> iam.createInstanceProfile(r -> r.instanceProfileName("WEB")),
        409,
        "EntityAlreadyExists");
    iam.createInstanceProfile(r -> r.instanceProfileName("batch"));

    iam.createRole(r -> r.roleName("web-role").assumeRolePolicyDocument(TRUST));
    iam.createRole(r -> r.roleName("other-role").assumeRolePolicyDocument(TRUST));
    iam.addRoleToInstanceProfile(r -> r.instanceProfileName("web").roleName("web-role"));
    assertError(
        () ->
            iam.addRoleToInstanceProfile(r -> r.instanceProfileName("web").roleName("other-role")),
        409,
        "LimitExceeded");
    assertError(
        () -> iam.addRoleToInstanceProfile(r -> r.instanceProfileName("none").roleName("web-role")),
        404,
        "NoSuchEntity");
    assertError(
        () -> iam.addRoleToInstanceProfile(r -> r.instanceProfileName("batch").roleName("none")),
        404,
        "NoSuchEntity");

    InstanceProfile got =
        iam.getInstanceProfile(r -> r.instanceProfileName("web")).instanceProfile();
    assertThat(got.instanceProfileId()).isEqualTo(created.instanceProfileId());
    assertThat(got.tags()).containsExactly(tag("team", "web"));
    assertThat(got.roles()).hasSize(1);
    assertThat(got.roles().get(0).roleName()).isEqualTo("web-role");
    assertThat(got.roles().get(0).arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/web-role");
    assertThat(decode(got.roles().get(0).assumeRolePolicyDocument())).isEqualTo(TRUST);
    // GetRole and ListRoles do not show instance profiles.
    assertThat(iam.getRole(r -> r.roleName("web-role")).role().roleName()).isEqualTo("web-role");

    assertThat(iam.listInstanceProfiles().instanceProfiles())
        .extracting(InstanceProfile::instanceProfileName)
        .containsExactly("batch", "web");
    assertThat(iam.listInstanceProfiles(r -> r.pathPrefix("/apps/")).instanceProfiles())
        .extracting(InstanceProfile::instanceProfileName)
        .containsExactly("web");
    ListInstanceProfilesResponse first = iam.listInstanceProfiles(r -> r.maxItems(1));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.instanceProfiles())
        .extracting(InstanceProfile::instanceProfileName)
        .containsExactly("batch");
    ListInstanceProfilesResponse second = iam.listInstanceProfiles(r -> r.marker(first.marker()));
    assertThat(second.isTruncated()).isFalse();
    assertThat(second.instanceProfiles())
        .extracting(InstanceProfile::instanceProfileName)
        .containsExactly("web");
    assertThat(iam.listInstanceProfilesForRole(r -> r.roleName("web-role")).instanceProfiles())
        .extracting(InstanceProfile::arn)
        .containsExactly(created.arn());
    assertThat(iam.listInstanceProfilesForRole(r -> r.roleName("other-role")).instanceProfiles())
        .isEmpty();

    RoleDetail detail =
        iam.getAccountAuthorizationDetails(r -> r.filter(EntityType.ROLE)).roleDetailList().stream()
            .filter(d -> d.roleName().equals("web-role"))
            .findFirst()
            .orElseThrow();
    assertThat(detail.instanceProfileList())
        .extracting(InstanceProfile::instanceProfileName)
        .containsExactly("web");
    assertThat(detail.instanceProfileList().get(0).roles().get(0).roleName()).isEqualTo("web-role");

    AwsServiceException conflict = error(() -> iam.deleteRole(r -> r.roleName("web-role")));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.awsErrorDetails().errorCode()).isEqualTo("DeleteConflict");
    assertThat(conflict.awsErrorDetails().errorMessage())
        .isEqualTo("Cannot delete entity, must remove roles from instance profile first.");
    assertError(
        () -> iam.deleteInstanceProfile(r -> r.instanceProfileName("web")), 409, "DeleteConflict");

    iam.tagInstanceProfile(
        r -> r.instanceProfileName("web").tags(tag("env", "prod"), tag("TEAM", "ops")));
    assertThat(iam.listInstanceProfileTags(r -> r.instanceProfileName("web")).tags())
        .containsExactly(tag("env", "prod"), tag("TEAM", "ops"));
    iam.untagInstanceProfile(r -> r.instanceProfileName("web").tagKeys("ENV"));
    assertThat(iam.listInstanceProfileTags(r -> r.instanceProfileName("web")).tags())
        .containsExactly(tag("TEAM", "ops"));
    assertError(
        () -> iam.tagInstanceProfile(r -> r.instanceProfileName("web").tags(tag("aws:x", "y"))),
        400,
        "InvalidInput");

    iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName("web").roleName("web-role"));
    assertError(
        () ->
            iam.removeRoleFromInstanceProfile(
                r -> r.instanceProfileName("web").roleName("web-role")),
        404,
        "NoSuchEntity");
    iam.deleteInstanceProfile(r -> r.instanceProfileName("web"));
    assertError(
        () -> iam.getInstanceProfile(r -> r.instanceProfileName("web")), 404, "NoSuchEntity");
    assertError(
        () -> iam.listInstanceProfileTags(r -> r.instanceProfileName("web")), 404, "NoSuchEntity");
    iam.deleteRole(r -> r.roleName("web-role"));
  }

  @Test
  void customerManagedPolicyTags() {
    Policy created =
        iam.createPolicy(
                r -> r.policyName("tagged").policyDocument(POLICY).tags(tag("owner", "ops")))
            .policy();
    assertThat(created.tags()).containsExactly(tag("owner", "ops"));
    String arn = created.arn();
    assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().tags())
        .containsExactly(tag("owner", "ops"));
    iam.tagPolicy(r -> r.policyArn(arn).tags(tag("cost", "42"), tag("OWNER", "sec")));
    assertThat(iam.listPolicyTags(r -> r.policyArn(arn)).tags())
        .containsExactly(tag("cost", "42"), tag("OWNER", "sec"));
    iam.untagPolicy(r -> r.policyArn(arn).tagKeys("cost"));
    assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().tags())
        .containsExactly(tag("OWNER", "sec"));

    String aws = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    assertThat(iam.getPolicy(r -> r.policyArn(aws)).policy().tags()).isEmpty();
    assertError(
        () -> iam.tagPolicy(r -> r.policyArn(aws).tags(tag("k", "v"))), 400, "InvalidInput");
    assertError(() -> iam.listPolicyTags(r -> r.policyArn(aws)), 400, "InvalidInput");
    String unknown = "arn:aws:iam::" + ACCOUNT + ":policy/nope";
    assertError(
        () -> iam.tagPolicy(r -> r.policyArn(unknown).tags(tag("k", "v"))), 404, "NoSuchEntity");
    assertError(() -> iam.untagPolicy(r -> r.policyArn(unknown).tagKeys("k")), 404, "NoSuchEntity");
    assertError(
        () -> iam.tagPolicy(r -> r.policyArn(arn).tags(tag("a", "1"), tag("A", "2"))),
        400,
        "InvalidInput");
    iam.deletePolicy(r -> r.policyArn(arn));
    assertError(() -> iam.listPolicyTags(r -> r.policyArn(arn)), 404, "NoSuchEntity");
  }

  @Test
  void creatingAndTaggingProfilesNeedsAPolicyThatAllowsIt() {
    iam.createUser(r -> r.userName("ip-user"));
    AccessKey key = iam.createAccessKey(r -> r.userName("ip-user")).accessKey();
    try (IamClient user = server.client(key.accessKeyId(), key.secretAccessKey())) {
      AwsServiceException denied =
          error(() -> user.createInstanceProfile(r -> r.instanceProfileName("app").path("/svc/")));
      assertThat(denied.statusCode()).isEqualTo(403);
      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(denied.awsErrorDetails().errorMessage())
          .isEqualTo(
              "User: arn:aws:iam::"
                  + ACCOUNT
                  + ":user/ip-user is not authorized to perform: iam:CreateInstanceProfile on"
                  + " resource: arn:aws:iam::"
                  + ACCOUNT
                  + ":instance-profile/svc/app because no identity-based policy allows the"
                  + " iam:CreateInstanceProfile action");

      iam.putUserPolicy(
          r ->
              r.userName("ip-user")
                  .policyName("profiles")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":["
                          + "{\"Effect\":\"Allow\",\"Action\":\"iam:CreateInstanceProfile\","
                          + "\"Resource\":\"arn:aws:iam::"
                          + ACCOUNT
                          + ":instance-profile/svc/*\"},"
                          + "{\"Effect\":\"Allow\",\"Action\":\"iam:TagInstanceProfile\","
                          + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
                          + "{\"aws:ResourceTag/team\":\"svc\"}}},"
                          + "{\"Effect\":\"Allow\",\"Action\":\"iam:DeleteInstanceProfile\","
                          + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
                          + "{\"aws:RequestTag/never\":\"x\"}}}]}"));
      assertThat(
              user.createInstanceProfile(r -> r.instanceProfileName("app").path("/svc/"))
                  .instanceProfile()
                  .arn())
          .isEqualTo("arn:aws:iam::" + ACCOUNT + ":instance-profile/svc/app");
      // The stored path names the resource of later actions, whatever path the policy expects.
      assertThat(
              error(() -> user.createInstanceProfile(r -> r.instanceProfileName("top")))
                  .awsErrorDetails()
                  .errorMessage())
          .contains("on resource: arn:aws:iam::" + ACCOUNT + ":instance-profile/top because");
      assertThat(
              error(() -> user.deleteInstanceProfile(r -> r.instanceProfileName("app")))
                  .getMessage())
          .contains(
              "iam:DeleteInstanceProfile on resource: arn:aws:iam::"
                  + ACCOUNT
                  + ":instance-profile/svc/app because");

      // aws:ResourceTag is the profile's own tag.
      assertError(
          () -> user.tagInstanceProfile(r -> r.instanceProfileName("app").tags(tag("k", "v"))),
          403,
          "AccessDenied");
      iam.tagInstanceProfile(r -> r.instanceProfileName("app").tags(tag("team", "svc")));
      user.tagInstanceProfile(r -> r.instanceProfileName("app").tags(tag("k", "v")));
      assertThat(iam.listInstanceProfileTags(r -> r.instanceProfileName("app")).tags())
          .extracting(Tag::key)
          .containsExactlyElementsOf(List.of("k", "team"));
    }
  }

  @Test
  void puttingARoleInAProfileAlsoNeedsPassRoleOnTheRole() {
    iam.createUser(r -> r.userName("ip-passer"));
    iam.createRole(
        r ->
            r.roleName("ec2-app")
                .path("/apps/")
                .assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
                        + "\"Action\":\"sts:AssumeRole\"}]}"));
    iam.createInstanceProfile(r -> r.instanceProfileName("pass-test"));
    iam.putUserPolicy(
        r ->
            r.userName("ip-passer")
                .policyName("add")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"iam:AddRoleToInstanceProfile\",\"Resource\":\"*\"}]}"));
    AccessKey key = iam.createAccessKey(r -> r.userName("ip-passer")).accessKey();
    try (IamClient user = server.client(key.accessKeyId(), key.secretAccessKey())) {
      AwsServiceException denied =
          error(
              () ->
                  user.addRoleToInstanceProfile(
                      r -> r.instanceProfileName("pass-test").roleName("ec2-app")));
      assertThat(denied.statusCode()).isEqualTo(403);
      assertThat(denied.awsErrorDetails().errorMessage())
          .isEqualTo(
              "User: arn:aws:iam::"
                  + ACCOUNT
                  + ":user/ip-passer is not authorized to perform: iam:PassRole on resource:"
                  + " arn:aws:iam::"
                  + ACCOUNT
                  + ":role/apps/ec2-app because no identity-based policy allows the"
                  + " iam:PassRole action");
      assertThat(
              iam.getInstanceProfile(r -> r.instanceProfileName("pass-test"))
                  .instanceProfile()
                  .roles())
          .isEmpty();
      iam.putUserPolicy(
          r ->
              r.userName("ip-passer")
                  .policyName("pass")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                          + "\"Action\":\"iam:PassRole\",\"Resource\":\"arn:aws:iam::"
                          + ACCOUNT
                          + ":role/apps/*\"}]}"));
      user.addRoleToInstanceProfile(r -> r.instanceProfileName("pass-test").roleName("ec2-app"));
      assertThat(
              iam.getInstanceProfile(r -> r.instanceProfileName("pass-test"))
                  .instanceProfile()
                  .roles())
          .extracting(software.amazon.awssdk.services.iam.model.Role::roleName)
          .containsExactly("ec2-app");
    }
  }

  @Test
  void aPolicysOwnTagsAreItsResourceTags() {
    String owned =
        iam.createPolicy(
                r -> r.policyName("owned").policyDocument(POLICY).tags(tag("owner", "ops")))
            .policy()
            .arn();
    String other =
        iam.createPolicy(r -> r.policyName("other").policyDocument(POLICY)).policy().arn();
    iam.createUser(r -> r.userName("policy-reader"));
    iam.putUserPolicy(
        r ->
            r.userName("policy-reader")
                .policyName("ops-policies")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":[\"iam:GetPolicy\",\"iam:ListPolicyTags\"],\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/owner\":\"ops\"}}}]}"));
    AccessKey key = iam.createAccessKey(r -> r.userName("policy-reader")).accessKey();
    try (IamClient user = server.client(key.accessKeyId(), key.secretAccessKey())) {
      assertThat(user.getPolicy(r -> r.policyArn(owned)).policy().policyName()).isEqualTo("owned");
      assertThat(user.listPolicyTags(r -> r.policyArn(owned)).tags())
          .containsExactly(tag("owner", "ops"));
      assertError(() -> user.getPolicy(r -> r.policyArn(other)), 403, "AccessDenied");
      iam.tagPolicy(r -> r.policyArn(other).tags(tag("owner", "ops")));
      assertThat(user.getPolicy(r -> r.policyArn(other)).policy().policyName()).isEqualTo("other");
    }
  }
}

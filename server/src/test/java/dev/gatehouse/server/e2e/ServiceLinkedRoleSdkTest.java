package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.DeletionTaskStatusType;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * CreateServiceLinkedRole, DeleteServiceLinkedRole and GetServiceLinkedRoleDeletionStatus through
 * the SDK v2: AWS's naming and trust, the role protected from the normal calls, deletion tasks.
 */
class ServiceLinkedRoleSdkTest extends IamSdkServerTest {
  static final String ALLOW =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
  static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";

  @Test
  void aServiceLinkedRoleIsNamedPathedAndTrustedAsAwsDoes() {
    Role role =
        iam.createServiceLinkedRole(
                r -> r.awsServiceName("autoscaling.amazonaws.com").description("for scaling"))
            .role();
    assertThat(role.roleName()).isEqualTo("AWSServiceRoleForAutoScaling");
    assertThat(role.path()).isEqualTo("/aws-service-role/autoscaling.amazonaws.com/");
    assertThat(role.arn())
        .isEqualTo(
            "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/"
                + "AWSServiceRoleForAutoScaling");
    assertThat(role.description()).isEqualTo("for scaling");
    assertThat(role.roleId()).matches("AROA[A-Z2-7]{17}");
    String trust = URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8);
    assertThat(trust).contains("\"Service\"").contains("autoscaling.amazonaws.com");
    assertThat(trust).contains("sts:AssumeRole");
    // Custom suffixes where the service takes them; a second role of one name is refused.
    assertThat(
            iam.createServiceLinkedRole(
                    r -> r.awsServiceName("autoscaling.amazonaws.com").customSuffix("debug"))
                .role()
                .roleName())
        .isEqualTo("AWSServiceRoleForAutoScaling_debug");
    assertError(
        () -> iam.createServiceLinkedRole(r -> r.awsServiceName("autoscaling.amazonaws.com")),
        400,
        "InvalidInput");
    assertError(
        () ->
            iam.createServiceLinkedRole(
                r -> r.awsServiceName("ecs.amazonaws.com").customSuffix("x")),
        400,
        "InvalidInput");
    assertError(
        () -> iam.createServiceLinkedRole(r -> r.awsServiceName("not-a-service")),
        400,
        "InvalidInput");
    assertThat(
            iam.createServiceLinkedRole(r -> r.awsServiceName("ecs.amazonaws.com"))
                .role()
                .roleName())
        .isEqualTo("AWSServiceRoleForECS");
    // Listed and read like any role.
    assertThat(iam.listRoles(r -> r.pathPrefix("/aws-service-role/")).roles())
        .extracting(Role::roleName)
        .contains("AWSServiceRoleForAutoScaling", "AWSServiceRoleForECS");
  }

  @Test
  void theNormalCallsMayNotChangeAServiceLinkedRole() {
    String name =
        iam.createServiceLinkedRole(r -> r.awsServiceName("elasticloadbalancing.amazonaws.com"))
            .role()
            .roleName();
    assertThat(name).isEqualTo("AWSServiceRoleForElasticLoadBalancing");
    assertError(() -> iam.deleteRole(r -> r.roleName(name)), 400, "UnmodifiableEntity");
    assertError(
        () -> iam.updateAssumeRolePolicy(r -> r.roleName(name).policyDocument(TRUST)),
        400,
        "UnmodifiableEntity");
    assertError(
        () -> iam.putRolePolicy(r -> r.roleName(name).policyName("p").policyDocument(ALLOW)),
        400,
        "UnmodifiableEntity");
    assertError(
        () ->
            iam.attachRolePolicy(
                r -> r.roleName(name).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")),
        400,
        "UnmodifiableEntity");
    assertError(
        () ->
            iam.putRolePermissionsBoundary(
                r ->
                    r.roleName(name).permissionsBoundary("arn:aws:iam::aws:policy/ReadOnlyAccess")),
        400,
        "UnmodifiableEntity");
    assertError(
        () -> iam.updateRole(r -> r.roleName(name).maxSessionDuration(7200)),
        400,
        "UnmodifiableEntity");
    // The description may change, as AWS allows.
    iam.updateRoleDescription(r -> r.roleName(name).description("edited"));
    assertThat(iam.getRole(r -> r.roleName(name)).role().description()).isEqualTo("edited");
    // Nothing changed by the refusals.
    assertThat(iam.listRolePolicies(r -> r.roleName(name)).policyNames()).isEmpty();
    assertThat(iam.listAttachedRolePolicies(r -> r.roleName(name)).attachedPolicies()).isEmpty();
    // The path is reserved for service-linked roles.
    assertError(
        () ->
            iam.createRole(
                r ->
                    r.roleName("fake")
                        .path("/aws-service-role/x.amazonaws.com/")
                        .assumeRolePolicyDocument(TRUST)),
        400,
        "InvalidInput");
  }

  @Test
  void deletionIsATaskWithAStatus() {
    String name =
        iam.createServiceLinkedRole(r -> r.awsServiceName("rds.amazonaws.com")).role().roleName();
    String task = iam.deleteServiceLinkedRole(r -> r.roleName(name)).deletionTaskId();
    assertThat(task)
        .matches("task/aws-service-role/rds\\.amazonaws\\.com/AWSServiceRoleForRDS/[0-9a-f-]{36}");
    var status = iam.getServiceLinkedRoleDeletionStatus(r -> r.deletionTaskId(task));
    assertThat(status.status()).isEqualTo(DeletionTaskStatusType.SUCCEEDED);
    assertThat(status.reason()).isNull();
    assertError(() -> iam.getRole(r -> r.roleName(name)), 404, "NoSuchEntity");
    // Another task id: the last hex digit changed (never to itself).
    String otherTask = task.substring(0, task.length() - 1) + (task.endsWith("0") ? "1" : "0");
    assertError(
        () -> iam.getServiceLinkedRoleDeletionStatus(r -> r.deletionTaskId(otherTask)),
        404,
        "NoSuchEntity");
    assertError(() -> iam.deleteServiceLinkedRole(r -> r.roleName(name)), 404, "NoSuchEntity");
    // An ordinary role is not deleted this way.
    iam.createRole(r -> r.roleName("ordinary").assumeRolePolicyDocument(TRUST));
    assertError(
        () -> iam.deleteServiceLinkedRole(r -> r.roleName("ordinary")), 400, "InvalidInput");
    assertThat(iam.getRole(r -> r.roleName("ordinary")).role()).isNotNull();
  }
}

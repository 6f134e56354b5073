package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.mfa.TotpState;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Service-linked roles: naming, protection, deletion tasks; and MFA device tags. */
class ServiceLinkedRolesTest {
  private final IamTestKit kit = new IamTestKit();
  private final IamServices iam = kit.iam;
  private final ServiceLinkedRoles slr = iam.serviceLinkedRoles();

  private static void refused(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            GatehouseException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void namesFollowTheServiceAndSuffixRules() {
    assertThat(ServiceLinkedRoles.roleName("autoscaling.amazonaws.com", ""))
        .isEqualTo("AWSServiceRoleForAutoScaling");
    assertThat(ServiceLinkedRoles.roleName("autoscaling.amazonaws.com", "x_1"))
        .isEqualTo("AWSServiceRoleForAutoScaling_x_1");
    assertThat(ServiceLinkedRoles.roleName("some-new-thing.amazonaws.com", ""))
        .isEqualTo("AWSServiceRoleForSomeNewThing");
    assertThat(ServiceLinkedRoles.path("ecs.amazonaws.com"))
        .isEqualTo("/aws-service-role/ecs.amazonaws.com/");
    refused(ErrorCode.INVALID_INPUT, () -> ServiceLinkedRoles.roleName("ecs.amazonaws.com", "a"));
    refused(ErrorCode.INVALID_INPUT, () -> ServiceLinkedRoles.roleName("example.com", ""));
    refused(
        ErrorCode.VALIDATION_ERROR,
        () -> ServiceLinkedRoles.roleName("autoscaling.amazonaws.com", "bad suffix"));
    refused(
        ErrorCode.INVALID_INPUT,
        () -> ServiceLinkedRoles.roleName("autoscaling.amazonaws.com", "y".repeat(40)));
    assertThat(
            ServiceLinkedRoles.roleArnOfTask(ACCOUNT, "task/aws-service-role/a.amazonaws.com/N/u"))
        .contains("arn:aws:iam::123456789012:role/aws-service-role/a.amazonaws.com/N");
    assertThat(ServiceLinkedRoles.roleArnOfTask(ACCOUNT, "other")).isEmpty();
    assertThat(ServiceLinkedRoles.roleArnOfTask(ACCOUNT, "task/aws-service-role/")).isEmpty();
  }

  @Test
  void theRoleIsProtectedAndItsDeletionIsATask() {
    Role r = slr.create(ACCOUNT, "rds.amazonaws.com", "db", "");
    assertThat(ServiceLinkedRoles.isServiceLinked(r)).isTrue();
    assertThat(r.assumeRolePolicyDocument()).contains("rds.amazonaws.com");
    refused(ErrorCode.INVALID_INPUT, () -> slr.create(ACCOUNT, "rds.amazonaws.com", "", ""));
    String name = r.name();
    refused(ErrorCode.UNMODIFIABLE_ENTITY, () -> iam.roles().deleteRole(ACCOUNT, name));
    refused(
        ErrorCode.UNMODIFIABLE_ENTITY,
        () -> iam.roles().updateAssumeRolePolicy(ACCOUNT, name, IamTestKit.TRUST));
    refused(
        ErrorCode.UNMODIFIABLE_ENTITY,
        () -> iam.roles().putRolePermissionsBoundary(ACCOUNT, name, IamTestKit.READ_ONLY_ACCESS));
    refused(
        ErrorCode.UNMODIFIABLE_ENTITY,
        () -> iam.roles().deleteRolePermissionsBoundary(ACCOUNT, name));
    refused(
        ErrorCode.UNMODIFIABLE_ENTITY,
        () -> iam.roles().updateRole(ACCOUNT, name, false, "", 7200));
    refused(
        ErrorCode.UNMODIFIABLE_ENTITY,
        () -> iam.inlinePolicies().put(ACCOUNT, EntityKind.ROLE, name, "p", IamTestKit.IDENTITY));
    refused(
        ErrorCode.UNMODIFIABLE_ENTITY,
        () -> iam.inlinePolicies().delete(ACCOUNT, EntityKind.ROLE, name, "p"));
    refused(
        ErrorCode.UNMODIFIABLE_ENTITY,
        () ->
            iam.attachments().attach(ACCOUNT, EntityKind.ROLE, name, IamTestKit.READ_ONLY_ACCESS));
    refused(
        ErrorCode.UNMODIFIABLE_ENTITY,
        () ->
            iam.attachments().detach(ACCOUNT, EntityKind.ROLE, name, IamTestKit.READ_ONLY_ACCESS));
    refused(
        ErrorCode.INVALID_INPUT,
        () ->
            iam.roles()
                .createRole(
                    ACCOUNT,
                    new Roles.CreateRoleRequest(
                        "x", "/aws-service-role/", IamTestKit.TRUST, "", 0, "", List.of())));
    assertThat(iam.roles().updateRoleDescription(ACCOUNT, name, "new").description())
        .isEqualTo("new");

    String task = slr.delete(ACCOUNT, name);
    assertThat(slr.deletionStatus(ACCOUNT, task).status()).isEqualTo("SUCCEEDED");
    assertThat(slr.deletionStatus(ACCOUNT, task).reason()).isEmpty();
    refused(ErrorCode.NO_SUCH_ENTITY, () -> slr.deletionStatus(ACCOUNT, task + "x"));
    refused(ErrorCode.NO_SUCH_ENTITY, () -> slr.delete(ACCOUNT, name));
    iam.roles().createRole(ACCOUNT, Roles.CreateRoleRequest.of("plain", IamTestKit.TRUST));
    refused(ErrorCode.INVALID_INPUT, () -> slr.delete(ACCOUNT, "plain"));
  }

  @Test
  void mfaDeviceTagsLiveAndDieWithTheDevice() {
    String serial = "arn:aws:iam::123456789012:mfa/tagged";
    MfaDeviceTags tags = iam.mfaDeviceTags();
    refused(ErrorCode.NO_SUCH_ENTITY, () -> tags.list(ACCOUNT, serial, PageRequest.parse("", "")));
    refused(ErrorCode.VALIDATION_ERROR, () -> tags.tag(ACCOUNT, "short", List.of()));
    kit.store.write(
        tx -> {
          dev.gatehouse.core.iam.IamRules.createMfaDevice(
              tx,
              new VirtualMfaDevice(
                  ACCOUNT,
                  serial,
                  "sealed",
                  IamTestKit.NOW,
                  java.util.Optional.empty(),
                  TotpState.initial()));
          MfaDeviceTags.putOnCreate(tx, serial, List.of(new Tag("a", "1")));
          return null;
        });
    tags.tag(ACCOUNT, serial, List.of(new Tag("b", "2")));
    assertThat(tags.list(ACCOUNT, serial, PageRequest.parse("", "")).items())
        .extracting(Tag::key)
        .containsExactly("a", "b");
    tags.untag(ACCOUNT, serial, List.of("a"));
    assertThat(
            tags.list(
                    ACCOUNT,
                    "ARN:aws:iam::123456789012:mfa/tagged".replace("ARN", "arn"),
                    PageRequest.parse("", ""))
                .items())
        .extracting(Tag::key)
        .containsExactly("b");
    refused(
        ErrorCode.NO_SUCH_ENTITY,
        () -> tags.list("210987654321", serial, PageRequest.parse("", "")));
    assertThat(MfaDeviceTags.entityId(serial)).hasSize(32).startsWith("MFAT");
    assertThat(MfaDeviceTags.entityId(serial.toUpperCase(java.util.Locale.ROOT)))
        .isEqualTo(MfaDeviceTags.entityId(serial));
    kit.store.write(
        tx -> {
          MfaDeviceTags.removeAll(tx, serial);
          assertThat(MfaDeviceTags.of(tx, serial)).isEmpty();
          MfaDeviceTags.removeAll(tx, serial);
          return null;
        });
    refused(ErrorCode.VALIDATION_ERROR, () -> MfaDeviceTags.validate(List.of(new Tag("", "x"))));
  }
}

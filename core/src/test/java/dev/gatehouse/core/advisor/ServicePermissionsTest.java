package dev.gatehouse.core.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The services a policy set allows, as access advisor lists them. */
class ServicePermissionsTest {
  private final ServicePermissions permissions = ServicePermissions.bundled();

  static String allow(String actions) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
        + actions
        + ",\"Resource\":\"*\"}]}";
  }

  @Test
  void allowStatementsNameServicesAndTheirMatchingActions() {
    var allowed =
        permissions.allowed(
            List.of(allow("[\"iam:Get*\",\"s3:ListAllMyBuckets\"]"), allow("\"sts:assumerole\"")));
    assertThat(allowed).containsOnlyKeys("iam", "s3", "sts");
    assertThat(allowed.get("iam")).contains("GetUser", "GetRole").doesNotContain("CreateUser");
    assertThat(allowed.get("s3")).containsExactly("ListAllMyBuckets");
    assertThat(allowed.get("sts")).containsExactly("AssumeRole");
  }

  @Test
  void denyStatementsAndUnknownActionsListNothing() {
    String deny =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\","
            + "\"Resource\":\"*\"}]}";
    assertThat(permissions.allowed(List.of(deny))).isEmpty();
    assertThat(permissions.allowed(List.of(allow("\"nosuchservice:Get*\"")))).isEmpty();
    assertThat(permissions.allowed(List.of(allow("\"s3:NoSuchAction\"")))).isEmpty();
  }

  @Test
  void aWildcardAllowsEveryServiceAndNotActionEveryOtherOne() {
    assertThat(permissions.allowed(List.of(allow("\"*\"")))).containsKeys("iam", "s3", "ec2");
    String notIam =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"NotAction\":\"iam:*\",\"Resource\":\"*\"}]}";
    var allowed = permissions.allowed(List.of(notIam));
    assertThat(allowed).containsKeys("s3", "ec2").doesNotContainKey("iam");
    String notGetUser =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"NotAction\":\"iam:GetUser\",\"Resource\":\"*\"}]}";
    assertThat(permissions.allowed(List.of(notGetUser)).get("iam"))
        .contains("GetRole")
        .doesNotContain("GetUser");
  }

  @Test
  void grantsAndServiceNames() {
    assertThat(permissions.grants(allow("\"s3:GetObject\""), "s3")).isTrue();
    assertThat(permissions.grants(allow("\"s3:GetObject\""), "iam")).isFalse();
    assertThat(permissions.serviceName("s3")).isEqualTo("Amazon S3");
    assertThat(permissions.serviceName("nosuchservice")).isEqualTo("nosuchservice");
  }
}

package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Instance profiles with the Debian AWS CLI. Skipped (visibly) only when /usr/bin/aws is absent; CI
 * installs it.
 */
class InstanceProfileCliTest extends AwsCliServerTest {
  @Test
  void createsAProfileAndPutsARoleInIt() throws Exception {
    JsonNode created =
        ok(
            "iam",
            "create-instance-profile",
            "--instance-profile-name",
            "cli-web",
            "--path",
            "/apps/",
            "--tags",
            "Key=team,Value=web");
    assertThat(created.at("/InstanceProfile/Arn").asText())
        .isEqualTo("arn:aws:iam::" + IamSdkTest.ACCOUNT + ":instance-profile/apps/cli-web");
    assertThat(created.at("/InstanceProfile/InstanceProfileId").asText()).startsWith("AIPA");
    ok(
        "iam",
        "create-role",
        "--role-name",
        "cli-web-role",
        "--assume-role-policy-document",
        IamSdkTest.TRUST);
    ok(
        "iam",
        "add-role-to-instance-profile",
        "--instance-profile-name",
        "cli-web",
        "--role-name",
        "cli-web-role");
    JsonNode got = ok("iam", "get-instance-profile", "--instance-profile-name", "cli-web");
    assertThat(got.at("/InstanceProfile/Roles/0/RoleName").asText()).isEqualTo("cli-web-role");
    assertThat(got.at("/InstanceProfile/Tags/0/Key").asText()).isEqualTo("team");

    AwsCli.Result conflict = aws("iam", "delete-role", "--role-name", "cli-web-role");
    assertThat(conflict.exit()).isNotZero();
    assertThat(conflict.err())
        .contains("(DeleteConflict)")
        .contains("Cannot delete entity, must remove roles from instance profile first.");
    AwsCli.Result second =
        aws(
            "iam",
            "add-role-to-instance-profile",
            "--instance-profile-name",
            "cli-web",
            "--role-name",
            "cli-web-role");
    assertThat(second.err())
        .contains("(LimitExceeded)")
        .contains("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");

    JsonNode forRole = ok("iam", "list-instance-profiles-for-role", "--role-name", "cli-web-role");
    assertThat(forRole.at("/InstanceProfiles/0/InstanceProfileName").asText()).isEqualTo("cli-web");
    ok(
        "iam",
        "remove-role-from-instance-profile",
        "--instance-profile-name",
        "cli-web",
        "--role-name",
        "cli-web-role");
    ok("iam", "delete-instance-profile", "--instance-profile-name", "cli-web");
    assertThat(ok("iam", "list-instance-profiles").at("/InstanceProfiles").size()).isZero();
  }
}

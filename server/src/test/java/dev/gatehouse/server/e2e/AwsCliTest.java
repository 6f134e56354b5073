package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's flows with the Debian AWS CLI. Skipped (visibly) only when /usr/bin/aws is absent;
 * CI installs it.
 */
class AwsCliTest extends AwsCliServerTest {

  @Test
  void readmeFlow() throws Exception {
    JsonNode user = ok("iam", "create-user", "--user-name", "Stuart");
    assertThat(user.at("/User/Arn").asText()).isEqualTo("arn:aws:iam::123456789012:user/Stuart");

    Path trust =
        Files.writeString(
            work.resolve("trust.json"),
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}");
    JsonNode role =
        ok(
            "iam",
            "create-role",
            "--role-name",
            "RoleS3FullAccess",
            "--assume-role-policy-document",
            "file://" + trust,
            "--description",
            "Full S3 access for a while");
    assertThat(role.at("/Role/Arn").asText())
        .isEqualTo("arn:aws:iam::123456789012:role/RoleS3FullAccess");
    // The CLI decodes the URL-encoded document back into JSON.
    assertThat(role.at("/Role/AssumeRolePolicyDocument/Statement/0/Action").asText())
        .isEqualTo("sts:AssumeRole");

    Path policyFile =
        Files.writeString(
            work.resolve("assume.json"),
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::123456789012:role/RoleS3FullAccess\"}]}");
    JsonNode policy =
        ok(
            "iam",
            "create-policy",
            "--policy-name",
            "AssumeRoleS3",
            "--policy-document",
            "file://" + policyFile);
    assertThat(policy.at("/Policy/Arn").asText())
        .isEqualTo("arn:aws:iam::123456789012:policy/AssumeRoleS3");

    ok(
        "iam",
        "attach-role-policy",
        "--role-name",
        "RoleS3FullAccess",
        "--policy-arn",
        "arn:aws:iam::aws:policy/AmazonS3FullAccess");
    JsonNode got = ok("iam", "get-role", "--role-name", "RoleS3FullAccess");
    assertThat(got.at("/Role/Description").asText()).isEqualTo("Full S3 access for a while");
    assertThat(got.at("/Role/AssumeRolePolicyDocument/Statement/0/Principal/AWS").asText())
        .isEqualTo("arn:aws:iam::123456789012:root");
    JsonNode attached = ok("iam", "list-attached-role-policies", "--role-name", "RoleS3FullAccess");
    assertThat(attached.at("/AttachedPolicies/0/PolicyName").asText())
        .isEqualTo("AmazonS3FullAccess");

    JsonNode aws =
        ok(
            "iam",
            "list-policies",
            "--scope",
            "AWS",
            "--query",
            "Policies[?PolicyName=='AmazonS3FullAccess'].Arn");
    assertThat(aws.get(0).asText()).isEqualTo("arn:aws:iam::aws:policy/AmazonS3FullAccess");
  }

  /**
   * UpdateRole's output has no members but a result wrapper: botocore requires the empty {@code
   * <UpdateRoleResult/>} and the CLI exits 255 without it, although the update is applied.
   */
  @Test
  void updateRoleExitsZero() throws Exception {
    ok(
        "iam",
        "create-role",
        "--role-name",
        "Updated",
        "--assume-role-policy-document",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}");
    JsonNode updated =
        ok(
            "iam",
            "update-role",
            "--role-name",
            "Updated",
            "--description",
            "now described",
            "--max-session-duration",
            "7200");
    assertThat(updated.isNull() || updated.isEmpty()).as(updated.toString()).isTrue();
    JsonNode got = ok("iam", "get-role", "--role-name", "Updated");
    assertThat(got.at("/Role/Description").asText()).isEqualTo("now described");
    assertThat(got.at("/Role/MaxSessionDuration").asInt()).isEqualTo(7200);
  }

  @Test
  void errorsReachTheCliWithAwsCodes() throws Exception {
    AwsCli.Result r = aws("iam", "get-user", "--user-name", "nobody-here");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("(NoSuchEntity)").contains("nobody-here");
  }
}

package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The founding scenario with the Debian AWS CLI: the administrator sets up the role, Stuart runs
 * {@code aws sts assume-role}, then calls with the returned credentials; also a profile with {@code
 * role_arn} and {@code source_profile}. Skipped (visibly) only when /usr/bin/aws is absent.
 */
class StsCliTest extends AwsCliServerTest {
  static final String ACCOUNT = "123456789012";

  static Map<String, String> keys(String id, String secret) {
    return AwsCli.keys(id, secret);
  }

  @Test
  void stuartAssumesTheRoleWithTheCli() throws Exception {
    Map<String, String> admin = keys(server.rootKeyId, server.rootSecret);
    Path trust =
        Files.writeString(
            work.resolve("trust.json"),
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::"
                + ACCOUNT
                + ":root\"},\"Action\":\"sts:AssumeRole\"}]}");
    ok(
        admin,
        "iam",
        "create-role",
        "--role-name",
        "RoleS3FullAccess",
        "--assume-role-policy-document",
        "file://" + trust);
    ok(
        admin,
        "iam",
        "attach-role-policy",
        "--role-name",
        "RoleS3FullAccess",
        "--policy-arn",
        "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
    ok(admin, "iam", "create-user", "--user-name", "Stuart");
    JsonNode key = ok(admin, "iam", "create-access-key", "--user-name", "Stuart");
    Map<String, String> stuart =
        keys(
            key.at("/AccessKey/AccessKeyId").asText(),
            key.at("/AccessKey/SecretAccessKey").asText());
    String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/RoleS3FullAccess";

    // Without the inline policy, the trust naming the account root refuses Stuart.
    AwsCli.Result denied =
        aws(stuart, "sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "cli");
    assertThat(denied.exit()).isNotZero();
    assertThat(denied.err())
        .contains("AccessDenied")
        .contains(
            "User: arn:aws:iam::"
                + ACCOUNT
                + ":user/Stuart is not authorized to perform: sts:AssumeRole on resource: "
                + roleArn);

    Path inline =
        Files.writeString(
            work.resolve("assume.json"),
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"sts:AssumeRole\",\"Resource\":\""
                + roleArn
                + "\"}]}");
    ok(
        admin,
        "iam",
        "put-user-policy",
        "--user-name",
        "Stuart",
        "--policy-name",
        "AssumeRoleS3",
        "--policy-document",
        "file://" + inline);
    JsonNode assumed =
        ok(stuart, "sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "cli");
    assertThat(assumed.at("/AssumedRoleUser/Arn").asText())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/RoleS3FullAccess/cli");
    assertThat(assumed.at("/Credentials/AccessKeyId").asText()).startsWith("ASIA");
    Map<String, String> session =
        Map.of(
            "AWS_ACCESS_KEY_ID", assumed.at("/Credentials/AccessKeyId").asText(),
            "AWS_SECRET_ACCESS_KEY", assumed.at("/Credentials/SecretAccessKey").asText(),
            "AWS_SESSION_TOKEN", assumed.at("/Credentials/SessionToken").asText());
    assertThat(ok(session, "sts", "get-caller-identity").at("/Arn").asText())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/RoleS3FullAccess/cli");
    assertThat(ok(session, "iam", "list-users").at("/Users/0/UserName").asText())
        .isEqualTo("Stuart");
    // Stuart himself may not list users: the permission is the role's.
    assertThat(aws(stuart, "iam", "list-users").err()).contains("AccessDenied");
  }
}

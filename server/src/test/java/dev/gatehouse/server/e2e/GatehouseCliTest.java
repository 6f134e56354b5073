package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Temporary access with approval from the Debian AWS CLI: the shipped service model ({@code
 * cli/src/dist/aws-cli/gatehouse.json}, in the release archive as {@code aws-cli/gatehouse.json})
 * added with {@code aws configure add-model} under a temporary HOME, then the README's workflow:
 * request policy, request, refused self-approval, approval, list and get, {@code aws sts
 * assume-role}, revoke. Skipped (visibly) only when /usr/bin/aws is absent.
 */
class GatehouseCliTest extends AwsCliServerTest {
  static final String ACCOUNT = "123456789012";
  static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/RoleDeploy";
  static final Path MODEL = Path.of("..", "cli", "src", "dist", "aws-cli", "gatehouse.json");

  static Path home;
  static Map<String, String> admin;
  static Map<String, String> stuart;
  static Map<String, String> maria;

  /** Credentials with HOME pointing at the temporary home that holds the added model. */
  static Map<String, String> as(String id, String secret) {
    Map<String, String> env = new HashMap<>(AwsCli.keys(id, secret));
    env.put("HOME", home.toString());
    return env;
  }

  static Map<String, String> user(String name) throws Exception {
    ok(admin, "iam", "create-user", "--user-name", name);
    JsonNode key = ok(admin, "iam", "create-access-key", "--user-name", name);
    return as(
        key.at("/AccessKey/AccessKeyId").asText(), key.at("/AccessKey/SecretAccessKey").asText());
  }

  static void allow(String user, String actions) throws Exception {
    Path doc =
        Files.writeString(
            work.resolve(user + ".json"),
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
                + actions
                + "],\"Resource\":\"*\"}]}");
    ok(
        admin,
        "iam",
        "put-user-policy",
        "--user-name",
        user,
        "--policy-name",
        "Access",
        "--policy-document",
        "file://" + doc);
  }

  @BeforeAll
  static void addModelAndUsers() throws Exception {
    home = Files.createDirectories(work.resolve("home"));
    admin = as(server.rootKeyId, server.rootSecret);
    ok(
        admin,
        "configure",
        "add-model",
        "--service-model",
        "file://" + MODEL.toAbsolutePath().normalize(),
        "--service-name",
        "gatehouse");
    assertThat(home.resolve(".aws/models/gatehouse/2026-11-01/service-2.json")).exists();
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
        "RoleDeploy",
        "--assume-role-policy-document",
        "file://" + trust);
    stuart = user("Stuart");
    maria = user("Maria");
    allow(
        "Stuart",
        "\"sts:AssumeRole\",\"gatehouse:RequestAccess\",\"gatehouse:GetAccessRequest\","
            + "\"gatehouse:ApproveAccessRequest\"");
    allow("Maria", "\"gatehouse:*\"");
  }

  @Test
  void stuartRequestsMariaApprovesHeAssumesTheRoleUntilSheRevokes() throws Exception {
    JsonNode policy =
        ok(
            admin,
            "gatehouse",
            "put-role-request-policy",
            "--role-name",
            "RoleDeploy",
            "--approvers",
            "arn:aws:iam::" + ACCOUNT + ":user/Maria",
            "--quorum",
            "1",
            "--max-duration-seconds",
            "7200",
            "--reason-required");
    assertThat(policy.at("/RequestPolicy/RoleArn").asText()).isEqualTo(ROLE);
    assertThat(policy.at("/RequestPolicy/Approvers/0").asText()).endsWith(":user/Maria");
    assertThat(
            ok(admin, "gatehouse", "get-role-request-policy", "--role-name", "RoleDeploy")
                .at("/RequestPolicy/MaxDurationSeconds")
                .asLong())
        .isEqualTo(7200);

    // The role now needs a live grant.
    AwsCli.Result before =
        aws(stuart, "sts", "assume-role", "--role-arn", ROLE, "--role-session-name", "deploy");
    assertThat(before.exit()).isNotZero();
    assertThat(before.err()).contains("(AccessDenied)");

    JsonNode created =
        ok(
            stuart,
            "gatehouse",
            "create-access-request",
            "--role-arn",
            ROLE,
            "--duration-seconds",
            "3600",
            "--reason",
            "OPS-7 deploy the hotfix");
    String id = created.at("/AccessRequest/AccessRequestId").asText();
    assertThat(id).startsWith("ar-");
    assertThat(created.at("/AccessRequest/Status").asText()).isEqualTo("PENDING");
    assertThat(created.at("/AccessRequest/Requester").asText()).endsWith(":user/Stuart");

    // Stuart may call ApproveAccessRequest, but not on his own request: the API's error code.
    AwsCli.Result self =
        aws(stuart, "gatehouse", "approve-access-request", "--access-request-id", id);
    assertThat(self.exit()).isNotZero();
    assertThat(self.err())
        .contains("An error occurred (AccessDenied) when calling the ApproveAccessRequest")
        .contains("cannot approve their own");

    JsonNode approved =
        ok(
            maria,
            "gatehouse",
            "approve-access-request",
            "--access-request-id",
            id,
            "--comment",
            "ok for the hotfix");
    String grant = approved.at("/AccessRequest/Grant/GrantId").asText();
    assertThat(grant).startsWith("ag-");
    assertThat(approved.at("/AccessRequest/Status").asText()).isEqualTo("ACTIVE");

    JsonNode listed = ok(maria, "gatehouse", "list-access-requests", "--role-arn", ROLE);
    assertThat(listed.at("/AccessRequests/0/AccessRequestId").asText()).isEqualTo(id);
    assertThat(listed.at("/IsTruncated").asBoolean()).isFalse();
    JsonNode got = ok(stuart, "gatehouse", "get-access-request", "--access-request-id", id);
    assertThat(got.at("/AccessRequest/Reason").asText()).isEqualTo("OPS-7 deploy the hotfix");
    assertThat(got.at("/AccessRequest/History/0/Action").asText()).isEqualTo("REQUESTED");
    assertThat(got.at("/AccessRequest/History/1/Action").asText()).isEqualTo("APPROVED");
    assertThat(got.at("/AccessRequest/History/1/Actor").asText()).endsWith(":user/Maria");

    JsonNode assumed =
        ok(stuart, "sts", "assume-role", "--role-arn", ROLE, "--role-session-name", "deploy");
    assertThat(assumed.at("/AssumedRoleUser/Arn").asText())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/RoleDeploy/deploy");

    JsonNode revoked =
        ok(
            maria,
            "gatehouse",
            "revoke-access-grant",
            "--grant-id",
            grant,
            "--comment",
            "hotfix deployed");
    assertThat(revoked.at("/AccessRequest/Status").asText()).isEqualTo("REVOKED");
    AwsCli.Result after =
        aws(stuart, "sts", "assume-role", "--role-arn", ROLE, "--role-session-name", "again");
    assertThat(after.exit()).isNotZero();
    assertThat(after.err()).contains("(AccessDenied)");
  }

  @Test
  void theModelNamesOnlyServedActionsAndRoutesToGatehouse() throws Exception {
    JsonNode model = new ObjectMapper().readTree(MODEL.toFile());
    assertThat(model.at("/metadata/signingName").asText()).isEqualTo("gatehouse");
    assertThat(model.at("/metadata/protocol").asText()).isEqualTo("query");
    List<String> operations = new ArrayList<>();
    model.path("operations").fieldNames().forEachRemaining(operations::add);
    assertThat(operations).hasSize(14);
    assertThat(server.gatehouse.actions().get("gatehouse")).containsAll(operations);
  }

  @Test
  void badInputShowsTheApiErrorCode() throws Exception {
    AwsCli.Result unknown =
        aws(maria, "gatehouse", "get-access-request", "--access-request-id", "ar-0000");
    assertThat(unknown.exit()).isNotZero();
    assertThat(unknown.err()).contains("An error occurred (NoSuchEntity)");
    AwsCli.Result status = aws(maria, "gatehouse", "list-access-requests", "--status", "SOMETIME");
    assertThat(status.exit()).isNotZero();
    assertThat(status.err()).contains("(InvalidParameterValue)", "Status must be one of");
  }
}

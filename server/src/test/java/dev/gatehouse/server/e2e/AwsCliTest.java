package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's flows with the Debian AWS CLI. Skipped (visibly) only when /usr/bin/aws is absent;
 * CI installs it.
 */
class AwsCliTest {
  static final Path AWS = Path.of("/usr/bin/aws");

  @TempDir static Path data;
  @TempDir static Path work;
  static LiveServer server;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(AWS), "the AWS CLI is not installed at /usr/bin/aws");
    server = new LiveServer(data);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  record Result(int exit, String out, String err) {}

  static Result aws(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url"));
    command.add(server.endpoint().toString());
    command.add("--output");
    command.add("json");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", server.rootKeyId);
    env.put("AWS_SECRET_ACCESS_KEY", server.rootSecret);
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_PAGER", "");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    pb.redirectOutput(work.resolve("out.txt").toFile());
    pb.redirectError(work.resolve("err.txt").toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("aws " + String.join(" ", args) + " did not finish");
    }
    return new Result(
        p.exitValue(),
        Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  static JsonNode ok(String... args) throws Exception {
    Result r = aws(args);
    assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
    return r.out().isBlank() ? new ObjectMapper().nullNode() : new ObjectMapper().readTree(r.out());
  }

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

  @Test
  void errorsReachTheCliWithAwsCodes() throws Exception {
    Result r = aws("iam", "get-user", "--user-name", "nobody-here");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("(NoSuchEntity)").contains("nobody-here");
  }
}

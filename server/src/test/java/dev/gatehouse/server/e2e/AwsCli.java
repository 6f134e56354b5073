package dev.gatehouse.server.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Debian AWS CLI ({@code /usr/bin/aws}, called by its full path: the first {@code aws} on the
 * PATH may be another version) against a live server, isolated from the user's AWS configuration.
 */
final class AwsCli {
  static final Path AWS = Path.of("/usr/bin/aws");

  private AwsCli() {}

  record Result(int exit, String out, String err) {}

  /**
   * Skips a test class or method where the CLI is absent, with the reason: in Surefire's report,
   * and on the console (which shows only the count of skipped tests).
   */
  static final class Required implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (installed()) {
        return ConditionEvaluationResult.enabled(AWS + " is installed");
      }
      String reason =
          "it drives the AWS CLI, and " + AWS + " is not installed (Debian package awscli)";
      String test =
          context.getRequiredTestClass().getSimpleName()
              + context.getTestMethod().map(m -> "." + m.getName()).orElse("");
      System.err.println("Skipped " + test + ": " + reason);
      return ConditionEvaluationResult.disabled(reason);
    }
  }

  static boolean installed() {
    return Files.isExecutable(AWS);
  }

  /** Keys for the environment of one call. */
  static Map<String, String> keys(String id, String secret) {
    return Map.of("AWS_ACCESS_KEY_ID", id, "AWS_SECRET_ACCESS_KEY", secret);
  }

  /**
   * Runs {@code aws --endpoint-url ENDPOINT --output json ARGS} with only {@code credentials} (and
   * a fixed region) in its AWS environment; standard output and error go through files in {@code
   * work}.
   */
  static Result run(URI endpoint, Map<String, String> credentials, Path work, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url"));
    command.add(endpoint.toString());
    command.add("--output");
    command.add("json");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_PAGER", "");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.putAll(credentials);
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
}

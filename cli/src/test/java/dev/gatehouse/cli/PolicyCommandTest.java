package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatehouse policy simulate|validate}: output lines, exit codes, throughput line. */
class PolicyCommandTest {
  private static final String ALLOW_S3 =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"S3\",\"Effect\":\"Allow\","
          + "\"Action\":\"s3:*\",\"Resource\":\"*\"}}";

  private static String kase(String id, String action, String expected) {
    return "{\"id\":\""
        + id
        + "\",\"request\":{\"principal\":\"arn:aws:iam::111111111111:user/a\",\"action\":\""
        + action
        + "\",\"resource\":\"*\"},\"identityPolicies\":[\"P\"]"
        + (expected.isEmpty() ? "" : ",\"expected\":\"" + expected + "\"")
        + "}";
  }

  private static String file(String... cases) {
    return "{\"policies\":{\"P\":" + ALLOW_S3 + "},\"cases\":[" + String.join(",", cases) + "]}";
  }

  private record Run(int status, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  private static Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        PolicyCommand.run(
            List.of(args),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void simulatePrintsOneLinePerCaseInOrder() {
    Run r =
        run(
            file(kase("a", "s3:GetObject", "Allowed"), kase("b", "iam:ListUsers", "")),
            "simulate",
            "-");
    assertThat(r.status()).isZero();
    assertThat(r.lines())
        .containsExactly(
            "{\"id\": \"a\", \"decision\": \"Allowed\", \"expected\": \"Allowed\", \"match\": true}",
            "{\"id\": \"b\", \"decision\": \"ImplicitlyDenied\"}");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void mismatchExitsOne() {
    Run r = run(file(kase("a", "iam:ListUsers", "Allowed")), "simulate", "-");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "\"decision\": \"ImplicitlyDenied\", \"expected\": \"Allowed\", \"match\": false");
  }

  @Test
  void badCasePrintsAnErrorAndGoesOn() {
    String bad = "{\"id\":\"x\",\"request\":{\"principal\":\"nobody\",\"action\":\"s3:A\"}}";
    Run r = run(file(bad, kase("a", "s3:GetObject", "Allowed")), "simulate", "-");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.lines().get(0)).startsWith("{\"id\": \"x\", \"error\": \"request.principal: ");
    assertThat(r.lines().get(1)).contains("\"match\": true");
  }

  @Test
  void explainAddsTheDeterminingStatements() {
    Run r =
        run(
            file(kase("a", "s3:GetObject", ""), kase("b", "iam:ListUsers", "")),
            "simulate",
            "--explain",
            "-");
    assertThat(r.lines().get(0))
        .endsWith(
            "\"explanation\": [\"Allow in identity-based policy \\\"P\\\", statement 0 (Sid \\\"S3\\\")\"]}");
    assertThat(r.lines().get(1))
        .endsWith(
            "\"explanation\": [\"because no identity-based policy allows the iam:ListUsers action\"]}");
  }

  @Test
  void repeatPrintsThroughputAsTheLastStderrLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("cases.json.gz");
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(f))) {
      gz.write(file(kase("a", "s3:GetObject", "Allowed")).getBytes(StandardCharsets.UTF_8));
    }
    Run r = run("", "simulate", f.toString(), "--repeat", "3");
    assertThat(r.status()).isZero();
    assertThat(r.lines()).hasSize(1);
    assertThat(r.err().strip()).matches("3 decisions in [0-9]+\\.[0-9]{3} s: [0-9]+ decisions/s");
    assertThat(run("", "simulate", f.toString(), "--repeat=0").err()).isEmpty();
  }

  @Test
  void unusableInputExitsTwo(@TempDir Path dir) {
    assertThat(run("not json", "simulate", "-").status()).isEqualTo(2);
    assertThat(run("", "simulate", dir.resolve("missing.json").toString()).status()).isEqualTo(2);
    assertThat(run("", "simulate").status()).isEqualTo(2);
    assertThat(run("", "simulate", "-", "--repeat").status()).isEqualTo(2);
    assertThat(run("", "simulate", "-", "--repeat", "x").status()).isEqualTo(2);
    assertThat(run("", "simulate", "-", "--repeat", "-1").status()).isEqualTo(2);
    assertThat(run("", "simulate", "-", "--bogus").status()).isEqualTo(2);
    assertThat(run("", "frobnicate").status()).isEqualTo(2);
    assertThat(run("").status()).isEqualTo(2);
  }

  @Test
  void helpExitsZero() {
    for (List<String> args :
        List.of(List.of("--help"), List.of("simulate", "--help"), List.of("validate", "--help"))) {
      Run r = run("", args.toArray(new String[0]));
      assertThat(r.status()).isZero();
      assertThat(r.out()).contains("gatehouse policy simulate").contains("--repeat N");
    }
  }

  @Test
  void validateAcceptsAndPrintsFindings() {
    String doc =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObjekt\","
            + "\"Resource\":\"*\"}}";
    Run r = run(doc, "validate", "-");
    assertThat(r.status()).isZero();
    assertThat(r.lines())
        .containsExactly(
            "valid identity policy",
            "warning: no action matches s3:GetObjekt (at /Statement/0/Action)");
  }

  @Test
  void validateRefusesWithAwsMessage() {
    Run r = run("{\"Statement\":[]}", "validate", "-", "--type", "resource");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out().strip())
        .isEqualTo("MalformedPolicyDocument: Syntax errors in policy. (at /Statement)");
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\","
            + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}}";
    assertThat(run(trust, "validate", "--type=trust", "-").out())
        .contains("Has prohibited field Resource.");
    assertThat(run(trust, "validate", "-", "--type", "rcp").out()).startsWith("valid rcp policy");
  }

  @Test
  void validateUsage() {
    assertThat(run("", "validate").status()).isEqualTo(2);
    assertThat(run("", "validate", "-", "--type").status()).isEqualTo(2);
    assertThat(run("", "validate", "-", "--type", "nope").status()).isEqualTo(2);
    assertThat(run("", "validate", "-", "extra").status()).isEqualTo(2);
    assertThat(run("", "validate", "/no/such/file").status()).isEqualTo(2);
  }
}

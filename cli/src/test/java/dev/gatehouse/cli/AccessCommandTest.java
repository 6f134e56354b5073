package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessCommandTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(Map<String, String> env, String... args) {
    return AccessCommand.run(
        List.of(args),
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void subcommandsBecomeActionsWithTheirParameters() {
    Map<String, String> p = new LinkedHashMap<>();
    assertThat(
            AccessCommand.action(
                "request",
                List.of(),
                Map.of(
                    "role-arn",
                    "arn:aws:iam::123456789012:role/R",
                    "duration",
                    "7200",
                    "reason",
                    "OPS-1"),
                p))
        .isEqualTo("CreateAccessRequest");
    assertThat(p)
        .containsEntry("RoleArn", "arn:aws:iam::123456789012:role/R")
        .containsEntry("DurationSeconds", "7200")
        .containsEntry("Reason", "OPS-1");
    p.clear();
    assertThat(AccessCommand.action("approve", List.of("ar-1"), Map.of("comment", "ok"), p))
        .isEqualTo("ApproveAccessRequest");
    assertThat(p).containsEntry("AccessRequestId", "ar-1").containsEntry("Comment", "ok");
    assertThat(AccessCommand.action("revoke", List.of("ag-1"), Map.of(), new HashMap<>()))
        .isEqualTo("RevokeAccessGrant");
    assertThat(AccessCommand.action("list", List.of(), Map.of("status", "PENDING"), p))
        .isEqualTo("ListAccessRequests");
    assertThat(run(Map.of(), "request", "--reason", "x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--role-arn is required");
    assertThat(run(Map.of(), "approve")).isEqualTo(2);
    assertThat(run(Map.of(), "frob")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown subcommand 'frob'");
    assertThat(run(Map.of(), "list")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--endpoint-url");
    assertThat(run(Map.of())).isEqualTo(2);
    assertThat(run(Map.of(), "--help")).isZero();
  }

  @Test
  void credentialsComeFromTheEnvironmentElseTheProfile(@TempDir Path dir) throws Exception {
    assertThat(
            AccessCommand.credentials(
                    Map.of("AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "s"), "default")
                .orElseThrow()
                .accessKeyId())
        .isEqualTo("AKIAENV");
    Path file =
        Files.writeString(
            dir.resolve("credentials"),
            """
            [default]
            aws_access_key_id = AKIADEFAULT
            aws_secret_access_key = a
            [maria]
            aws_access_key_id = AKIAMARIA
            aws_secret_access_key = b
            """);
    Map<String, String> env = Map.of("AWS_SHARED_CREDENTIALS_FILE", file.toString());
    assertThat(AccessCommand.credentials(env, "maria").orElseThrow().accessKeyId())
        .isEqualTo("AKIAMARIA");
    assertThat(AccessCommand.credentials(env, "nobody")).isEmpty();
    assertThat(
            AccessCommand.credentials(
                Map.of("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString()), "x"))
        .isEmpty();
  }

  @Test
  void callsAreSignedAndAnsweredByTheServer(@TempDir Path dir) throws Exception {
    ServerConfig config = ServerConfig.local(dir).withAccount("123456789012");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (Gatehouse g = Gatehouse.start(config, quiet, Clock.systemUTC(), Map.of())) {
      Map<String, String> creds = new HashMap<>();
      for (String line : Files.readAllLines(dir.resolve("root-credentials"))) {
        int eq = line.indexOf('=');
        if (eq > 0 && !line.startsWith("#")) {
          creds.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
      Map<String, String> env =
          Map.of(
              "AWS_ACCESS_KEY_ID", creds.get("aws_access_key_id"),
              "AWS_SECRET_ACCESS_KEY", creds.get("aws_secret_access_key"),
              "AWS_ENDPOINT_URL", "http://127.0.0.1:" + g.port());
      assertThat(run(env, "list")).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("ok\n");
      assertThat(run(env, "approve", "ar-0000")).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("NoSuchEntity", "ar-0000 cannot be found");
      Map<String, String> wrong = new HashMap<>(env);
      wrong.put("AWS_SECRET_ACCESS_KEY", "wrong");
      assertThat(run(wrong, "list")).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("SignatureDoesNotMatch");
      out.reset();
      assertThat(run(env, "export", "--format", "json")).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[]\n");
      out.reset();
      assertThat(run(env, "export", "--format", "csv")).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("AccessRequestId,RoleArn,");
      assertThat(run(env, "export", "--format", "xml")).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("--format must be json or csv");
      assertThat(run(wrong, "export")).isEqualTo(1);
    }
  }

  @Test
  void anExportCarriesEachRequestWithItsHistory() {
    String xml =
        "<ListAccessRequestsResponse><ListAccessRequestsResult><AccessRequests><member>"
            + "<AccessRequestId>ar-1</AccessRequestId><RoleArn>arn:aws:iam::1:role/R</RoleArn>"
            + "<Requester>arn:aws:iam::1:user/Stuart</Requester><Reason>OPS-1, \"urgent\""
            + "</Reason><Status>ACTIVE</Status><Grant><GrantId>ag-1</GrantId>"
            + "<EndTime>2026-12-07T12:00:00Z</EndTime></Grant><History>"
            + "<member><Step>1</Step><Date>2026-12-07T10:00:00Z</Date>"
            + "<Actor>arn:aws:iam::1:user/Stuart</Actor><Action>REQUESTED</Action>"
            + "<Comment>line\nbreak</Comment><Detail></Detail></member>"
            + "<member><Step>2</Step><Actor>arn:aws:iam::1:user/Maria</Actor>"
            + "<Action>APPROVED</Action></member></History></member>"
            + "<member><AccessRequestId>ar-2</AccessRequestId><Status>PENDING</Status></member>"
            + "</AccessRequests><IsTruncated>false</IsTruncated></ListAccessRequestsResult>"
            + "</ListAccessRequestsResponse>";
    List<AccessExport.Request> requests = AccessExport.parse(xml);
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).fields())
        .containsEntry("GrantId", "ag-1")
        .containsEntry("EndTime", "2026-12-07T12:00:00Z")
        .containsEntry("Status", "ACTIVE");
    assertThat(requests.get(0).history()).hasSize(2);
    String json = AccessExport.render(requests, "JSON");
    assertThat(json)
        .contains("\"Reason\": \"OPS-1, \\\"urgent\\\"\"")
        .contains("\"Comment\": \"line\\nbreak\"")
        .contains("\"Action\": \"APPROVED\"")
        .contains("\"AccessRequestId\": \"ar-2\"", "\"History\": []");
    String csv = AccessExport.render(requests, "csv");
    assertThat(csv.split("\r\n")).hasSize(4);
    assertThat(csv).contains("\"OPS-1, \"\"urgent\"\"\"", "\"line\nbreak\"", "ar-2,,");
    assertThatThrownBy(() -> AccessExport.render(requests, "xml"))
        .hasMessageContaining("--format must be json or csv");
    assertThatThrownBy(() -> AccessExport.parse("not xml"))
        .hasMessageContaining("not a ListAccessRequests result");
    assertThat(AccessExport.parse("<Other/>")).isEmpty();
  }

  @Test
  void summariesListOneRequestPerLine() {
    String xml =
        "<ListAccessRequestsResult><AccessRequests><member><AccessRequestId>ar-1"
            + "</AccessRequestId><RoleArn>arn:r</RoleArn><Requester>arn:u</Requester>"
            + "<Reason>a &amp; b</Reason><Status>ACTIVE</Status><Grant><GrantId>ag-1</GrantId>"
            + "<EndTime>2026-12-07T12:00:00Z</EndTime></Grant></member><member>"
            + "<AccessRequestId>ar-2</AccessRequestId><RoleArn>arn:r</RoleArn>"
            + "<Status>PENDING</Status></member></AccessRequests></ListAccessRequestsResult>";
    assertThat(AccessCommand.summary(xml))
        .isEqualTo(
            """
            ar-1\tACTIVE\tarn:r\tarn:u\tag-1\t2026-12-07T12:00:00Z\ta & b
            ar-2\tPENDING\tarn:r\t\t-\t-\t
            """);
  }
}

package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.api.AuditLog;
import dev.gatehouse.api.Authenticator;
import dev.gatehouse.api.Caller;
import dev.gatehouse.api.HttpRequestView;
import dev.gatehouse.api.JsonCodec;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Pipeline;
import dev.gatehouse.api.QueryApi;
import dev.gatehouse.api.QueryCodec;
import dev.gatehouse.core.authz.AuthorizationResult;
import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.Decision;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline over a real socket, with a toy API and stand-in authentication: built here from the
 * pipeline, the API handler and the HTTP server, without the composition root.
 */
class PipelineTest {
  static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir static Path data;
  static Toy server;
  static final HttpClient http = HttpClient.newHttpClient();
  static final List<Target> authorized = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Access advisor's view of each decision: principal ARN, action, region, time. */
  static final List<String> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** "x-test-caller: root" or "user:NAME"; nothing means unauthenticated. */
  static final Authenticator AUTH =
      new Authenticator() {
        @Override
        public Caller authenticate(HttpRequestView request) {
          String who = request.header("x-test-caller");
          if (who.isEmpty()) {
            throw new GatehouseException(
                ErrorCode.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
          }
          Principal p =
              who.equals("root")
                  ? new Principal.Root("123456789012")
                  : new Principal.User(
                      "123456789012", who.substring(5), "/", "AIDAEXAMPLEEXAMPLE01");
          return new Caller(p, "AKIAEXAMPLEEXAMPLE01", "us-east-1", "iam");
        }

        @Override
        public String claimedAccessKeyId(HttpRequestView request) {
          return request.header("x-test-caller").isEmpty() ? "" : "AKIAEXAMPLEEXAMPLE01";
        }
      };

  record Echo(String value) {}

  /** The toy API's request path: its audit log and HTTP server, closed in reverse order. */
  record Toy(AuditLog audit, HttpServer http) implements AutoCloseable {
    int port() {
      return http.port();
    }

    @Override
    public void close() throws java.io.IOException {
      http.close();
      audit.close();
    }
  }

  @BeforeAll
  static void startOnce() throws Exception {
    server = start(data);
  }

  static Toy start(Path data) throws Exception {
    QueryApi api =
        QueryApi.of(
            "iam",
            "2010-05-08",
            NS,
            "iam.amazonaws.com",
            List.of(
                new Operation<Echo, Echo>(
                    "GetUser",
                    p -> new Echo(p.required("UserName")),
                    (c, in) -> Operation.Aim.of(new Target.Named("user", in.value(), "/")),
                    (c, in) -> in,
                    (out, s) ->
                        s.start("User")
                            .field("UserName", out.value())
                            .secret("SecretAccessKey", "s3cr3t")
                            .end()),
                new Operation<Echo, Echo>(
                    "CreateUser",
                    p -> new Echo(p.required("UserName")),
                    (c, in) -> Operation.Aim.of(new Target.Named("user", in.value(), "/")),
                    (c, in) -> in,
                    (out, s) ->
                        s.start("User")
                            .field("UserName", out.value())
                            .secret("SecretAccessKey", "s3cr3t")
                            .end()),
                new Operation<Echo, Echo>(
                    "DeleteUser",
                    p -> new Echo(p.required("UserName")),
                    (c, in) -> Operation.Aim.of(new Target.Any()),
                    (c, in) -> {
                      throw new IllegalStateException("internal detail /etc/secret");
                    },
                    (out, s) -> {})));
    Authorizer authorizer =
        request -> {
          authorized.add(request.target());
          if (request.principal() instanceof Principal.User) {
            return AuthorizationResult.Denied.byRule("denied for test");
          }
          return new AuthorizationResult.Allowed(new Decision("*", List.of("root")));
        };
    ServerConfig config = ServerConfig.local(data).withMaxBodyBytes(4096);
    AuditLog audit = new AuditLog(data.resolve("audit"));
    try {
      HttpServer http =
          new HttpServer(
              config,
              new ApiHandler(
                  new Pipeline(
                      audit,
                      dev.gatehouse.api.PipelineObserver.NONE,
                      (principal, action, region, at) ->
                          attempts.add(principal.arn() + " " + action + " " + region + " " + at)),
                  new QueryCodec(AUTH, api, authorizer, List.of()),
                  new JsonCodec(List.of()),
                  Clock.fixed(NOW, ZoneOffset.UTC),
                  config.maxBodyBytes()));
      http.start();
      return new Toy(audit, http);
    } catch (Exception e) {
      audit.close();
      throw e;
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static HttpResponse<String> post(String caller, String body) throws Exception {
    return post(server, caller, body);
  }

  static HttpResponse<String> post(Toy server, String caller, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!caller.isEmpty()) {
      b.header("x-test-caller", caller);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The audit record of one response. */
  static JsonNode audit(HttpResponse<String> response) throws Exception {
    String id = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
    Path file = data.resolve("audit").resolve(LocalDate.ofInstant(NOW, ZoneOffset.UTC) + ".jsonl");
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      JsonNode node = new ObjectMapper().readTree(line);
      if (node.get("requestID").asText().equals(id)) {
        out.add(node);
      }
    }
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  static String error(String code, String message, String requestId) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\""
        + NS
        + "\"><Error><Type>Sender</Type><Code>"
        + code
        + "</Code><Message>"
        + message
        + "</Message></Error><RequestId>"
        + requestId
        + "</RequestId></ErrorResponse>";
  }

  @Test
  void everyDecisionAllowedOrDeniedIsAnAttemptForAccessAdvisor() throws Exception {
    attempts.clear();
    post("root", "Action=GetUser&Version=2010-05-08&UserName=advisor");
    post("user:bob", "Action=GetUser&Version=2010-05-08&UserName=advisor");
    post("", "Action=GetUser&Version=2010-05-08&UserName=advisor");
    assertThat(attempts)
        .containsExactly(
            "arn:aws:iam::123456789012:root iam:GetUser us-east-1 " + NOW,
            "arn:aws:iam::123456789012:user/bob iam:GetUser us-east-1 " + NOW);
  }

  @Test
  void successIsTheActionResponseWithResultAndMetadata() throws Exception {
    HttpResponse<String> r = post("root", "Action=GetUser&Version=2010-05-08&UserName=a%3Cb");
    String id = r.headers().firstValue("x-amzn-RequestId").orElseThrow();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/xml");
    assertThat(r.body())
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<GetUserResponse xmlns=\""
                + NS
                + "\"><GetUserResult><User><UserName>a&lt;b</UserName>"
                + "<SecretAccessKey>s3cr3t</SecretAccessKey></User></GetUserResult>"
                + "<ResponseMetadata><RequestId>"
                + id
                + "</RequestId></ResponseMetadata></GetUserResponse>");
    assertThat(authorized).contains(new Target.Named("user", "a<b", "/"));
  }

  @Test
  void missingAndUnknownActionsAreRefused() throws Exception {
    HttpResponse<String> missing = post("root", "Version=2010-05-08");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body())
        .isEqualTo(
            error(
                "MissingAction",
                "Missing Action",
                missing.headers().firstValue("x-amzn-RequestId").orElseThrow()));
    HttpResponse<String> unknown = post("root", "Action=Frobnicate&Version=2010-05-08");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body())
        .contains("<Code>InvalidAction</Code>")
        .contains("<Message>Could not find operation Frobnicate for version 2010-05-08</Message>");
    HttpResponse<String> version = post("root", "Action=GetUser&Version=2011-06-15&UserName=a");
    assertThat(version.body()).contains("<Code>InvalidAction</Code>");
  }

  @Test
  void missingParameterIsNamed() throws Exception {
    HttpResponse<String> r = post("root", "Action=GetUser&Version=2010-05-08");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("<Code>MissingParameter</Code>")
        .contains("The request must contain the parameter UserName");
  }

  @Test
  void unauthenticatedAndDeniedRequestsGetAwsErrorsAndAreAudited() throws Exception {
    HttpResponse<String> anonymous = post("", "Action=CreateUser&Version=2010-05-08&UserName=x");
    assertThat(anonymous.statusCode()).isEqualTo(403);
    assertThat(anonymous.body()).contains("<Code>MissingAuthenticationToken</Code>");
    HttpResponse<String> denied =
        post("user:bob", "Action=CreateUser&Version=2010-05-08&UserName=x");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("<Code>AccessDenied</Code>");
    JsonNode anonymousLine = audit(anonymous);
    assertThat(anonymousLine.get("userIdentity").get("type").asText()).isEqualTo("Unknown");
    assertThat(anonymousLine.get("errorCode").asText()).isEqualTo("MissingAuthenticationToken");
    JsonNode deniedLine = audit(denied);
    assertThat(deniedLine.get("errorCode").asText()).isEqualTo("AccessDenied");
    assertThat(deniedLine.get("userIdentity").get("type").asText()).isEqualTo("IAMUser");
    assertThat(deniedLine.get("userIdentity").get("userName").asText()).isEqualTo("bob");
    assertThat(deniedLine.get("requestParameters").get("userName").asText()).isEqualTo("x");
    assertThat(deniedLine.get("requestID").asText())
        .isEqualTo(denied.headers().firstValue("x-amzn-RequestId").orElseThrow());
  }

  @Test
  void auditRecordsTheCallWithoutSecrets() throws Exception {
    HttpResponse<String> r =
        post(
            "root",
            "Action=CreateUser&Version=2010-05-08&UserName=alice&Password=hunter2"
                + "&Tags.member.1.Key=team&Tags.member.1.Value=blue");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("s3cr3t");
    String raw = Files.readString(data.resolve("audit").resolve("2026-01-02.jsonl"));
    assertThat(raw).doesNotContain("s3cr3t").doesNotContain("hunter2");
    JsonNode e = audit(r);
    assertThat(e.get("eventVersion").asText()).isEqualTo("1.08");
    assertThat(e.get("eventSource").asText()).isEqualTo("iam.amazonaws.com");
    assertThat(e.get("eventName").asText()).isEqualTo("CreateUser");
    assertThat(e.get("eventTime").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(e.get("eventType").asText()).isEqualTo("AwsApiCall");
    assertThat(e.get("readOnly").asBoolean()).isFalse();
    assertThat(e.get("recipientAccountId").asText()).isEqualTo("123456789012");
    assertThat(e.get("sourceIPAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(e.get("userIdentity").get("type").asText()).isEqualTo("Root");
    assertThat(e.get("userIdentity").get("arn").asText())
        .isEqualTo("arn:aws:iam::123456789012:root");
    assertThat(e.get("requestParameters").get("tags").get(0).get("key").asText()).isEqualTo("team");
    assertThat(e.get("responseElements").get("user").get("userName").asText()).isEqualTo("alice");
    assertThat(e.has("errorCode")).isFalse();
  }

  @Test
  void readOnlyCallsHaveNoResponseElements() throws Exception {
    JsonNode e = audit(post("root", "Action=GetUser&Version=2010-05-08&UserName=alice"));
    assertThat(e.get("readOnly").asBoolean()).isTrue();
    assertThat(e.get("responseElements").isNull()).isTrue();
  }

  @Test
  void internalErrorsDoNotLeakTheirText() throws Exception {
    HttpResponse<String> r = post("root", "Action=DeleteUser&Version=2010-05-08&UserName=a");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body())
        .contains("<Type>Receiver</Type><Code>InternalFailure</Code>")
        .doesNotContain("/etc/secret");
  }

  @Test
  void answersCarryTheServersDateAndTheirContentType() throws Exception {
    for (int i = 0; i < 2; i++) { // the second from the cached field
      HttpResponse<String> r = post("root", "Action=GetUser&Version=2010-05-08&UserName=alice");
      assertThat(r.headers().firstValue("date")).hasValue("Fri, 2 Jan 2026 03:04:05 GMT");
      assertThat(r.headers().firstValue("content-type")).hasValue("text/xml");
      assertThat(r.headers().firstValue("content-length"))
          .hasValue(String.valueOf(r.body().getBytes(StandardCharsets.UTF_8).length));
    }
  }

  @Test
  void oversizeBodiesAreRefused() throws Exception {
    HttpResponse<String> r =
        post("root", "Action=GetUser&Version=2010-05-08&UserName=" + "a".repeat(5000));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("<Code>RequestEntityTooLarge</Code>");
  }

  @Test
  void repeatedParametersAreRefused() throws Exception {
    HttpResponse<String> r =
        post("root", "Action=GetUser&Version=2010-05-08&UserName=a&UserName=b");
    assertThat(r.body()).contains("<Code>MalformedQueryString</Code>");
  }

  @Test
  void aFailingAuditWriteFailsTheRequest(@TempDir Path other) throws Exception {
    Files.createDirectories(other.resolve("audit").resolve("2026-01-02.jsonl"));
    try (Toy broken = start(other)) {
      HttpResponse<String> r =
          post(broken, "root", "Action=CreateUser&Version=2010-05-08&UserName=a");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).contains("<Code>ServiceFailure</Code>").doesNotContain("s3cr3t");
    }
  }

  @Test
  void getWithQueryStringWorks() throws Exception {
    HttpRequest get =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + server.port()
                        + "/?Action=GetUser&Version=2010-05-08&UserName=q"))
            .header("x-test-caller", "root")
            .GET()
            .build();
    HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<UserName>q</UserName>");
  }
}

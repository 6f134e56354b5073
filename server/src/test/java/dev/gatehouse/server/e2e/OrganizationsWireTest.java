package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.sigv4.Header;
import dev.gatehouse.sigv4.SignedRequest;
import dev.gatehouse.sigv4.Signer;
import dev.gatehouse.sigv4.SignerOptions;
import dev.gatehouse.sigv4.SigningCredentials;
import dev.gatehouse.sigv4.SigningKeyCache;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The JSON 1.1 wire byte for byte: raw SigV4-signed requests from {@code
 * org/json-protocol-cases.json}, and every input case of the core's {@code
 * organizations-input-cases.json} sent as the request document it describes.
 */
class OrganizationsWireTest extends OrganizationsFixture {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  record Answer(int status, JsonNode body, String contentType) {}

  static Answer post(String target, String body, String signing, String keys) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.endpoint().resolve("/"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .header("X-Amz-Target", target)
            .header("Content-Type", "application/x-amz-json-1.1");
    if (!keys.equals("none")) {
      SigningCredentials credentials =
          keys.equals("unknown")
              ? SigningCredentials.of("AKIAUNKNOWNUNKNOWN01", "secret".repeat(7))
              : SigningCredentials.of(server.rootKeyId, server.rootSecret);
      List<Header> headers = new ArrayList<>();
      headers.add(new Header("Host", "127.0.0.1:" + server.gatehouse.port()));
      headers.add(new Header("X-Amz-Target", target));
      headers.add(new Header("Content-Type", "application/x-amz-json-1.1"));
      SignedRequest signed =
          new Signer(new SigningKeyCache(4))
              .signHeaders(
                  SignedRequest.of("POST", "/", "", headers, bytes),
                  credentials,
                  "us-east-1",
                  signing,
                  Instant.now(),
                  SignerOptions.DEFAULT)
              .request();
      for (Header h : signed.headers()) {
        if (h.is("Authorization") || h.name().equalsIgnoreCase("X-Amz-Date")) {
          request.header(h.name(), h.value());
        }
      }
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(
        response.statusCode(),
        JSON.readTree(response.body()),
        response.headers().firstValue("Content-Type").orElse(""));
  }

  @TestFactory
  Stream<DynamicTest> protocolCases() throws Exception {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("/org/json-protocol-cases.json")) {
      root = JSON.readTree(in);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> protocolCase(c)));
    }
    return tests.stream();
  }

  private static void protocolCase(JsonNode c) throws Exception {
    Answer a =
        post(
            c.get("target").asText(),
            c.get("body").asText(),
            c.path("signing").asText("organizations"),
            c.path("keys").asText("root"));
    assertThat(a.status()).isEqualTo(c.get("status").asInt());
    assertThat(a.contentType()).isEqualTo("application/x-amz-json-1.1");
    if (c.has("member")) {
      assertThat(a.body().has(c.get("member").asText())).as(a.body().toString()).isTrue();
      return;
    }
    assertThat(a.body().get("__type").asText()).isEqualTo(c.get("type").asText());
    String message = a.body().get("Message").asText();
    if (c.has("message")) {
      assertThat(message).isEqualTo(c.get("message").asText());
    } else {
      assertThat(message).startsWith(c.get("messageStart").asText());
    }
  }

  /** The core's input cases, shared: {@code core/src/test/resources/org}. */
  @TestFactory
  Stream<DynamicTest> inputCasesOverTheWire() throws Exception {
    Path file = Path.of("../core/src/test/resources/org/organizations-input-cases.json");
    JsonNode root = JSON.readTree(Files.readString(file));
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> inputCase(c)));
    }
    assertThat(tests).hasSizeGreaterThan(20);
    return tests.stream();
  }

  private static void inputCase(JsonNode c) throws Exception {
    Answer a =
        post(
            "AWSOrganizationsV20161128." + c.get("action").asText(),
            c.get("input").toString(),
            "organizations",
            "root");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body().get("__type").asText()).isEqualTo(c.get("code").asText());
    assertThat(a.body().get("Reason").asText()).isEqualTo(c.get("reason").asText());
    assertThat(a.body().get("Message").asText()).isEqualTo(c.get("message").asText());
  }

  @Test
  void timestampsAreEpochSecondsAndQueryRequestsStillReachIam() throws Exception {
    Answer a =
        post(
            "AWSOrganizationsV20161128.DescribeAccount",
            "{\"AccountId\":\"" + member + "\"}",
            "organizations",
            "root");
    JsonNode joined = a.body().get("Account").get("JoinedTimestamp");
    assertThat(joined.isNumber()).isTrue();
    assertThat(joined.asDouble())
        .isCloseTo(
            (double) Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(120.0));
    try (var iam = iam(root)) {
      assertThat(iam.getUser().user().arn()).isEqualTo("arn:aws:iam::" + MANAGEMENT + ":root");
    }
  }
}

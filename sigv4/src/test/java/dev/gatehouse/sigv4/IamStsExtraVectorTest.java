package dev.gatehouse.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The IAM/STS-shaped vectors recorded from botocore: form-encoded POST bodies, session tokens,
 * presigned GetCallerIdentity, query edge cases. Every stage asserted, then verified.
 */
class IamStsExtraVectorTest {
  static final String SUITE = "iam-sts-extra";
  static final SigV4Verifier VERIFIER =
      new SigV4Verifier(
          VerificationPolicy.of(Set.of("us-east-1", "eu-west-1"), Set.of("service", "iam", "sts")),
          new SigningKeyCache(8));
  static final Signer SIGNER = new Signer(new SigningKeyCache(8));

  @Test
  void suiteIsComplete() {
    assertThat(VectorFiles.cases(SUITE)).hasSize(9);
  }

  @TestFactory
  Stream<DynamicContainer> everyCase() {
    return VectorFiles.cases(SUITE).stream().map(IamStsExtraVectorTest::caseTests);
  }

  private static DynamicContainer caseTests(Path dir) {
    String name = SUITE + "/" + dir.getFileName();
    JsonNode input = VectorFiles.json(dir.resolve("input.json"));
    JsonNode output = VectorFiles.json(dir.resolve("signed.json"));
    String expectedCreq = VectorFiles.read(dir.resolve("canonical-request.txt"));
    String expectedSts = VectorFiles.read(dir.resolve("string-to-sign.txt"));
    String expectedSignature = VectorFiles.read(dir.resolve("signature.txt"));
    Instant time = Instant.parse(input.get("timestamp").asText());
    SigningCredentials credentials =
        new SigningCredentials(
            input.get("access_key_id").asText(),
            new SecretAccessKey(input.get("secret_access_key").asText()),
            input.get("session_token").isNull() ? "" : input.get("session_token").asText());
    String body = input.get("body").asText();
    boolean presigned = !input.get("presign_expires").isNull();
    SignedRequest unsigned =
        request(
            input.get("method").asText(), input.get("url").asText(), input.get("headers"), body);
    SigningResult signed =
        presigned
            ? SIGNER.presign(
                unsigned,
                credentials,
                input.get("region").asText(),
                input.get("service").asText(),
                time,
                Duration.ofSeconds(input.get("presign_expires").asLong()),
                SignerOptions.DEFAULT)
            : SIGNER.signHeaders(
                unsigned,
                credentials,
                input.get("region").asText(),
                input.get("service").asText(),
                time,
                SignerOptions.DEFAULT);
    String mode = presigned ? "query" : "header";
    Optional<VectorFiles.Divergence> creqDivergence =
        VectorFiles.divergence(name, mode, "canonical-request");
    List<DynamicNode> nodes = new ArrayList<>();
    if (creqDivergence.isEmpty()) {
      nodes.add(
          dynamicTest(
              "canonical request",
              () -> assertThat(signed.canonicalRequest()).isEqualTo(expectedCreq)));
      nodes.add(
          dynamicTest(
              "string to sign", () -> assertThat(signed.stringToSign()).isEqualTo(expectedSts)));
      nodes.add(
          dynamicTest(
              "signature", () -> assertThat(signed.signature()).isEqualTo(expectedSignature)));
      nodes.add(
          dynamicTest(
              "signed output",
              () -> {
                if (presigned) {
                  assertThat(sortedQuery(signed.request().rawQuery()))
                      .isEqualTo(sortedQuery(query(output.get("url").asText())));
                } else {
                  assertThat(headersWithoutHost(signed.request()))
                      .isEqualTo(jsonHeaders(output.get("headers")));
                }
              }));
    } else {
      VectorFiles.Divergence d = creqDivergence.get();
      String ours = expectedCreq.replace(d.vector(), d.ours());
      nodes.add(
          dynamicTest(
              "canonical request (known divergence: " + d.vector() + " -> " + d.ours() + ")",
              () ->
                  assertThat(signed.canonicalRequest())
                      .isEqualTo(ours)
                      .isNotEqualTo(expectedCreq)));
      nodes.add(
          dynamicTest(
              "string to sign over our canonical request",
              () ->
                  assertThat(signed.stringToSign())
                      .isEqualTo(
                          expectedSts.substring(0, expectedSts.lastIndexOf('\n') + 1)
                              + Hashing.sha256Hex(ours))));
      nodes.add(
          dynamicTest(
              "signature differs from the vector's",
              () -> assertThat(signed.signature()).isNotEqualTo(expectedSignature)));
    }
    SignedRequest received =
        request(
            input.get("method").asText(), output.get("url").asText(), output.get("headers"), body);
    nodes.add(
        dynamicTest(
            "verify",
            () -> {
              ParsedAuthorization auth = SigV4.parse(received);
              assertThat(auth.signature()).isEqualTo(expectedSignature);
              assertThat(auth.sessionToken()).isEqualTo(credentials.sessionToken());
              Optional<VectorFiles.Divergence> refusal =
                  VectorFiles.divergence(name, mode, "verify");
              if (refusal.isPresent()) {
                SigV4Exception e =
                    catchThrowableOfType(
                        SigV4Exception.class,
                        () -> VERIFIER.verify(auth, received, credentials.secret(), time));
                assertThat(e).isNotNull();
                assertThat(e.code()).isEqualTo(refusal.get().expect());
              } else {
                assertThatCode(() -> VERIFIER.verify(auth, received, credentials.secret(), time))
                    .doesNotThrowAnyException();
              }
            }));
    nodes.add(
        dynamicTest(
            "our own signature verifies",
            () ->
                assertThatCode(
                        () ->
                            VERIFIER.verify(
                                SigV4.parse(signed.request()),
                                signed.request(),
                                credentials.secret(),
                                time))
                    .doesNotThrowAnyException()));
    return dynamicContainer(name, nodes);
  }

  /** A request from a URL ({@code https://host/path?query}), JSON headers and a body. */
  static SignedRequest request(String method, String url, JsonNode headers, String body) {
    String rest = url.substring(url.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    String host = slash < 0 ? rest : rest.substring(0, slash);
    String target = slash < 0 ? "/" : rest.substring(slash);
    int q = target.indexOf('?');
    List<Header> list = new ArrayList<>();
    list.add(new Header("Host", host));
    jsonHeaders(headers).forEach((k, v) -> list.add(new Header(k, v)));
    return SignedRequest.of(
        method,
        q < 0 ? target : target.substring(0, q),
        q < 0 ? "" : target.substring(q + 1),
        list,
        body.getBytes(StandardCharsets.UTF_8));
  }

  static String query(String url) {
    int q = url.indexOf('?');
    return q < 0 ? "" : url.substring(q + 1);
  }

  static List<String> sortedQuery(String rawQuery) {
    List<String> pieces = new ArrayList<>(List.of(rawQuery.split("&", -1)));
    pieces.sort(null);
    return pieces;
  }

  static Map<String, String> jsonHeaders(JsonNode headers) {
    Map<String, String> map = new TreeMap<>();
    for (Map.Entry<String, JsonNode> field : headers.properties()) {
      map.put(field.getKey(), field.getValue().asText());
    }
    return map;
  }

  static Map<String, String> headersWithoutHost(SignedRequest request) {
    Map<String, String> map = new TreeMap<>();
    for (Header header : request.headers()) {
      if (!header.is("host")) {
        map.put(header.name(), header.value());
      }
    }
    return map;
  }
}

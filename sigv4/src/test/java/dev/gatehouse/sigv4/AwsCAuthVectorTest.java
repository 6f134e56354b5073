package dev.gatehouse.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The aws-c-auth SigV4 suite: every case, both modes, every stage asserted on its own (canonical
 * request, string to sign, signature, signed request), then the signed request fed to the verifier.
 */
class AwsCAuthVectorTest {
  static final String SUITE = "aws-c-auth-v4";
  static final SigV4Verifier VERIFIER =
      new SigV4Verifier(
          VerificationPolicy.of(Set.of("us-east-1"), Set.of("service")), new SigningKeyCache(8));
  static final Signer SIGNER = new Signer(new SigningKeyCache(8));

  @Test
  void suiteIsComplete() {
    assertThat(VectorFiles.cases(SUITE)).hasSize(38);
  }

  @TestFactory
  Stream<DynamicContainer> everyCase() {
    return VectorFiles.cases(SUITE).stream().map(AwsCAuthVectorTest::caseTests);
  }

  private static DynamicContainer caseTests(Path dir) {
    String name = SUITE + "/" + dir.getFileName();
    Context context = Context.read(dir.resolve("context.json"));
    HttpMessageText unsigned = HttpMessageText.parse(VectorFiles.read(dir.resolve("request.txt")));
    List<DynamicNode> nodes = new ArrayList<>();
    for (String mode : List.of("header", "query")) {
      Optional<String> creq =
          VectorFiles.readIfPresent(dir.resolve(mode + "-canonical-request.txt"));
      if (creq.isEmpty()) {
        continue;
      }
      SigningResult signed = sign(mode, unsigned.toRequest(), context);
      String sts = VectorFiles.read(dir.resolve(mode + "-string-to-sign.txt"));
      String signature = VectorFiles.read(dir.resolve(mode + "-signature.txt"));
      String signedText = VectorFiles.read(dir.resolve(mode + "-signed-request.txt"));
      nodes.add(
          dynamicTest(
              mode + " canonical request",
              () -> assertThat(signed.canonicalRequest()).isEqualTo(creq.get())));
      nodes.add(
          dynamicTest(
              mode + " string to sign", () -> assertThat(signed.stringToSign()).isEqualTo(sts)));
      nodes.add(
          dynamicTest(
              mode + " signature", () -> assertThat(signed.signature()).isEqualTo(signature)));
      nodes.add(
          dynamicTest(
              mode + " signed request",
              () ->
                  assertThat(HttpMessageText.render(signed.request(), unsigned.body()))
                      .isEqualTo(signedText)));
      nodes.add(
          dynamicTest(
              mode + " signing key stage",
              () ->
                  assertThat(
                          SignatureCalculator.signature(
                              SignatureCalculator.signingKey(
                                  context.secret(),
                                  "20150830",
                                  context.region(),
                                  context.service()),
                              sts))
                      .isEqualTo(signature)));
      SignedRequest received = HttpMessageText.parse(signedText).toRequest();
      nodes.add(
          dynamicTest(
              mode + " parse",
              () -> {
                ParsedAuthorization auth = SigV4.parse(received);
                assertThat(auth.accessKeyId()).isEqualTo(context.credentials().accessKeyId());
                assertThat(auth.signature()).isEqualTo(signature);
                assertThat(auth.amzDate()).isEqualTo("20150830T123600Z");
                assertThat(auth.presigned()).isEqualTo(mode.equals("query"));
                assertThat(auth.sessionToken()).isEqualTo(context.credentials().sessionToken());
              }));
      nodes.add(
          dynamicTest(
              mode + " verifier-side canonical request",
              () -> {
                ParsedAuthorization auth = SigV4.parse(received);
                String ours =
                    Canonicalizer.canonicalRequest(
                        received, auth.signedHeaders(), context.pathStyle());
                if (name.endsWith("post-sts-header-after") && mode.equals("query")) {
                  // The appended token is a query parameter like any other (known divergence).
                  assertThat(ours).isNotEqualTo(creq.get()).contains("X-Amz-Security-Token=");
                } else {
                  assertThat(ours).isEqualTo(creq.get());
                }
              }));
      nodes.add(dynamicTest(mode + " verify", () -> verify(name, mode, received, context)));
    }
    return dynamicContainer(name, nodes);
  }

  static void verify(String name, String mode, SignedRequest received, Context context) {
    Optional<VectorFiles.Divergence> divergence = VectorFiles.divergence(name, mode, "verify");
    ParsedAuthorization auth = SigV4.parse(received);
    if (divergence.isPresent()) {
      SigV4Exception e =
          catchThrowableOfType(
              SigV4Exception.class,
              () -> VERIFIER.verify(auth, received, context.secret(), context.time()));
      assertThat(e).as("expected refusal: " + divergence.get()).isNotNull();
      assertThat(e.code()).isEqualTo(divergence.get().expect());
    } else {
      assertThatCode(() -> VERIFIER.verify(auth, received, context.secret(), context.time()))
          .doesNotThrowAnyException();
    }
  }

  static SigningResult sign(String mode, SignedRequest request, Context context) {
    SignerOptions options =
        new SignerOptions(context.pathStyle(), !context.omitSessionToken(), context.signBody());
    return mode.equals("header")
        ? SIGNER.signHeaders(
            request,
            context.credentials(),
            context.region(),
            context.service(),
            context.time(),
            options)
        : SIGNER.presign(
            request,
            context.credentials(),
            context.region(),
            context.service(),
            context.time(),
            context.expires(),
            options);
  }

  /** A case's {@code context.json}. */
  record Context(
      SigningCredentials credentials,
      String region,
      String service,
      Instant time,
      PathStyle pathStyle,
      boolean signBody,
      boolean omitSessionToken,
      Duration expires) {

    SecretAccessKey secret() {
      return credentials.secret();
    }

    static Context read(Path file) {
      JsonNode json = VectorFiles.json(file);
      JsonNode credentials = json.get("credentials");
      return new Context(
          new SigningCredentials(
              credentials.get("access_key_id").asText(),
              new SecretAccessKey(credentials.get("secret_access_key").asText()),
              credentials.path("token").asText("")),
          json.get("region").asText(),
          json.get("service").asText(),
          Instant.parse(json.get("timestamp").asText()),
          json.get("normalize").asBoolean() ? PathStyle.NORMALIZED : PathStyle.AS_RECEIVED,
          json.get("sign_body").asBoolean(),
          json.path("omit_session_token").asBoolean(false),
          Duration.ofSeconds(json.get("expiration_in_seconds").asLong()));
    }
  }
}

package dev.gatehouse.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The S3 API Reference's signing examples, every stage asserted: canonical request (S3's canonical
 * URI and payload line), string to sign, signature; for chunked uploads each chunk's string to sign
 * and signature and the trailer's; then the whole request verified and its body decoded.
 */
class AwsS3DocsVectorTest {
  static final String SUITE = "aws-s3-docs";

  @Test
  void suiteIsComplete() {
    assertThat(VectorFiles.cases(SUITE)).hasSize(7);
  }

  @TestFactory
  Stream<DynamicContainer> everyCase() {
    return VectorFiles.cases(SUITE).stream().map(AwsS3DocsVectorTest::caseTests);
  }

  private static DynamicContainer caseTests(Path dir) {
    JsonNode input = VectorFiles.json(dir.resolve("request.json"));
    String expectedCreq = VectorFiles.read(dir.resolve("canonical-request.txt"));
    String expectedSts = VectorFiles.read(dir.resolve("string-to-sign.txt"));
    String expectedSignature = VectorFiles.read(dir.resolve("signature.txt"));
    Instant time = Instant.parse(input.get("timestamp").asText());
    SecretAccessKey secret = new SecretAccessKey(input.get("secret_access_key").asText());
    List<Header> headers = new ArrayList<>();
    for (JsonNode pair : input.get("headers")) {
      headers.add(new Header(pair.get(0).asText(), pair.get(1).asText()));
    }
    S3Request request =
        new S3Request(
            input.get("method").asText(),
            input.get("path").asText(),
            input.get("query").asText(),
            headers);
    ParsedAuthorization auth = S3SigV4Verifier.parse(request);
    String payloadLine =
        request.headerValues("x-amz-content-sha256").stream()
            .findFirst()
            .orElse(PayloadMode.UNSIGNED_PAYLOAD);
    String creq =
        Canonicalizer.canonicalRequest(
            request.asSignedRequest(), auth.signedHeaders(), PathStyle.S3, payloadLine);
    String sts = SignatureCalculator.stringToSign(auth.amzDate(), auth.scope(), creq);
    byte[] key =
        SignatureCalculator.signingKey(
            secret, auth.scope().date(), auth.scope().region(), auth.scope().service());
    List<DynamicNode> nodes = new ArrayList<>();
    nodes.add(dynamicTest("canonical request", () -> assertThat(creq).isEqualTo(expectedCreq)));
    nodes.add(dynamicTest("string to sign", () -> assertThat(sts).isEqualTo(expectedSts)));
    nodes.add(
        dynamicTest(
            "signature",
            () -> {
              assertThat(SignatureCalculator.signature(key, sts)).isEqualTo(expectedSignature);
              assertThat(auth.signature()).isEqualTo(expectedSignature);
            }));
    byte[] decoded = input.get("body").asText().getBytes(StandardCharsets.UTF_8);
    byte[] wire = decoded;
    if (dir.resolve("chunks.json").toFile().exists()) {
      JsonNode chunks = VectorFiles.json(dir.resolve("chunks.json"));
      ChunkSigner signer = new ChunkSigner(key, auth.amzDate(), auth.scope());
      nodes.add(chunkStages(chunks, signer, expectedSignature));
      decoded = decodedBody(chunks);
      wire = wireBody(chunks);
    }
    S3SigV4Verifier verifier =
        new S3SigV4Verifier(
            S3SigV4Verifier.policy(Set.of(input.get("region").asText())), new SigningKeyCache(4));
    byte[] expectedBody = decoded;
    byte[] received = wire;
    nodes.add(
        dynamicTest(
            "verify and read the body",
            () -> {
              S3Authentication authn = verifier.verify(auth, request, secret, time);
              byte[] body =
                  S3Fixtures.readAll(authn.body(new ByteArrayInputStream(received)), 4096);
              assertThat(body).isEqualTo(expectedBody);
            }));
    return dynamicContainer(SUITE + "/" + dir.getFileName(), nodes);
  }

  private static DynamicContainer chunkStages(JsonNode chunks, ChunkSigner signer, String seed) {
    List<DynamicNode> nodes = new ArrayList<>();
    String previous = seed;
    int index = 1;
    for (JsonNode chunk : chunks.get("chunks")) {
      byte[] data = chunkData(chunk);
      String prev = previous;
      nodes.add(
          dynamicTest(
              "chunk " + index + " string to sign",
              () ->
                  assertThat(signer.chunkStringToSign(prev, Hashing.sha256(data)))
                      .isEqualTo(chunk.get("string_to_sign").asText())));
      nodes.add(
          dynamicTest(
              "chunk " + index + " signature",
              () ->
                  assertThat(signer.chunkSignature(prev, Hashing.sha256(data)))
                      .isEqualTo(chunk.get("signature").asText())));
      previous = chunk.get("signature").asText();
      index++;
    }
    if (chunks.has("trailer")) {
      JsonNode trailer = chunks.get("trailer");
      StringBuilder canonical = new StringBuilder();
      for (JsonNode pair : trailer.get("headers")) {
        canonical.append(ChunkSigner.canonicalTrailer(pair.get(0).asText(), pair.get(1).asText()));
      }
      String prev = previous;
      nodes.add(
          dynamicTest(
              "trailer string to sign",
              () ->
                  assertThat(signer.trailerStringToSign(prev, canonical.toString()))
                      .isEqualTo(trailer.get("string_to_sign").asText())));
      nodes.add(
          dynamicTest(
              "trailer signature",
              () ->
                  assertThat(signer.trailerSignature(prev, canonical.toString()))
                      .isEqualTo(trailer.get("signature").asText())));
    }
    return dynamicContainer("chunks", nodes);
  }

  private static byte[] chunkData(JsonNode chunk) {
    byte[] data = new byte[chunk.get("size").asInt()];
    Arrays.fill(data, (byte) chunk.get("byte").asText().charAt(0));
    return data;
  }

  private static byte[] decodedBody(JsonNode chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (JsonNode chunk : chunks.get("chunks")) {
      out.writeBytes(chunkData(chunk));
    }
    return out.toByteArray();
  }

  /** The body as the example sends it, built from the published chunk signatures. */
  private static byte[] wireBody(JsonNode chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (JsonNode chunk : chunks.get("chunks")) {
      byte[] data = chunkData(chunk);
      ascii(
          out,
          Integer.toHexString(data.length)
              + ";chunk-signature="
              + chunk.get("signature").asText()
              + "\r\n");
      out.writeBytes(data);
      if (data.length > 0) {
        ascii(out, "\r\n");
      }
    }
    if (chunks.has("trailer")) {
      JsonNode trailer = chunks.get("trailer");
      for (JsonNode pair : trailer.get("headers")) {
        ascii(out, pair.get(0).asText() + ":" + pair.get(1).asText() + "\r\n");
      }
      ascii(out, "x-amz-trailer-signature:" + trailer.get("signature").asText() + "\r\n");
    }
    ascii(out, "\r\n");
    return out.toByteArray();
  }

  private static void ascii(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
  }
}

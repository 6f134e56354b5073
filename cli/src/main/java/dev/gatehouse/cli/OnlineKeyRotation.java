package dev.gatehouse.cli;

import dev.gatehouse.sigv4.Header;
import dev.gatehouse.sigv4.SignedRequest;
import dev.gatehouse.sigv4.Signer;
import dev.gatehouse.sigv4.SignerOptions;
import dev.gatehouse.sigv4.SigningCredentials;
import dev.gatehouse.sigv4.SigningKeyCache;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code gatehouse keys rotate --endpoint URL [--master]}: asks a running server to rotate its
 * session-token keys or its master key, calling Gatehouse's action {@code RotateKeys} signed with
 * SigV4 by the operator's key from the environment ({@code AWS_ACCESS_KEY_ID}, {@code
 * AWS_SECRET_ACCESS_KEY}, optionally {@code AWS_SESSION_TOKEN}), which IAM must allow {@code
 * gatehouse:RotateKeys}.
 */
final class OnlineKeyRotation {
  static final String VERSION = "2026-11-01";

  private OnlineKeyRotation() {}

  /** What the server answered: its result, or its error code and message. */
  sealed interface Answer {
    /** The result's body. */
    record Rotated(String body) implements Answer {
      /** The text of the result's element {@code name}, or "?". */
      String element(String name) {
        return OnlineKeyRotation.element(body, name).orElse("?");
      }
    }

    record Refused(int status, String code, String message) implements Answer {}
  }

  /**
   * @param keys {@code session} or {@code master}
   */
  static Answer rotate(URI endpoint, String keys, Map<String, String> env)
      throws IOException, InterruptedException {
    SigningCredentials credentials = credentials(env);
    byte[] body =
        ("Action=RotateKeys&Version=" + VERSION + "&Keys=" + keys).getBytes(StandardCharsets.UTF_8);
    String host = endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
    List<Header> headers = new ArrayList<>();
    headers.add(new Header("Host", host));
    headers.add(new Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
    SignedRequest signed =
        new Signer(new SigningKeyCache(1))
            .signHeaders(
                SignedRequest.of("POST", "/", "", headers, body),
                credentials,
                env.getOrDefault("AWS_REGION", "us-east-1"),
                "gatehouse",
                Instant.now(),
                SignerOptions.DEFAULT)
            .request();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.resolve("/"))
            // A master-key rotation re-seals every object key and waits for uploads under way.
            .timeout(Duration.ofMinutes(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (Header h : signed.headers()) {
      if (!h.is("Host")) { // the client sends the same host itself
        request.header(h.name(), h.value());
      }
    }
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .build()
            .send(request.build(), HttpResponse.BodyHandlers.ofString());
    String text = response.body();
    if (response.statusCode() == 200) {
      return new Answer.Rotated(text);
    }
    return new Answer.Refused(
        response.statusCode(),
        element(text, "Code").orElse("HTTP " + response.statusCode()),
        element(text, "Message").orElse(""));
  }

  private static SigningCredentials credentials(Map<String, String> env) {
    String id = env.getOrDefault("AWS_ACCESS_KEY_ID", "");
    String secret = env.getOrDefault("AWS_SECRET_ACCESS_KEY", "");
    if (id.isBlank() || secret.isBlank()) {
      throw new IllegalStateException(
          "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to a key allowed gatehouse:RotateKeys");
    }
    String token = env.getOrDefault("AWS_SESSION_TOKEN", "");
    return token.isBlank()
        ? SigningCredentials.of(id, secret)
        : SigningCredentials.temporary(id, secret, token);
  }

  private static Optional<String> element(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}

package dev.gatehouse.server.e2e;

import dev.gatehouse.sigv4.Header;
import dev.gatehouse.sigv4.SignedRequest;
import dev.gatehouse.sigv4.Signer;
import dev.gatehouse.sigv4.SignerOptions;
import dev.gatehouse.sigv4.SigningCredentials;
import dev.gatehouse.sigv4.SigningKeyCache;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A SigV4 Query client for Gatehouse's own API (no AWS SDK has it): form-encoded POST signed for
 * the {@code gatehouse} service.
 */
public final class GatehouseApiClient {
  /** The HTTP status and body of one call. */
  public record Response(int status, String body) {}

  private final URI endpoint;
  private final SigningCredentials credentials;
  private final HttpClient http = HttpClient.newHttpClient();

  public GatehouseApiClient(URI endpoint, SigningCredentials credentials) {
    this.endpoint = endpoint;
    this.credentials = credentials;
  }

  public Response call(String action, Map<String, String> params) throws Exception {
    StringBuilder form = new StringBuilder("Action=" + action + "&Version=2026-11-01");
    for (Map.Entry<String, String> p : params.entrySet()) {
      form.append('&')
          .append(p.getKey())
          .append('=')
          .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
    }
    byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
    String host = endpoint.getHost() + ":" + endpoint.getPort();
    List<Header> headers = new ArrayList<>();
    headers.add(new Header("Host", host));
    headers.add(new Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
    SignedRequest signed =
        new Signer(new SigningKeyCache(4))
            .signHeaders(
                SignedRequest.of("POST", "/", "", headers, body),
                credentials,
                "us-east-1",
                "gatehouse",
                Instant.now(),
                SignerOptions.DEFAULT)
            .request();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.resolve("/"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (Header h : signed.headers()) {
      if (!h.is("Host")) {
        request.header(h.name(), h.value());
      }
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }
}

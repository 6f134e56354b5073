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
 * A raw SigV4 client: Query requests (form-encoded POST) for Gatehouse's own API, which no AWS SDK
 * has, and for any Query or JSON 1.1 API when a test needs the bytes an SDK would hide.
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

  /** An action of Gatehouse's own API (signed for the {@code gatehouse} service). */
  public Response call(String action, Map<String, String> params) throws Exception {
    return query("gatehouse", "2026-11-01", action, params);
  }

  /** A Query API action: {@code Action}, {@code Version} and the parameters, in their order. */
  public Response query(String service, String version, String action, Map<String, String> params)
      throws Exception {
    StringBuilder form = new StringBuilder("Action=" + action + "&Version=" + version);
    for (Map.Entry<String, String> p : params.entrySet()) {
      form.append('&')
          .append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
    }
    return send(
        service,
        List.of(new Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")),
        form.toString());
  }

  /** A JSON 1.1 action: {@code X-Amz-Target: TARGET} and the request document. */
  public Response json(String service, String target, String document) throws Exception {
    return send(
        service,
        List.of(
            new Header("X-Amz-Target", target),
            new Header("Content-Type", "application/x-amz-json-1.1")),
        document);
  }

  private Response send(String service, List<Header> own, String text) throws Exception {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    List<Header> headers = new ArrayList<>();
    headers.add(new Header("Host", endpoint.getHost() + ":" + endpoint.getPort()));
    headers.addAll(own);
    SignedRequest signed =
        new Signer(new SigningKeyCache(4))
            .signHeaders(
                SignedRequest.of("POST", "/", "", headers, body),
                credentials,
                "us-east-1",
                service,
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

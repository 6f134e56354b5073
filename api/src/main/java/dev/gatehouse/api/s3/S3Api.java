package dev.gatehouse.api.s3;

import dev.gatehouse.api.Codec;
import java.util.Optional;

/**
 * Amazon S3's REST API on Gatehouse's endpoint: what the HTTP adapter needs to run an S3 request
 * through the one pipeline. Each request gets its own {@link S3Codec} (S3's errors name the
 * request's path, and a HEAD answer has no body).
 */
public final class S3Api {
  /** CloudTrail's eventSource of S3. */
  public static final String EVENT_SOURCE = "s3.amazonaws.com";

  /** S3's signing name and action prefix. */
  public static final String SIGNING_NAME = "s3";

  /** What a path's first segment must look like to name a bucket (S3's naming characters). */
  private static final java.util.regex.Pattern BUCKET_LIKE =
      java.util.regex.Pattern.compile("[a-z0-9][a-z0-9.-]*");

  private final S3Authenticator authenticator;
  private final S3Gate gate;
  private final S3Actions actions;
  private final Optional<String> domain;

  /**
   * @param domain with {@code serve --s3-domain}: hosts {@code BUCKET.s3.DOMAIN} name their bucket
   */
  public S3Api(
      S3Authenticator authenticator, S3Gate gate, S3Actions actions, Optional<String> domain) {
    this.authenticator = authenticator;
    this.gate = gate;
    this.actions = actions;
    this.domain = domain;
  }

  /** The codec of one request. */
  public Codec<S3HttpRequest, S3Reply> codec(S3HttpRequest request) {
    return new S3Codec(request, authenticator, gate, actions, domain);
  }

  /**
   * The codec of an in-process request of the console, acting as {@code caller}: addressed,
   * authorized, run and recorded as the same request over HTTP, without its signature.
   */
  Codec<S3HttpRequest, S3Reply> consoleCodec(
      S3HttpRequest request, dev.gatehouse.api.Caller caller) {
    return new S3Codec(request, authenticator, gate, actions, domain, Optional.of(caller));
  }

  /**
   * Whether a request on the shared endpoint is for S3: its SigV4 credential scope (Authorization
   * header or presigned {@code X-Amz-Credential}) names {@code s3}; or it is addressed to the S3
   * host of the virtual-hosting domain; or it is unsigned and not a Query or JSON call (no {@code
   * Action} parameter, no form body, no {@code X-Amz-Target}) and its path starts with something
   * that can be a bucket name (Gatehouse's own paths, {@code /_gatehouse/...}, cannot).
   *
   * @param header a header's first value by name, empty when absent
   */
  public boolean addresses(
      String method,
      String host,
      String rawPath,
      String rawQuery,
      java.util.function.Function<String, String> header) {
    if (!header.apply("X-Amz-Target").isEmpty()) {
      return false;
    }
    if (domain.isPresent() && S3Address.s3Host(host, domain.get())) {
      return true;
    }
    String authorization = header.apply("Authorization");
    if (!authorization.isEmpty()) {
      return scopeService(credential(authorization)).equals(SIGNING_NAME);
    }
    java.util.Map<String, String> query = S3Address.query(rawQuery);
    String presigned = query.getOrDefault("X-Amz-Credential", "");
    if (!presigned.isEmpty()) {
      return scopeService(presigned).equals(SIGNING_NAME);
    }
    if (query.containsKey("Action")) {
      return false;
    }
    String type = header.apply("Content-Type").toLowerCase(java.util.Locale.ROOT);
    if (method.equals("POST") && type.startsWith("application/x-www-form-urlencoded")) {
      return false;
    }
    String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    int slash = path.indexOf('/');
    String first = slash < 0 ? path : path.substring(0, slash);
    return first.isEmpty() || BUCKET_LIKE.matcher(first).matches();
  }

  /** The {@code Credential=} value of an Authorization header, empty without one. */
  private static String credential(String authorization) {
    int at = authorization.indexOf("Credential=");
    if (at < 0) {
      return "";
    }
    String rest = authorization.substring(at + "Credential=".length());
    int end = rest.indexOf(',');
    return (end < 0 ? rest : rest.substring(0, end)).trim();
  }

  /** The service of {@code AKID/DATE/REGION/SERVICE/aws4_request}, empty when it has none. */
  private static String scopeService(String credential) {
    // KEY/DATE/REGION/SERVICE/aws4_request: the fourth of exactly five parts. Read by index: every
    // Query request over the shared endpoint asks this once.
    int at = -1;
    int[] slashes = new int[4];
    for (int i = 0; i < slashes.length; i++) {
      at = credential.indexOf('/', at + 1);
      if (at < 0) {
        return "";
      }
      slashes[i] = at;
    }
    if (credential.indexOf('/', at + 1) >= 0) {
      return "";
    }
    return credential.substring(slashes[2] + 1, slashes[3]);
  }

  /** The virtual-hosting domain, when configured. */
  public Optional<String> domain() {
    return domain;
  }
}

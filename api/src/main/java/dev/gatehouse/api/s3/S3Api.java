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

  /** The virtual-hosting domain, when configured. */
  public Optional<String> domain() {
    return domain;
  }
}

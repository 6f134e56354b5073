package dev.gatehouse.core.grants;

import java.time.Instant;
import java.util.Objects;

/**
 * An account's access-request webhook, as stored: where it posts, its HMAC key sealed under the
 * master key (never stored or shown in the clear) and the payload format.
 *
 * @param sealedSecret the HMAC key's envelope, bound to the account id
 */
public record NotificationConfig(
    String accountId, String url, String sealedSecret, Format format, Instant updatedAt) {

  /** The payload: Gatehouse's JSON, or a Slack-compatible {@code {"text": ...}}. */
  public enum Format {
    JSON,
    SLACK
  }

  public NotificationConfig {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(sealedSecret, "sealedSecret");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}

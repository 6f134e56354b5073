package dev.gatehouse.core.grants;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.store.Store;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Each account's access-request webhook: where notifications go, the HMAC key that signs them
 * (sealed under the master key, bound to the account id; never returned) and the payload format. An
 * account without one uses the node-wide default, if the operator set one.
 */
public final class AccessNotifications {
  /** The longest webhook URL. */
  public static final int MAX_URL = 2048;

  /** The shortest and longest HMAC key, in characters. */
  public static final int MIN_SECRET = 16;

  public static final int MAX_SECRET = 512;

  private final Store store;
  private final KeyRing keys;
  private final Clock clock;

  public AccessNotifications(Store store, KeyRing keys, Clock clock) {
    this.store = store;
    this.keys = keys;
    this.clock = clock;
  }

  /** Where an account's events go, with the key in the clear: for the sender only. */
  public record Delivery(URI url, String secret, NotificationConfig.Format format) {}

  /**
   * Creates or replaces the account's webhook.
   *
   * @param format {@code JSON} or {@code SLACK}
   */
  public NotificationConfig put(String accountId, String url, String secret, String format) {
    URI target = checkUrl(url);
    if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
      throw invalid(
          "Secret must be between "
              + MIN_SECRET
              + " and "
              + MAX_SECRET
              + " characters long; it was "
              + secret.length()
              + ".");
    }
    NotificationConfig.Format f = format(format);
    NotificationConfig config =
        new NotificationConfig(
            accountId,
            target.toString(),
            keys.seal(secret.getBytes(StandardCharsets.UTF_8), accountId),
            f,
            clock.instant().truncatedTo(ChronoUnit.SECONDS));
    store.write(
        tx -> {
          tx.accessGrants().putNotificationConfig(config);
          return null;
        });
    return config;
  }

  /** The account's webhook (its key stays sealed). */
  public NotificationConfig get(String accountId) {
    return store
        .read(tx -> tx.accessGrants().notificationConfig(accountId))
        .orElseThrow(() -> none(accountId));
  }

  /** Deletes the account's webhook: the node-wide default applies again. */
  public void delete(String accountId) {
    if (!store.write(tx -> tx.accessGrants().deleteNotificationConfig(accountId))) {
      throw none(accountId);
    }
  }

  /** Where the account's events go, if it configured a webhook; read off the request path. */
  public Optional<Delivery> delivery(String accountId) {
    return store
        .read(tx -> tx.accessGrants().notificationConfig(accountId))
        .map(
            c ->
                new Delivery(
                    URI.create(c.url()),
                    new String(keys.open(c.sealedSecret(), accountId), StandardCharsets.UTF_8),
                    c.format()));
  }

  private static URI checkUrl(String url) {
    if (url.isEmpty() || url.length() > MAX_URL) {
      throw invalid("Url must be 1 to " + MAX_URL + " characters long.");
    }
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
        throw invalid("Url must be an absolute http or https URL with a host: " + url);
      }
      return u;
    } catch (URISyntaxException e) {
      throw invalid("Url is not a valid URL: " + e.getMessage());
    }
  }

  private static NotificationConfig.Format format(String format) {
    try {
      return NotificationConfig.Format.valueOf(format);
    } catch (IllegalArgumentException e) {
      throw invalid("Format must be JSON or SLACK, not " + format + ".");
    }
  }

  private static GatehouseException invalid(String message) {
    return new GatehouseException(ErrorCode.INVALID_PARAMETER_VALUE, message);
  }

  private static GatehouseException none(String accountId) {
    return new GatehouseException(
        ErrorCode.NO_SUCH_ENTITY,
        "Account " + accountId + " has no access notification configuration.");
  }
}

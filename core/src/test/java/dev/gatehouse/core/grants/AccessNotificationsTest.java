package dev.gatehouse.core.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.store.MemoryStore;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An account's webhook: stored with its key sealed, each bad value refused. */
class AccessNotificationsTest {
  static final String ACCOUNT = "123456789012";
  static final String SECRET = "s3cr3t-hmac-key-0123";

  final MemoryStore store = new MemoryStore();
  final KeyRing keys = KeyRing.of(List.of(new byte[32]), new SecureRandom());
  final AccessGrantsTest.FixedClock clock = new AccessGrantsTest.FixedClock();
  final AccessNotifications notifications = new AccessNotifications(store, keys, clock);

  @BeforeEach
  void setUp() {
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(ACCOUNT, Instant.EPOCH));
          tx.accounts().createAccount(new Account("210987654321", Instant.EPOCH));
          return null;
        });
  }

  @Test
  void theKeyIsStoredSealedAndOpensOnlyForItsAccount() {
    NotificationConfig c =
        notifications.put(ACCOUNT, "https://hooks.example.com/T1", SECRET, "SLACK");
    assertThat(c.sealedSecret()).doesNotContain(SECRET);
    assertThat(notifications.get(ACCOUNT)).isEqualTo(c);
    AccessNotifications.Delivery d = notifications.delivery(ACCOUNT).orElseThrow();
    assertThat(d.url()).isEqualTo(URI.create("https://hooks.example.com/T1"));
    assertThat(d.secret()).isEqualTo(SECRET);
    assertThat(d.format()).isEqualTo(NotificationConfig.Format.SLACK);
    assertThat(notifications.delivery("210987654321")).isEmpty();
    // The envelope is bound to its account: copied to another, it does not open.
    store.write(
        tx -> {
          tx.accessGrants()
              .putNotificationConfig(
                  new NotificationConfig(
                      "210987654321", c.url(), c.sealedSecret(), c.format(), c.updatedAt()));
          return null;
        });
    assertThatThrownBy(() -> notifications.delivery("210987654321"))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void replacedThenDeleted() {
    notifications.put(ACCOUNT, "https://a.example.com/", SECRET, "SLACK");
    notifications.put(ACCOUNT, "http://b.example.com:8080/hook", SECRET + "x", "JSON");
    assertThat(notifications.delivery(ACCOUNT).orElseThrow().format())
        .isEqualTo(NotificationConfig.Format.JSON);
    notifications.delete(ACCOUNT);
    assertThat(notifications.delivery(ACCOUNT)).isEmpty();
    assertThat(code(() -> notifications.delete(ACCOUNT))).isEqualTo(ErrorCode.NO_SUCH_ENTITY);
    assertThat(code(() -> notifications.get(ACCOUNT))).isEqualTo(ErrorCode.NO_SUCH_ENTITY);
  }

  @Test
  void badValuesAreRefusedSayingWhat() {
    assertThatThrownBy(() -> notifications.put(ACCOUNT, "ftp://x.example.com/", SECRET, "JSON"))
        .hasMessageContaining("Url must be an absolute http or https URL");
    assertThatThrownBy(() -> notifications.put(ACCOUNT, "/relative", SECRET, "JSON"))
        .hasMessageContaining("Url must be an absolute http or https URL");
    assertThatThrownBy(() -> notifications.put(ACCOUNT, "https://x y", SECRET, "JSON"))
        .hasMessageContaining("Url is not a valid URL");
    assertThatThrownBy(() -> notifications.put(ACCOUNT, "", SECRET, "JSON"))
        .hasMessageContaining("Url must be 1 to 2048 characters long");
    assertThatThrownBy(() -> notifications.put(ACCOUNT, "https://x.example.com/", "short", "JSON"))
        .hasMessageContaining("Secret must be between 16 and 512 characters long; it was 5.");
    assertThatThrownBy(
            () -> notifications.put(ACCOUNT, "https://x.example.com/", "k".repeat(513), "JSON"))
        .hasMessageContaining("it was 513");
    assertThatThrownBy(() -> notifications.put(ACCOUNT, "https://x.example.com/", SECRET, "xml"))
        .hasMessageContaining("Format must be JSON or SLACK, not xml.");
    assertThat(notifications.delivery(ACCOUNT)).isEmpty();
  }

  static ErrorCode code(Runnable r) {
    try {
      r.run();
    } catch (GatehouseException e) {
      return e.code();
    }
    return null;
  }
}

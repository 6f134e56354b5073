package dev.gatehouse.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A running ring switching master keys: the new key seals, writes begun before are waited for. */
@SuppressWarnings("try") // a write scope is opened for its extent, its variable unused
class KeyRingSwitchTest {
  private final SecureRandom random = new SecureRandom();

  private byte[] key() {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    return raw;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theNewKeySealsTheOldStillOpensUntilForgotten() {
    byte[] oldKey = key();
    byte[] newKey = key();
    KeyRing ring = KeyRing.of(List.of(oldKey), random);
    KeyRing before = ring.copy();
    String old = ring.seal(utf8("a"), "r");

    ring.sealWith(List.of(newKey), Duration.ofSeconds(1));
    String fresh = ring.seal(utf8("b"), "r");
    String newId = KeyRing.of(List.of(newKey), random).activeKeyId();
    assertThat(ring.activeKeyId()).isEqualTo(newId);
    assertThat(fresh).startsWith("gh1." + newId + ".");
    assertThat(ring.open(old, "r")).isEqualTo(utf8("a"));
    assertThat(ring.keyIds()).containsExactly(before.activeKeyId(), newId);
    // A copy does not follow later switches.
    assertThat(before.activeKeyId()).isNotEqualTo(newId);
    assertThatThrownBy(() -> before.open(fresh, "r")).hasMessageContaining("unknown key");

    assertThatThrownBy(() -> ring.retainOnly(List.of(oldKey)))
        .isInstanceOf(CryptoException.class)
        .hasMessage("the key that seals cannot be forgotten");
    assertThat(ring.open(old, "r")).isEqualTo(utf8("a")); // nothing changed
    ring.retainOnly(List.of(newKey));
    assertThat(ring.keyIds()).containsExactly(newId);
    assertThat(ring.open(fresh, "r")).isEqualTo(utf8("b"));
    assertThatThrownBy(() -> ring.open(old, "r")).hasMessageContaining("unknown key");
  }

  @Test
  void aSwitchWaitsForTheWritesBegunBeforeItButNotForItsCallerOrLaterOnes() throws Exception {
    KeyRing ring = KeyRing.of(List.of(key()), random);
    CountDownLatch opened = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<String> writer =
        CompletableFuture.supplyAsync(
            () -> {
              try (WriteScope w = ring.writing()) {
                String sealed = ring.seal(utf8("x"), "r"); // under the old key
                opened.countDown();
                finish.await();
                return sealed;
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(opened.await(5, TimeUnit.SECONDS)).isTrue();
    String oldId = ring.activeKeyId();
    CompletableFuture<Void> rotation;
    try (WriteScope mine = ring.writing();
        WriteScope nested = ring.writing()) {
      // The caller's own scopes (the rotation request's) are not waited for.
      rotation =
          CompletableFuture.runAsync(
              () -> {
                try (WriteScope request = ring.writing()) {
                  ring.sealWith(List.of(key()), Duration.ofSeconds(20));
                }
              });
      // The switch happened at once: later writes seal under the new key, not waited for.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (ring.activeKeyId().equals(oldId) && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(ring.activeKeyId()).isNotEqualTo(oldId);
    }
    try (WriteScope later = ring.writing()) {
      assertThat(ring.seal(utf8("y"), "r")).doesNotContain(oldId);
      Thread.sleep(100);
      assertThat(rotation).isNotDone(); // still waiting for the writer begun before
    }
    finish.countDown();
    rotation.get(5, TimeUnit.SECONDS);
    assertThat(writer.get()).contains(oldId);
  }

  @Test
  void aSwitchGivesUpAfterItsDrainTimeKeepingTheNewKey() throws Exception {
    byte[] oldKey = key();
    KeyRing ring = KeyRing.of(List.of(oldKey), random);
    String old = ring.seal(utf8("x"), "r");
    CountDownLatch opened = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              try (WriteScope w = ring.writing()) {
                opened.countDown();
                finish.await();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(opened.await(5, TimeUnit.SECONDS)).isTrue();
    byte[] newKey = key();
    assertThatThrownBy(() -> ring.sealWith(List.of(newKey), Duration.ofMillis(50)))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("1 write(s) begun before the key switch still running");
    assertThat(ring.activeKeyId()).isEqualTo(KeyRing.of(List.of(newKey), random).activeKeyId());
    assertThat(ring.open(old, "r")).isEqualTo(utf8("x"));
    finish.countDown();
    writer.get(5, TimeUnit.SECONDS);

    Thread.currentThread().interrupt();
    ring.sealWith(List.of(key()), Duration.ofSeconds(5)); // no scope open: nothing to wait for
    assertThat(Thread.interrupted()).isTrue();
    CompletableFuture<Void> blocker;
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    blocker =
        CompletableFuture.runAsync(
            () -> {
              try (WriteScope w = ring.writing()) {
                held.countDown();
                release.await();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> ring.sealWith(List.of(key()), Duration.ofSeconds(5)))
        .hasMessageContaining("interrupted");
    assertThat(Thread.interrupted()).isTrue();
    release.countDown();
    blocker.get(5, TimeUnit.SECONDS);
  }
}

package dev.gatehouse.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.crypto.CryptoException;
import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.objects.ObjectStoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data keys kept opened: a blob read again does not open its key again, and what the ring no
 * longer opens (a master key forgotten after a rotation, another blob's header) is refused from the
 * cache too.
 */
class OpenedKeysTest {
  private final SecureRandom random = new SecureRandom();
  @TempDir Path dir;

  private static byte[] key(int fill) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) fill);
    return k;
  }

  private static byte[] read(FileBlobStore store, String id, int length) throws IOException {
    try (InputStream in = store.read(id, 0, length)) {
      return in.readAllBytes();
    }
  }

  @Test
  void aDataKeyOpensOnceAndIsFoundAgain() {
    KeyRing ring = KeyRing.of(List.of(key(1)), random);
    OpenedKeys keys = new OpenedKeys(ring);
    String envelope = ring.seal(key(7), FileBlobStore.aadOfKey("a"));

    assertThat(keys.open("a", envelope).getEncoded()).isEqualTo(key(7));
    assertThat(keys.open("a", envelope).getEncoded()).isEqualTo(key(7));
    assertThat(keys.size()).isEqualTo(1);
  }

  @Test
  void anotherBlobsHeaderDoesNotOpenFromTheCache() {
    KeyRing ring = KeyRing.of(List.of(key(1)), random);
    OpenedKeys keys = new OpenedKeys(ring);
    String envelope = ring.seal(key(7), FileBlobStore.aadOfKey("a"));
    keys.open("a", envelope);

    assertThatThrownBy(() -> keys.open("b", envelope)).isInstanceOf(CryptoException.class);
  }

  @Test
  void aKeyTheRingForgotNoLongerOpensWhatItSealedEvenOnceCached() throws IOException {
    KeyRing ring = KeyRing.of(List.of(key(1)), random);
    FileBlobStore store = FileBlobStore.open(dir, ring, random);
    byte[] body = "the object".getBytes(StandardCharsets.US_ASCII);
    String id = store.write(new ByteArrayInputStream(body));
    assertThat(read(store, id, body.length)).isEqualTo(body); // its data key is now cached

    // A rotation that never re-sealed this blob's header, then forgot the old master key.
    ring.sealWith(List.of(key(2)), Duration.ofSeconds(5));
    assertThat(read(store, id, body.length)).isEqualTo(body); // both keys still open
    ring.retainOnly(List.of(key(2)));

    assertThatThrownBy(() -> read(store, id, body.length))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessageContaining("data key does not open");
  }

  @Test
  void aBlobResealedUnderTheNewKeyOpensAfterTheOldIsForgotten() throws IOException {
    KeyRing ring = KeyRing.of(List.of(key(1)), random);
    FileBlobStore store = FileBlobStore.open(dir, ring, random);
    byte[] body = new byte[100_000];
    random.nextBytes(body);
    String id = store.write(new ByteArrayInputStream(body));
    assertThat(read(store, id, body.length)).isEqualTo(body);

    ring.sealWith(List.of(key(2)), Duration.ofSeconds(5));
    BlobKeyRotation.reseal(dir, ring, KeyRing.of(List.of(key(2)), random));
    ring.retainOnly(List.of(key(2)));

    assertThat(read(store, id, body.length)).isEqualTo(body);
  }

  @Test
  void itHoldsNoMoreThanItsBound() {
    KeyRing ring = KeyRing.of(List.of(key(1)), random);
    OpenedKeys keys = new OpenedKeys(ring);
    for (int i = 0; i <= OpenedKeys.MAX; i++) {
      String id = Integer.toString(i);
      keys.open(id, ring.seal(key(7), FileBlobStore.aadOfKey(id)));
    }
    assertThat(keys.size()).isBetween(1, OpenedKeys.MAX);
  }
}

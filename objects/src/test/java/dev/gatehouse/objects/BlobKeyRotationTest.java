package dev.gatehouse.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.crypto.KeyRing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobKeyRotationTest {
  @TempDir Path dir;

  static byte[] key(SecureRandom random) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    return raw;
  }

  static byte[] readAll(FileBlobStore store, String id, long length) throws IOException {
    try (InputStream in = store.read(id, 0, length)) {
      return in.readAllBytes();
    }
  }

  @Test
  void reSealsEachBlobKeyUnderTheNewMasterKey() throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] oldKey = key(random);
    byte[] newKey = key(random);
    KeyRing old = KeyRing.of(List.of(oldKey), random);
    byte[] body = new byte[FileBlobStore.SEGMENT + 10];
    new Random(3).nextBytes(body);
    String id = FileBlobStore.open(dir, old, random).write(new ByteArrayInputStream(body));

    KeyRing to = KeyRing.of(List.of(newKey), random);
    assertThat(BlobKeyRotation.reseal(dir, KeyRing.of(List.of(oldKey, newKey), random), to))
        .isEqualTo(1);
    assertThat(readAll(FileBlobStore.open(dir, to, random), id, body.length)).isEqualTo(body);
    assertThatThrownBy(() -> readAll(FileBlobStore.open(dir, old, random), id, body.length))
        .hasMessageContaining("does not open");
    assertThat(BlobKeyRotation.reseal(dir.resolve("none"), to, to)).isZero();

    Files.write(dir.resolve("blobs").resolve(id), new byte[] {1, 2});
    assertThatThrownBy(() -> BlobKeyRotation.reseal(dir, to, to))
        .hasMessageContaining("shorter than its header");
    Files.write(dir.resolve("blobs").resolve(id), new byte[20]);
    Files.deleteIfExists(dir.resolve("tmp").resolve(id + ".rekey"));
    assertThatThrownBy(() -> BlobKeyRotation.reseal(dir, to, to))
        .hasMessageContaining("no Gatehouse blob header");
  }

  @Test
  void aBlobDeletedMeanwhileIsSkippedAndATempLeftByAFailedRunIsReplaced() throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] oldKey = key(random);
    byte[] newKey = key(random);
    KeyRing old = KeyRing.of(List.of(oldKey), random);
    byte[] body = {1, 2, 3};
    String id = FileBlobStore.open(dir, old, random).write(new ByteArrayInputStream(body));
    // A delete that lands between the listing and the read: the name is listed, the file gone.
    Files.createSymbolicLink(
        dir.resolve("blobs").resolve("0".repeat(32)), dir.resolve("tmp").resolve("gone"));
    // What a run that failed between writing its temp file and renaming it left behind.
    Files.write(dir.resolve("tmp").resolve(id + ".rekey"), new byte[] {9});

    KeyRing to = KeyRing.of(List.of(newKey), random);
    assertThat(BlobKeyRotation.reseal(dir, KeyRing.of(List.of(oldKey, newKey), random), to))
        .isEqualTo(1);
    assertThat(readAll(FileBlobStore.open(dir, to, random), id, body.length)).isEqualTo(body);
    assertThat(dir.resolve("tmp").resolve("0".repeat(32) + ".rekey")).doesNotExist();
  }
}

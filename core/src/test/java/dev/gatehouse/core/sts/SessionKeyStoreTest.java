package dev.gatehouse.core.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionKeyStoreTest {

  @TempDir Path dir;

  private final SecureRandom random = new SecureRandom();

  @Test
  void createsTheFileOwnerOnlyAndReadsItBack() throws IOException {
    Path data = dir.resolve("data");
    SessionKeyRing first = SessionKeyStore.loadOrCreate(data, Map.of(), random);
    Path file = data.resolve(SessionKeyStore.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(SessionKeyStore.loadOrCreate(data, Map.of(), random)).isEqualTo(first);
  }

  @Test
  void refusesAFileOthersCanRead() throws IOException {
    SessionKeyStore.loadOrCreate(dir, Map.of(), random);
    Path file = dir.resolve(SessionKeyStore.FILE_NAME);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> SessionKeyStore.loadOrCreate(dir, Map.of(), random))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chmod 600");
  }

  @Test
  void environmentWinsAndKeepsOrder() {
    String env = "new:" + b64(2) + ", old:" + b64(1);
    SessionKeyRing ring =
        SessionKeyStore.loadOrCreate(dir, Map.of(SessionKeyStore.ENV, env), random);
    assertThat(ring.current().id()).isEqualTo("new");
    assertThat(ring.previous()).extracting(SessionKey::id).containsExactly("old");
    assertThat(Files.exists(dir.resolve(SessionKeyStore.FILE_NAME))).isFalse();
  }

  @Test
  void writeReplacesAtomicallyAndRoundTrips() throws IOException {
    SessionKeyRing ring = SessionKeyStore.loadOrCreate(dir, Map.of(), random);
    SessionKeyRing rotated = ring.rotate(SessionKey.generate(random));
    Path file = dir.resolve(SessionKeyStore.FILE_NAME);
    SessionKeyStore.write(file, rotated);
    assertThat(SessionKeyStore.loadOrCreate(dir, Map.of(), random)).isEqualTo(rotated);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void malformedKeysAreRefusedWithoutShowingThem() {
    assertThatThrownBy(() -> SessionKeyStore.parse("# only a comment\n", "src"))
        .hasMessage("src: no session key");
    assertThatThrownBy(() -> SessionKeyStore.parse("nocolon", "src"))
        .hasMessageContaining("entry 1 is not id:base64-key");
    assertThatThrownBy(() -> SessionKeyStore.parse("a:" + b64(1) + "\nb:c2hvcnQ=", "src"))
        .hasMessageContaining("entry 2")
        .hasMessageNotContaining("c2hvcnQ");
    assertThatThrownBy(() -> SessionKeyStore.parse("a:" + b64(1) + "\na:" + b64(2), "src"))
        .hasMessageContaining("duplicate");
    assertThatThrownBy(() -> SessionKeyStore.parse("bad id!:" + b64(1), "src"))
        .hasMessageContaining("entry 1");
  }

  @Test
  void keyRingRules() {
    SessionKey a = SessionKey.generate(random);
    SessionKey b = SessionKey.generate(random);
    SessionKeyRing ring = SessionKeyRing.of(a).rotate(b);
    assertThat(ring.find(a.id())).contains(a);
    assertThat(ring.find("missing")).isEmpty();
    assertThat(ring.all()).containsExactly(b, a);
    assertThatThrownBy(() -> ring.retire(b.id())).hasMessageContaining("rotate first");
    assertThatThrownBy(() -> ring.retire("missing")).hasMessageContaining("no previous");
    assertThat(a.toString()).doesNotContain(Base64.getEncoder().encodeToString(a.keyBytes()));
    assertThat(a).isNotEqualTo(b).hasSameHashCodeAs(new SessionKey(a.id(), a.keyBytes()));
    assertThatThrownBy(() -> new SessionKey("k", new byte[16])).hasMessageContaining("32 bytes");
  }

  private static String b64(int fill) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) fill);
    return Base64.getEncoder().encodeToString(k);
  }
}

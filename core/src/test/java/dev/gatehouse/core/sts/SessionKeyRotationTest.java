package dev.gatehouse.core.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.crypto.KeyRing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionKeyRotationTest {
  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  @TempDir Path dir;

  @Test
  void rotatesKeepsThenPrunesTheOldKeys() throws Exception {
    SecureRandom random = new SecureRandom();
    SessionKeyRing first = SessionKeyStore.loadOrCreate(dir, Map.of(), random);
    SessionKeyRotation.Outcome one = SessionKeyRotation.rotate(dir, random, T0);
    assertThat(one.kept()).containsExactly(first.current().id());
    SessionKeyRotation.Outcome two = SessionKeyRotation.rotate(dir, random, T0.plusSeconds(3600));
    assertThat(two.kept()).containsExactly(one.current(), first.current().id());
    String text = Files.readString(dir.resolve(SessionKeyStore.FILE_NAME));
    assertThat(text).contains(first.current().id() + ":").contains(" retired=" + T0);
    // The server loads the noted file: the newest key seals, the others unseal.
    SessionKeyRing loaded = SessionKeyStore.loadOrCreate(dir, Map.of(), random);
    assertThat(loaded.current().id()).isEqualTo(two.current());
    assertThat(loaded.find(first.current().id())).isPresent();
    SessionKeyRotation.Outcome three =
        SessionKeyRotation.rotate(
            dir, random, T0.plus(SessionKeyRotation.LONGEST_TOKEN).plusSeconds(1));
    assertThat(three.pruned()).containsExactly(first.current().id());
    assertThat(three.kept()).containsExactly(two.current(), one.current());
  }

  @Test
  void refusesAMissingFileAndABadNote() throws Exception {
    SecureRandom random = new SecureRandom();
    assertThatThrownBy(() -> SessionKeyRotation.rotate(dir, random, T0))
        .hasMessageContaining("no session key file");
    SessionKeyRing ring = SessionKeyRing.generate(random);
    String line = SessionKeyStore.format(ring).strip().split("\n")[1];
    Path file = dir.resolve(SessionKeyStore.FILE_NAME);
    Files.writeString(file, line + "\nx:" + line.split(":")[1] + " retired=yesterday\n");
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> SessionKeyRotation.rotate(dir, random, T0))
        .hasMessageContaining("not an instant");
  }

  @Test
  void theMasterKeyRingOpensWithAPendingNextKey() throws Exception {
    SecureRandom random = new SecureRandom();
    KeyRing old = KeyRing.load(dir, Map.of(), random);
    String sealed = old.seal("s".getBytes(StandardCharsets.UTF_8), "row");
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    Path next = dir.resolve(KeyRing.NEXT_FILE_NAME);
    Files.createFile(
        next,
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    Files.writeString(next, java.util.Base64.getEncoder().encodeToString(raw) + "\n");
    KeyRing both = KeyRing.load(dir, Map.of(), random);
    assertThat(both.activeKeyId()).isEqualTo(old.activeKeyId());
    String underNew = KeyRing.of(List.of(raw), random).seal(new byte[] {1}, "row");
    assertThat(both.open(underNew, "row")).containsExactly(1);
    assertThat(both.open(sealed, "row")).containsExactly('s');
  }
}

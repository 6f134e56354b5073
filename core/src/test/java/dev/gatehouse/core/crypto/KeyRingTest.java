package dev.gatehouse.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {
  private final SecureRandom random = new SecureRandom();

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void sealsAndOpensBoundToTheRow(@TempDir Path dir) {
    KeyRing ring = KeyRing.load(dir, Map.of(), random);
    String a = ring.seal(utf8("secret"), "access-key:AKIA1");
    String b = ring.seal(utf8("secret"), "access-key:AKIA1");
    assertThat(a).isNotEqualTo(b); // fresh nonce each time
    assertThat(a).startsWith("gh1." + ring.activeKeyId() + ".").doesNotContain("secret");
    assertThat(new String(ring.open(a, "access-key:AKIA1"), StandardCharsets.UTF_8))
        .isEqualTo("secret");
    assertThatThrownBy(() -> ring.open(a, "access-key:AKIA2"))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("does not open");
  }

  @Test
  void refusesTamperedOrMalformedEnvelopes(@TempDir Path dir) {
    KeyRing ring = KeyRing.load(dir, Map.of(), random);
    String sealed = ring.seal(utf8("secret"), "r");
    String[] parts = sealed.split("\\.");
    byte[] body = Base64.getDecoder().decode(parts[2]);
    body[body.length - 1] ^= 1;
    String tampered = parts[0] + "." + parts[1] + "." + Base64.getEncoder().encodeToString(body);
    assertThatThrownBy(() -> ring.open(tampered, "r")).hasMessageContaining("does not open");
    assertThatThrownBy(() -> ring.open("nope", "r")).hasMessage("not a sealed value");
    assertThatThrownBy(() -> ring.open("gh1.0000.AAAA", "r"))
        .hasMessage("sealed with unknown key 0000");
    assertThatThrownBy(() -> ring.open("gh1." + parts[1] + ".***", "r"))
        .hasMessage("sealed value is not base64");
    assertThatThrownBy(() -> ring.open("gh1." + parts[1] + ".AAAA", "r"))
        .hasMessage("sealed value is truncated");
  }

  @Test
  void theKeyFileIsCreatedOwnerOnlyAndReusedAndRotates(@TempDir Path dir) throws Exception {
    KeyRing first = KeyRing.load(dir, Map.of(), random);
    Path file = dir.resolve(KeyRing.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String sealed = first.seal(utf8("x"), "r");
    KeyRing again = KeyRing.load(dir, Map.of(), random);
    assertThat(again.activeKeyId()).isEqualTo(first.activeKeyId());
    assertThat(again.open(sealed, "r")).isEqualTo(utf8("x"));

    KeyRing.rotate(dir, random);
    KeyRing rotated = KeyRing.load(dir, Map.of(), random);
    assertThat(rotated.activeKeyId()).isNotEqualTo(first.activeKeyId());
    assertThat(rotated.open(sealed, "r")).isEqualTo(utf8("x"));
    assertThat(rotated.seal(utf8("y"), "r")).contains(rotated.activeKeyId());
  }

  @Test
  void refusesAKeyFileOthersCanRead(@TempDir Path dir) throws Exception {
    KeyRing.load(dir, Map.of(), random);
    Path file = dir.resolve(KeyRing.FILE_NAME);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> KeyRing.load(dir, Map.of(), random))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("chmod 600");
    assertThatThrownBy(() -> KeyRing.rotate(dir, random)).hasMessageContaining("chmod 600");
  }

  @Test
  void theEnvironmentKeyOverridesTheFile(@TempDir Path dir) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String b64 = Base64.getEncoder().encodeToString(raw);
    KeyRing ring = KeyRing.load(dir, Map.of(KeyRing.ENV, b64), random);
    assertThat(Files.exists(dir.resolve(KeyRing.FILE_NAME))).isFalse();
    assertThat(ring.activeKeyId()).isEqualTo(KeyRing.of(List.of(raw), random).activeKeyId());
    assertThatThrownBy(() -> KeyRing.load(dir, Map.of(KeyRing.ENV, "AAAA"), random))
        .hasMessage("GATEHOUSE_MASTER_KEY must hold a base64 32-byte key");
    assertThatThrownBy(() -> KeyRing.load(dir, Map.of(KeyRing.ENV, "%%%"), random))
        .hasMessage("GATEHOUSE_MASTER_KEY is not valid base64");
    assertThatThrownBy(() -> KeyRing.of(List.of(), random))
        .hasMessage("a key ring needs at least one key");
    assertThatThrownBy(() -> KeyRing.of(List.of(new byte[16]), random))
        .hasMessage("master keys are 32 bytes (AES-256)");
  }
}

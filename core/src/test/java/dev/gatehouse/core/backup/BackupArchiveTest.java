package dev.gatehouse.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupArchiveTest {
  static final char[] PASS = "correct horse battery staple".toCharArray();
  static final int ITERATIONS = BackupHeader.MIN_ITERATIONS;

  @TempDir Path tmp;

  /** A backup of a small and a three-chunk file. */
  byte[] backup() throws IOException {
    Path small = Files.writeString(tmp.resolve("master.key"), "secret\n");
    byte[] big = new byte[BackupHeader.CHUNK * 2 + 1000];
    new Random(7).nextBytes(big);
    Path large = Files.write(tmp.resolve("blob"), big);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BackupArchive.write(
        out,
        PASS,
        ITERATIONS,
        new SecureRandom(),
        List.of(
            new BackupArchive.Entry("master.key", small),
            new BackupArchive.Entry("objects/blobs/ab", large)));
    return out.toByteArray();
  }

  Path extract(byte[] file, char[] pass) throws IOException {
    Path dir = Files.createTempDirectory(tmp, "out");
    BackupArchive.extract(new ByteArrayInputStream(file), pass, dir);
    return dir;
  }

  @Test
  void roundTripsEveryFileOwnerOnly() throws IOException {
    byte[] file = backup();
    Path dir = Files.createTempDirectory(tmp, "out");
    List<String> names = BackupArchive.extract(new ByteArrayInputStream(file), PASS, dir);
    assertThat(names).containsExactly("master.key", "objects/blobs/ab");
    assertThat(Files.readString(dir.resolve("master.key"))).isEqualTo("secret\n");
    assertThat(Files.readAllBytes(dir.resolve("objects/blobs/ab")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("blob")));
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("master.key"))))
        .isEqualTo("rw-------");
    // Nothing of the plaintext shows in the file.
    assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("secret")
        .doesNotContain("master.key");
  }

  @Test
  void refusesAWrongPassphraseBeforeDecrypting() throws IOException {
    byte[] file = backup();
    assertThatThrownBy(() -> extract(file, "wrong".toCharArray()))
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("wrong passphrase");
  }

  @Test
  void refusesEveryAlteredByteOfTheBody() throws IOException {
    byte[] file = backup();
    for (int at :
        new int[] {BackupHeader.LENGTH + 5, BackupHeader.LENGTH + 70_000, file.length - 1}) {
      byte[] edited = file.clone();
      edited[at] ^= 0x01;
      assertThatThrownBy(() -> extract(edited, PASS))
          .as("byte %d", at)
          .isInstanceOf(BackupException.class)
          .hasMessageContaining("does not authenticate");
    }
  }

  @Test
  void refusesAnAlteredHeader() throws IOException {
    byte[] file = backup();
    byte[] edited = file.clone();
    edited[20] ^= 0x01; // in the salt
    assertThatThrownBy(() -> extract(edited, PASS)).hasMessageContaining("header was altered");
    byte[] version = file.clone();
    version[8] = 9;
    assertThatThrownBy(() -> extract(version, PASS)).hasMessageContaining("version 9");
    byte[] cheap = file.clone();
    ByteBuffer.wrap(cheap).putInt(10, 1);
    assertThatThrownBy(() -> extract(cheap, PASS)).hasMessageContaining("1 PBKDF2 iterations");
    byte[] kdf = file.clone();
    kdf[9] = 7;
    assertThatThrownBy(() -> extract(kdf, PASS)).hasMessageContaining("key derivation 7");
    byte[] chunk = file.clone();
    ByteBuffer.wrap(chunk).putInt(30, 1);
    assertThatThrownBy(() -> extract(chunk, PASS)).hasMessageContaining("chunk size 1");
  }

  @Test
  void refusesEveryTruncation() throws IOException {
    byte[] file = backup();
    int chunkOnDisk = 4 + BackupHeader.CHUNK + 16;
    int[] cuts = {
      10,
      BackupHeader.LENGTH,
      BackupHeader.LENGTH + 2,
      BackupHeader.LENGTH + 100,
      BackupHeader.LENGTH + chunkOnDisk,
      BackupHeader.LENGTH + 2 * chunkOnDisk,
      file.length - 1
    };
    for (int cut : cuts) {
      byte[] truncated = Arrays.copyOf(file, cut);
      assertThatThrownBy(() -> extract(truncated, PASS))
          .as("cut at %d", cut)
          .isInstanceOf(BackupException.class)
          .hasMessageMatching("(?s).*(truncated|shorter than its header).*");
    }
  }

  @Test
  void refusesReorderedChunksAndTrailingBytes() throws IOException {
    byte[] file = backup();
    int chunkOnDisk = 4 + BackupHeader.CHUNK + 16;
    byte[] swapped = file.clone();
    System.arraycopy(
        file, BackupHeader.LENGTH, swapped, BackupHeader.LENGTH + chunkOnDisk, chunkOnDisk);
    System.arraycopy(
        file, BackupHeader.LENGTH + chunkOnDisk, swapped, BackupHeader.LENGTH, chunkOnDisk);
    assertThatThrownBy(() -> extract(swapped, PASS)).hasMessageContaining("does not authenticate");
    byte[] longer = Arrays.copyOf(file, file.length + 3);
    assertThatThrownBy(() -> extract(longer, PASS)).isInstanceOf(BackupException.class);
  }

  @Test
  void refusesForeignFilesAndUnsafeNames() {
    assertThatThrownBy(() -> extract(new byte[BackupHeader.LENGTH], PASS))
        .hasMessageContaining("no GHBACKUP header");
    assertThatThrownBy(() -> new BackupArchive.Entry("../etc/passwd", tmp))
        .hasMessageContaining("not a relative file name");
    assertThatThrownBy(() -> new BackupArchive.Entry("/abs", tmp))
        .isInstanceOf(BackupException.class);
    assertThatThrownBy(
            () ->
                BackupArchive.write(
                    new ByteArrayOutputStream(), PASS, 10, new SecureRandom(), List.of()))
        .hasMessageContaining("iterations");
    assertThatThrownBy(
            () ->
                BackupArchive.write(
                    new ByteArrayOutputStream(),
                    new char[0],
                    ITERATIONS,
                    new SecureRandom(),
                    List.of()))
        .hasMessageContaining("passphrase is empty");
  }
}

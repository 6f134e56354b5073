package dev.gatehouse.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSH public keys: both encodings, AWS's fingerprint, and each refusal with AWS's error. */
class SshKeysTest {
  private static final TestSshKeys KEY = TestSshKeys.rsa(2048);

  private static void refused(String body, ErrorCode code, String where) {
    assertThatThrownBy(() -> SshKeys.parse(body))
        .isInstanceOf(GatehouseException.class)
        .satisfies(e -> assertThat(((GatehouseException) e).code()).isEqualTo(code))
        .hasMessageContaining("SSHPublicKeyBody")
        .hasMessageContaining(where);
  }

  @Test
  void openSshAndPemGiveTheSameKeyAndFingerprint() {
    SshKeys.SshKey fromSsh = SshKeys.parse(KEY.openSsh("alice@laptop"));
    SshKeys.SshKey fromPem = SshKeys.parse(KEY.pem());
    assertThat(fromSsh.blob()).isEqualTo(KEY.blob());
    assertThat(fromPem.blob()).isEqualTo(KEY.blob());
    assertThat(fromSsh.fingerprint())
        .isEqualTo(KEY.md5Fingerprint())
        .isEqualTo(fromPem.fingerprint())
        .matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
    assertThat(fromPem.openSsh()).isEqualTo(KEY.openSsh("x").replace(" x", ""));
    assertThat(SshKeys.parse(fromSsh.pem()).fingerprint()).isEqualTo(KEY.md5Fingerprint());
    assertThat(fromSsh.key().getModulus().bitLength()).isEqualTo(2048);
    assertThat(SshKeys.parse("  " + KEY.openSsh("") + "\n").fingerprint())
        .isEqualTo(KEY.md5Fingerprint());
  }

  @Test
  void theFingerprintIsWhatSshKeygenPrints(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("id.pub");
    Files.writeString(file, KEY.openSsh("t") + "\n");
    Process p =
        new ProcessBuilder("ssh-keygen", "-l", "-E", "md5", "-f", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    assertThat(out).contains("MD5:" + SshKeys.parse(KEY.openSsh("t")).fingerprint());
  }

  @Test
  void otherFormatsAndKeyTypesAreUnrecognized() {
    refused("hello world", ErrorCode.UNRECOGNIZED_PUBLIC_KEY_ENCODING, "neither OpenSSH");
    refused("ssh-rsa", ErrorCode.UNRECOGNIZED_PUBLIC_KEY_ENCODING, "neither OpenSSH");
    refused(
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE1 me",
        ErrorCode.UNRECOGNIZED_PUBLIC_KEY_ENCODING,
        "ssh-ed25519 is not ssh-rsa");
    refused(
        "ecdsa-sha2-nistp256 AAAA me",
        ErrorCode.UNRECOGNIZED_PUBLIC_KEY_ENCODING,
        "is not ssh-rsa");
    refused(
        KEY.pem().replace("PUBLIC KEY", "CERTIFICATE"),
        ErrorCode.UNRECOGNIZED_PUBLIC_KEY_ENCODING,
        "one PUBLIC KEY block");
    refused(KEY.pem() + KEY.pem(), ErrorCode.UNRECOGNIZED_PUBLIC_KEY_ENCODING, "one PUBLIC KEY");
  }

  @Test
  void brokenOrShortKeysAreInvalid() throws Exception {
    refused("ssh-rsa !!!notbase64!!!", ErrorCode.INVALID_PUBLIC_KEY, "not base64");
    byte[] blob = KEY.blob();
    String truncated = Base64.getEncoder().encodeToString(Arrays.copyOf(blob, blob.length - 10));
    refused("ssh-rsa " + truncated, ErrorCode.INVALID_PUBLIC_KEY, "truncated");
    byte[] longer = Arrays.copyOf(blob, blob.length + 1);
    refused(
        "ssh-rsa " + Base64.getEncoder().encodeToString(longer),
        ErrorCode.INVALID_PUBLIC_KEY,
        "malformed");
    byte[] dss =
        ByteBuffer.allocate(11)
            .putInt(7)
            .put("ssh-dss".getBytes(StandardCharsets.US_ASCII))
            .array();
    refused(
        "ssh-rsa " + Base64.getEncoder().encodeToString(dss),
        ErrorCode.INVALID_PUBLIC_KEY,
        "names ssh-dss");
    TestSshKeys small = TestSshKeys.rsa(1024);
    refused(small.openSsh("s"), ErrorCode.INVALID_PUBLIC_KEY, "1024 bits; the minimum is 2048");
    refused(small.pem(), ErrorCode.INVALID_PUBLIC_KEY, "1024 bits");
    refused(
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
        ErrorCode.INVALID_PUBLIC_KEY,
        "not an RSA key");
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    String ecPem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getEncoder().encodeToString(ec.generateKeyPair().getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    refused(ecPem, ErrorCode.INVALID_PUBLIC_KEY, "not an RSA key");
    refused(
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END OTHER KEY-----",
        ErrorCode.INVALID_PUBLIC_KEY,
        "does not parse");
  }
}

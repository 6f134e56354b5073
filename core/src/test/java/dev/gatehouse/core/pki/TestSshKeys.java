package dev.gatehouse.core.pki;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;

/**
 * RSA keys made with the JDK's KeyPairGenerator, written as OpenSSH and PEM public keys by an
 * encoder of their own (RFC 4253 §6.6), so that tests check the parser against an independent
 * writer.
 */
public final class TestSshKeys {
  private final RSAPublicKey key;

  private TestSshKeys(RSAPublicKey key) {
    this.key = key;
  }

  /** A fresh RSA key of {@code bits}. */
  public static TestSshKeys rsa(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits);
      return new TestSshKeys((RSAPublicKey) g.generateKeyPair().getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] blob() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] field :
        new byte[][] {
          "ssh-rsa".getBytes(StandardCharsets.US_ASCII),
          key.getPublicExponent().toByteArray(),
          key.getModulus().toByteArray()
        }) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(field.length).array());
      out.writeBytes(field);
    }
    return out.toByteArray();
  }

  /** {@code ssh-rsa AAAA... comment}. */
  public String openSsh(String comment) {
    return "ssh-rsa " + Base64.getEncoder().encodeToString(blob()) + " " + comment;
  }

  /** {@code -----BEGIN PUBLIC KEY-----}. */
  public String pem() {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** The MD5 of the blob in colon hex, as {@code ssh-keygen -l -E md5} prints it. */
  public String md5Fingerprint() {
    try {
      return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5").digest(blob()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

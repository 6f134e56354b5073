package dev.gatehouse.core.pki;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * SSH public keys as IAM takes them. spec: IAM API Reference, UploadSSHPublicKey: "The SSH public
 * key must be in ssh-rsa format or PEM format. The minimum bit-length of the public key is 2048
 * bits." The key blob is the SSH wire encoding of RFC 4253 §6.6 ({@code string "ssh-rsa", mpint e,
 * mpint n}); AWS's Fingerprint is the MD5 of that blob in colon-separated hex (the OpenSSH legacy
 * fingerprint).
 */
public final class SshKeys {
  /** spec: UploadSSHPublicKey, "The minimum bit-length of the public key is 2048 bits". */
  public static final int MIN_BITS = 2048;

  private static final String RSA = "ssh-rsa";

  private SshKeys() {}

  /** A parsed key: the RSA key and its SSH blob. */
  public static final class SshKey {
    private final RSAPublicKey key;
    private final byte[] blob;

    SshKey(RSAPublicKey key, byte[] blob) {
      this.key = key;
      this.blob = blob.clone();
    }

    public RSAPublicKey key() {
      return key;
    }

    public byte[] blob() {
      return blob.clone();
    }

    /** MD5 of the blob, {@code xx:xx:...}, as AWS's Fingerprint. */
    public String fingerprint() {
      try {
        byte[] md5 = MessageDigest.getInstance("MD5").digest(blob);
        return HexFormat.ofDelimiter(":").formatHex(md5);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("MD5 is a required JDK algorithm", e);
      }
    }

    /** {@code ssh-rsa BASE64}, GetSSHPublicKey with Encoding SSH. */
    public String openSsh() {
      return RSA + " " + Base64.getEncoder().encodeToString(blob);
    }

    /** {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo), Encoding PEM. */
    public String pem() {
      return Pem.encode("PUBLIC KEY", key.getEncoded());
    }
  }

  /**
   * The key in {@code body}: OpenSSH ({@code ssh-rsa BASE64 [comment]}) or PEM ({@code PUBLIC KEY},
   * an RSA SubjectPublicKeyInfo).
   *
   * @throws GatehouseException UnrecognizedPublicKeyEncoding for another format or key type,
   *     InvalidPublicKey for a key that does not parse or is shorter than 2048 bits
   */
  public static SshKey parse(String body) {
    String text = body.strip();
    if (text.startsWith("-----BEGIN")) {
      return fromPem(text);
    }
    String[] parts = text.split("\\s+", 3);
    if (parts.length < 2 || (!parts[0].startsWith("ssh-") && !parts[0].startsWith("ecdsa-"))) {
      throw unrecognized("it is neither OpenSSH (ssh-rsa AAAA...) nor PEM (-----BEGIN PUBLIC KEY)");
    }
    if (!parts[0].equals(RSA)) {
      throw unrecognized("the key type " + parts[0] + " is not ssh-rsa");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw invalid("the key data after ssh-rsa is not base64");
    }
    return fromBlob(blob);
  }

  private static SshKey fromPem(String text) {
    List<Pem.Block> blocks =
        Pem.blocks(text).orElseThrow(() -> invalid("the PEM text does not parse"));
    if (blocks.size() != 1 || !blocks.get(0).label().equals("PUBLIC KEY")) {
      throw unrecognized("the PEM text must be one PUBLIC KEY block");
    }
    RSAPublicKey rsa;
    try {
      rsa =
          (RSAPublicKey)
              KeyFactory.getInstance("RSA")
                  .generatePublic(new X509EncodedKeySpec(blocks.get(0).der()));
    } catch (GeneralSecurityException e) {
      throw invalid("the PEM PUBLIC KEY is not an RSA key");
    }
    checkSize(rsa);
    return new SshKey(rsa, blob(rsa));
  }

  private static SshKey fromBlob(byte[] blob) {
    ByteBuffer in = ByteBuffer.wrap(blob);
    try {
      String type = new String(field(in), StandardCharsets.US_ASCII);
      if (!type.equals(RSA)) {
        throw invalid("the key data names " + type.toLowerCase(Locale.ROOT) + ", not ssh-rsa");
      }
      BigInteger e = new BigInteger(field(in));
      BigInteger n = new BigInteger(field(in));
      if (in.hasRemaining() || e.signum() <= 0 || n.signum() <= 0) {
        throw invalid("the ssh-rsa key data is malformed");
      }
      RSAPublicKey rsa =
          (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
      checkSize(rsa);
      return new SshKey(rsa, blob);
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw invalid("the ssh-rsa key data is truncated");
    } catch (GeneralSecurityException e) {
      throw invalid("the ssh-rsa key data is not an RSA key");
    }
  }

  private static byte[] field(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("length");
    }
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }

  private static void checkSize(RSAPublicKey key) {
    int bits = key.getModulus().bitLength();
    if (bits < MIN_BITS) {
      throw invalid("the key has " + bits + " bits; the minimum is " + MIN_BITS);
    }
  }

  /** The SSH wire blob of an RSA key. */
  static byte[] blob(RSAPublicKey key) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, RSA.getBytes(StandardCharsets.US_ASCII));
    write(out, key.getPublicExponent().toByteArray());
    write(out, key.getModulus().toByteArray());
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, byte[] field) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(field.length).array());
    out.writeBytes(field);
  }

  private static GatehouseException unrecognized(String why) {
    return new GatehouseException(
        ErrorCode.UNRECOGNIZED_PUBLIC_KEY_ENCODING,
        "The request was rejected because the public key encoding format is unsupported or"
            + " unrecognized: SSHPublicKeyBody: "
            + why
            + ".");
  }

  private static GatehouseException invalid(String why) {
    return new GatehouseException(
        ErrorCode.INVALID_PUBLIC_KEY,
        "The request was rejected because the public key is malformed or otherwise invalid:"
            + " SSHPublicKeyBody: "
            + why
            + ".");
  }
}

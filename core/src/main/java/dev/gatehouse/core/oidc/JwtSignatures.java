package dev.gatehouse.core.oidc;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Optional;

/**
 * JWS signature verification with the JDK (RFC 7518 section 3): RS256/384/512 (RSASSA-PKCS1-v1_5,
 * keys of 2048 bits at least) and ES256/384/512 (ECDSA on P-256/P-384/P-521, the signature the raw
 * {@code R || S} that the JDK wants as DER). {@code none} and the HMAC algorithms are refused: a
 * public key is not a shared secret.
 */
public final class JwtSignatures {
  private JwtSignatures() {}

  /** The JDK's algorithm for a JWS one, with the EC field size in bytes (0 for RSA). */
  private record Alg(String jdk, int ecBytes) {}

  private static Optional<Alg> alg(String jws) {
    return switch (jws) {
      case "RS256" -> Optional.of(new Alg("SHA256withRSA", 0));
      case "RS384" -> Optional.of(new Alg("SHA384withRSA", 0));
      case "RS512" -> Optional.of(new Alg("SHA512withRSA", 0));
      case "ES256" -> Optional.of(new Alg("SHA256withECDSA", 32));
      case "ES384" -> Optional.of(new Alg("SHA384withECDSA", 48));
      case "ES512" -> Optional.of(new Alg("SHA512withECDSA", 66));
      default -> Optional.empty();
    };
  }

  /** Whether Gatehouse verifies tokens signed with {@code alg}. */
  public static boolean supported(String alg) {
    return alg(alg).isPresent();
  }

  /**
   * Whether {@code signature} is {@code key}'s signature of {@code input} under {@code alg}; false
   * for an unsupported algorithm or a key of the wrong kind or size.
   */
  public static boolean verify(String alg, PublicKey key, byte[] input, byte[] signature) {
    Optional<Alg> found = alg(alg);
    if (found.isEmpty()) {
      return false;
    }
    Alg a = found.get();
    byte[] jdkSignature;
    if (a.ecBytes() == 0) {
      if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < 2048) {
        return false;
      }
      jdkSignature = signature;
    } else {
      if (!(key instanceof ECPublicKey ec)
          || (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8 != a.ecBytes()
          || signature.length != 2 * a.ecBytes()) {
        return false;
      }
      jdkSignature = der(signature, a.ecBytes());
    }
    try {
      Signature verifier = Signature.getInstance(a.jdk());
      verifier.initVerify(key);
      verifier.update(input);
      return verifier.verify(jdkSignature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** {@code R || S} as the DER SEQUENCE of two INTEGERs the JDK verifies. */
  static byte[] der(byte[] raw, int half) {
    byte[] r = integer(Arrays.copyOfRange(raw, 0, half));
    byte[] s = integer(Arrays.copyOfRange(raw, half, 2 * half));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(r);
    body.writeBytes(s);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    length(out, body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  /**
   * {@code raw} as the signature of a JWS: the JDK's DER ECDSA signature back to {@code R || S}
   * (for issuers written with the JDK, tests included).
   */
  public static byte[] raw(byte[] der, int half) {
    int offset = 2 + ((der[1] & 0x80) != 0 ? (der[1] & 0x7f) : 0);
    byte[] out = new byte[2 * half];
    for (int i = 0; i < 2; i++) {
      int len = der[offset + 1] & 0xff;
      byte[] value = Arrays.copyOfRange(der, offset + 2, offset + 2 + len);
      byte[] unsigned = new BigInteger(1, value).toByteArray();
      int start = unsigned.length > half ? unsigned.length - half : 0;
      int copy = unsigned.length - start;
      System.arraycopy(unsigned, start, out, i * half + half - copy, copy);
      offset += 2 + len;
    }
    return out;
  }

  private static byte[] integer(byte[] unsigned) {
    byte[] value = new BigInteger(1, unsigned).toByteArray(); // minimal, with a sign byte if needed
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x02);
    length(out, value.length);
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static void length(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
    } else {
      out.write(0x81);
      out.write(length);
    }
  }
}

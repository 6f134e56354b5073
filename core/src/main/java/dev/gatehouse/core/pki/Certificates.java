package dev.gatehouse.core.pki;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * X.509 certificates and private keys in PEM, parsed with the JDK. spec: IAM API Reference,
 * UploadSigningCertificate and UploadServerCertificate; IAM User Guide, "Managing server
 * certificates in IAM": the certificate, chain and private key are PEM-encoded, the private key
 * unencrypted.
 */
public final class Certificates {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Certificates() {}

  /** One certificate: its parsed form and the SHA-256 of its DER, hex. */
  public record Parsed(X509Certificate certificate, String sha256) {
    public Instant notAfter() {
      return certificate.getNotAfter().toInstant();
    }
  }

  /**
   * The single certificate of {@code pem}.
   *
   * @param where the parameter, for the message (CertificateBody)
   * @throws GatehouseException MalformedCertificate when it is not exactly one PEM certificate
   */
  public static Parsed certificate(String where, String pem) {
    List<Parsed> all = certificates(where, pem);
    if (all.size() != 1) {
      throw malformed(where + " must hold one certificate, not " + all.size());
    }
    return all.get(0);
  }

  /** Every certificate of {@code pem} (a chain), in order; MalformedCertificate otherwise. */
  public static List<Parsed> certificates(String where, String pem) {
    List<Pem.Block> blocks =
        Pem.blocks(pem).orElseThrow(() -> malformed(where + " is not PEM-encoded"));
    List<Parsed> out = new ArrayList<>();
    for (Pem.Block b : blocks) {
      if (!b.label().equals("CERTIFICATE")) {
        throw malformed(where + " holds a " + b.label() + " block, not a CERTIFICATE");
      }
      try {
        X509Certificate c =
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(b.der()));
        out.add(new Parsed(c, sha256(b.der())));
      } catch (GeneralSecurityException e) {
        throw malformed(where + " holds a certificate that does not parse as X.509");
      }
    }
    return out;
  }

  /**
   * Whether the certificate is valid at {@code now}.
   *
   * @throws GatehouseException {@code code} naming the certificate expired or not yet valid
   */
  public static void checkValidity(Parsed c, Instant now, ErrorCode code, String where) {
    try {
      c.certificate().checkValidity(Date.from(now));
    } catch (CertificateExpiredException e) {
      throw new GatehouseException(
          code, message(code) + ": " + where + " expired at " + c.notAfter() + ".");
    } catch (CertificateNotYetValidException e) {
      throw new GatehouseException(
          code,
          message(code)
              + ": "
              + where
              + " is not valid before "
              + c.certificate().getNotBefore().toInstant()
              + ".");
    }
  }

  /**
   * The private key of {@code pem}: PKCS#8 ({@code PRIVATE KEY}, RSA or EC) or PKCS#1 ({@code RSA
   * PRIVATE KEY}). The message never quotes the key.
   *
   * @throws GatehouseException MalformedCertificate for anything else, an encrypted key included
   */
  public static PrivateKey privateKey(String pem) {
    List<Pem.Block> blocks =
        Pem.blocks(pem).orElseThrow(() -> malformed("PrivateKey is not PEM-encoded"));
    if (blocks.size() != 1) {
      throw malformed("PrivateKey must hold one key, not " + blocks.size() + " PEM blocks");
    }
    Pem.Block b = blocks.get(0);
    byte[] pkcs8;
    switch (b.label()) {
      case "PRIVATE KEY" -> pkcs8 = b.der();
      case "RSA PRIVATE KEY" -> pkcs8 = rsaPkcs8(b.der());
      default ->
          throw malformed(
              "PrivateKey is a "
                  + b.label()
                  + " block; give an unencrypted PRIVATE KEY or RSA PRIVATE KEY");
    }
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw malformed("PrivateKey is neither an RSA nor an EC private key");
  }

  /**
   * Whether {@code key} is the private half of the certificate's public key: a random challenge
   * signed with it must verify with the certificate.
   *
   * @throws GatehouseException KeyPairMismatch when it is not
   */
  public static void requireMatch(Parsed c, PrivateKey key) {
    String certAlgorithm = c.certificate().getPublicKey().getAlgorithm();
    if (certAlgorithm.equals(key.getAlgorithm())) {
      String algorithm = certAlgorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      byte[] challenge = new byte[32];
      RANDOM.nextBytes(challenge);
      try {
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(c.certificate().getPublicKey());
        verifier.update(challenge);
        if (verifier.verify(signature)) {
          return;
        }
      } catch (GeneralSecurityException e) {
        // a key that cannot sign for this certificate does not match it
      }
    }
    throw new GatehouseException(
        ErrorCode.KEY_PAIR_MISMATCH,
        "The request was rejected because the public key certificate and the private key do not"
            + " match.");
  }

  /** PKCS#1 RSAPrivateKey wrapped in PKCS#8 PrivateKeyInfo (spec: RFC 5208 §5, RFC 8017 A.1.2). */
  public static byte[] rsaPkcs8(byte[] pkcs1) {
    byte[] version = {0x02, 0x01, 0x00};
    byte[] algorithm = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] octets = tlv(0x04, pkcs1);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(version);
    body.writeBytes(algorithm);
    body.writeBytes(octets);
    return tlv(0x30, body.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n & 0xff);
    } else {
      out.write(0x83);
      out.write(n >> 16);
      out.write((n >> 8) & 0xff);
      out.write(n & 0xff);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  static String sha256(byte[] der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }

  private static String message(ErrorCode code) {
    return code == ErrorCode.INVALID_CERTIFICATE
        ? "The request was rejected because the certificate is invalid"
        : "The request was rejected because the certificate was malformed or expired";
  }

  private static GatehouseException malformed(String why) {
    return new GatehouseException(
        ErrorCode.MALFORMED_CERTIFICATE,
        message(ErrorCode.MALFORMED_CERTIFICATE) + ": " + why + ".");
  }
}

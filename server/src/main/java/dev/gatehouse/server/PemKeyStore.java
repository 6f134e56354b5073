package dev.gatehouse.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds an in-memory key store from PEM files, so operators can hand over what certbot writes. */
final class PemKeyStore {
  private PemKeyStore() {}

  static final String ALIAS = "gatehouse";

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  static KeyStore load(Path certificateChain, Path privateKey, char[] password)
      throws IOException, GeneralSecurityException {
    List<Certificate> chain = new ArrayList<>();
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    for (Block block : blocks(Files.readString(certificateChain, StandardCharsets.US_ASCII))) {
      if (block.type().equals("CERTIFICATE")) {
        chain.add(x509.generateCertificate(new ByteArrayInputStream(block.der())));
      }
    }
    if (chain.isEmpty()) {
      throw new GeneralSecurityException("no CERTIFICATE block in " + certificateChain);
    }
    PrivateKey key = null;
    for (Block block : blocks(Files.readString(privateKey, StandardCharsets.US_ASCII))) {
      key =
          switch (block.type()) {
            case "PRIVATE KEY" -> pkcs8(block.der(), chain.get(0).getPublicKey().getAlgorithm());
            case "RSA PRIVATE KEY" -> pkcs8(wrapPkcs1Rsa(block.der()), "RSA");
            default -> key;
          };
    }
    if (key == null) {
      throw new GeneralSecurityException(
          "no PRIVATE KEY or RSA PRIVATE KEY block in " + privateKey);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, password);
    store.setKeyEntry(ALIAS, key, password, chain.toArray(new Certificate[0]));
    return store;
  }

  @SuppressWarnings("ArrayRecordComponent") // private, decoded once and read once
  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(String pem) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
    }
    return out;
  }

  private static PrivateKey pkcs8(byte[] der, String algorithm) throws GeneralSecurityException {
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  /**
   * Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (spec: RFC 5208 section 5): version 0,
   * algorithm rsaEncryption with NULL parameters, the key as an OCTET STRING.
   */
  static byte[] wrapPkcs1Rsa(byte[] pkcs1) {
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
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = der(0x04, pkcs1);
    byte[] body = new byte[version.length + algorithm.length + octets.length];
    System.arraycopy(version, 0, body, 0, version.length);
    System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
    System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
    return der(0x30, body);
  }

  private static byte[] der(int tag, byte[] content) {
    int n = content.length;
    byte[] length;
    if (n < 0x80) {
      length = new byte[] {(byte) n};
    } else if (n < 0x100) {
      length = new byte[] {(byte) 0x81, (byte) n};
    } else if (n < 0x10000) {
      length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    } else {
      length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }
    byte[] out = new byte[1 + length.length + n];
    out[0] = (byte) tag;
    System.arraycopy(length, 0, out, 1, length.length);
    System.arraycopy(content, 0, out, 1 + length.length, n);
    return out;
  }
}

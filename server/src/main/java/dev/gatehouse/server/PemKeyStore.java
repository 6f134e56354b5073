package dev.gatehouse.server;

import dev.gatehouse.core.pki.Certificates;
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
            case "RSA PRIVATE KEY" -> pkcs8(Certificates.rsaPkcs8(block.der()), "RSA");
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
}

package dev.gatehouse.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.saml.TestIdp;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Certificates and private keys: a keytool certificate with its key parses and matches; each
 * malformed, mismatched, expired or not-yet-valid input is refused with AWS's error, and no message
 * quotes a private key.
 */
class CertificatesTest {
  private static TestIdp one;
  private static TestIdp two;

  @BeforeAll
  static void keys() {
    one = TestIdp.create("https://one.example.com");
    two = TestIdp.create("https://two.example.com");
  }

  private static void refused(Runnable call, ErrorCode code, String text) {
    assertThatThrownBy(call::run)
        .isInstanceOf(GatehouseException.class)
        .satisfies(e -> assertThat(((GatehouseException) e).code()).isEqualTo(code))
        .hasMessageContaining(text)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("MII"));
  }

  @Test
  void aCertificateAndItsKeyParseAndMatch() {
    Certificates.Parsed c = Certificates.certificate("CertificateBody", one.certificatePem());
    assertThat(c.certificate()).isEqualTo(one.certificate());
    assertThat(c.sha256()).hasSize(64);
    assertThat(c.notAfter()).isEqualTo(one.certificate().getNotAfter().toInstant());
    PrivateKey key = Certificates.privateKey(one.privateKeyPem());
    assertThat(key.getEncoded()).isEqualTo(one.privateKey().getEncoded());
    Certificates.requireMatch(c, key);
    assertThat(
            Certificates.certificates(
                "CertificateChain", one.certificatePem() + two.certificatePem()))
        .extracting(Certificates.Parsed::certificate)
        .containsExactly(one.certificate(), two.certificate());
  }

  @Test
  void aPkcs1RsaKeyIsReadToo() {
    byte[] pkcs8 = one.privateKey().getEncoded();
    // PrivateKeyInfo of a 2048-bit key: 4 + 3 + 15 + 4 header bytes before the PKCS#1 octets
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    assertThat(Certificates.rsaPkcs8(pkcs1)).isEqualTo(pkcs8);
    PrivateKey key = Certificates.privateKey(TestIdp.pem("RSA PRIVATE KEY", pkcs1));
    Certificates.requireMatch(
        Certificates.certificate("CertificateBody", one.certificatePem()), key);
    assertThat(Certificates.rsaPkcs8(new byte[10])).startsWith(0x30, 0x1e);
    assertThat(Certificates.rsaPkcs8(new byte[200])).startsWith(0x30, (byte) 0x81);
    assertThat(Certificates.rsaPkcs8(new byte[70_000])).startsWith(0x30, (byte) 0x83);
  }

  @Test
  void malformedCertificatesAreRefused() {
    refused(
        () -> Certificates.certificate("CertificateBody", "not a certificate"),
        ErrorCode.MALFORMED_CERTIFICATE,
        "CertificateBody is not PEM-encoded");
    refused(
        () ->
            Certificates.certificate(
                "CertificateBody", TestIdp.pem("CERTIFICATE", new byte[] {1, 2})),
        ErrorCode.MALFORMED_CERTIFICATE,
        "does not parse as X.509");
    refused(
        () -> Certificates.certificate("CertificateBody", one.privateKeyPem()),
        ErrorCode.MALFORMED_CERTIFICATE,
        "holds a PRIVATE KEY block, not a CERTIFICATE");
    refused(
        () ->
            Certificates.certificate(
                "CertificateBody", one.certificatePem() + two.certificatePem()),
        ErrorCode.MALFORMED_CERTIFICATE,
        "must hold one certificate, not 2");
  }

  @Test
  void expiredAndNotYetValidCertificatesAreRefusedWithTheCodeAsked() {
    Certificates.Parsed c = Certificates.certificate("CertificateBody", one.certificatePem());
    Certificates.checkValidity(c, Instant.now(), ErrorCode.INVALID_CERTIFICATE, "it");
    refused(
        () ->
            Certificates.checkValidity(
                c, c.notAfter().plusSeconds(1), ErrorCode.INVALID_CERTIFICATE, "the certificate"),
        ErrorCode.INVALID_CERTIFICATE,
        "certificate is invalid: the certificate expired at " + c.notAfter());
    refused(
        () ->
            Certificates.checkValidity(
                c, Instant.parse("2000-01-01T00:00:00Z"), ErrorCode.MALFORMED_CERTIFICATE, "it"),
        ErrorCode.MALFORMED_CERTIFICATE,
        "malformed or expired: it is not valid before");
  }

  @Test
  void privateKeysThatAreNotUsableAreRefusedWithoutBeingQuoted() throws Exception {
    refused(
        () -> Certificates.privateKey("secret stuff"),
        ErrorCode.MALFORMED_CERTIFICATE,
        "PrivateKey is not PEM-encoded");
    refused(
        () -> Certificates.privateKey(one.privateKeyPem() + two.privateKeyPem()),
        ErrorCode.MALFORMED_CERTIFICATE,
        "one key, not 2");
    refused(
        () ->
            Certificates.privateKey(
                one.privateKeyPem().replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY")),
        ErrorCode.MALFORMED_CERTIFICATE,
        "ENCRYPTED PRIVATE KEY block; give an unencrypted");
    refused(
        () -> Certificates.privateKey(TestIdp.pem("PRIVATE KEY", new byte[] {48, 3, 2, 1, 0})),
        ErrorCode.MALFORMED_CERTIFICATE,
        "neither an RSA nor an EC private key");
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    PrivateKey ecKey =
        Certificates.privateKey(
            TestIdp.pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded()));
    assertThat(ecKey.getAlgorithm()).isEqualTo("EC");
    Certificates.Parsed c = Certificates.certificate("CertificateBody", one.certificatePem());
    refused(() -> Certificates.requireMatch(c, ecKey), ErrorCode.KEY_PAIR_MISMATCH, "do not match");
    refused(
        () -> Certificates.requireMatch(c, two.privateKey()),
        ErrorCode.KEY_PAIR_MISMATCH,
        "public key certificate and the private key do not match");
  }
}

package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.fails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.ServerCertificate;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.saml.TestIdp;
import dev.gatehouse.core.store.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server certificates: upload with a matching key (sealed, never shown), get, list by path, rename,
 * tag, delete; each refusal with AWS's error and without quoting the private key.
 */
class ServerCertificatesTest {
  private static TestIdp site;
  private static TestIdp ca;

  private final IamTestKit kit =
      new IamTestKit(new MemoryStore(), Clock.systemUTC(), IamTestKit.fastHasher());
  private final ServerCertificates certs = kit.iam.serverCertificates();

  @BeforeAll
  static void certificates() {
    site = TestIdp.create("site");
    ca = TestIdp.create("ca");
  }

  private ServerCertificates.ServerCertificateView upload(String path, String name) {
    return certs.upload(
        ACCOUNT, path, name, site.certificatePem(), site.privateKeyPem(), "", List.of());
  }

  private static void refused(Runnable call, ErrorCode code, String text) {
    assertThatThrownBy(call::run)
        .isInstanceOf(GatehouseException.class)
        .hasMessageContaining(text)
        .satisfies(
            e -> assertThat(e.getMessage()).doesNotContain(site.privateKeyPem().substring(28, 60)))
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(code);
  }

  @Test
  void aCertificateIsStoredWithItsKeySealedAndShownWithoutIt() {
    ServerCertificates.ServerCertificateView up =
        certs.upload(
            ACCOUNT,
            "/web/",
            "www",
            site.certificatePem(),
            site.privateKeyPem(),
            ca.certificatePem(),
            List.of(new Tag("env", "prod")));
    ServerCertificate c = up.certificate();
    assertThat(c.id()).matches("ASCA[A-Z2-7]{17}");
    assertThat(c.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":server-certificate/web/www");
    assertThat(c.expiration()).isEqualTo(site.certificate().getNotAfter().toInstant());
    assertThat(c.chain()).isEqualTo(ca.certificatePem());
    assertThat(c.toString()).doesNotContain(c.sealedPrivateKey());
    assertThat(c.sealedPrivateKey()).startsWith("gh1.").doesNotContain("PRIVATE");
    String opened =
        new String(
            kit.keyRing.open(c.sealedPrivateKey(), ServerCertificates.binding(c.id())),
            StandardCharsets.UTF_8);
    assertThat(opened).isEqualTo(site.privateKeyPem());

    assertThat(certs.get(ACCOUNT, "WWW")).isEqualTo(up);
    assertThat(certs.resource(ACCOUNT, "www").arn()).isEqualTo(c.arn());
    assertThat(certs.resource(ACCOUNT, "www").path()).isEqualTo("/web/");
    assertThat(certs.resource(ACCOUNT, "www").tags()).containsExactly(new Tag("env", "prod"));
    assertThat(certs.resource(ACCOUNT, "other").arn())
        .isEqualTo("arn:aws:iam::" + ACCOUNT + ":server-certificate/other");

    upload("/", "api");
    assertThat(certs.list(ACCOUNT, "", PageRequest.parse("", "")).items())
        .extracting(ServerCertificate::name)
        .containsExactly("api", "www");
    assertThat(certs.list(ACCOUNT, "/web", PageRequest.parse("", "")).items())
        .extracting(ServerCertificate::name)
        .containsExactly("www");
    assertThat(certs.list(ACCOUNT, "", PageRequest.parse("", "1")).isTruncated()).isTrue();

    certs.update(ACCOUNT, "www", "/moved/", "site");
    assertThat(certs.get(ACCOUNT, "site").certificate().arn())
        .endsWith(":server-certificate/moved/site");
    certs.update(ACCOUNT, "site", "", "Site");
    certs.update(ACCOUNT, "site", "/back/", "");
    assertThat(certs.get(ACCOUNT, "site").certificate().name()).isEqualTo("Site");
    assertThat(certs.get(ACCOUNT, "site").certificate().path()).isEqualTo("/back/");
    fails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "The Server Certificate with name api already exists.",
        () -> certs.update(ACCOUNT, "site", "", "api"));

    certs.tag(ACCOUNT, "site", List.of(new Tag("team", "web")));
    certs.untag(ACCOUNT, "site", List.of("env"));
    assertThat(certs.listTags(ACCOUNT, "site", PageRequest.parse("", "")).items())
        .containsExactly(new Tag("team", "web"));

    certs.delete(ACCOUNT, "site");
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "The Server Certificate with name site cannot be found.",
        () -> certs.get(ACCOUNT, "site"));
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "The Server Certificate with name site cannot be found.",
        () -> certs.delete(ACCOUNT, "site"));
    List<Tag> left = kit.store.read(tx -> tx.tags().tags(c.id()));
    assertThat(left).isEmpty();
  }

  @Test
  void mismatchedMalformedDuplicateAndTooManyCertificatesAreRefused() {
    refused(
        () ->
            certs.upload(
                ACCOUNT, "/", "x", site.certificatePem(), ca.privateKeyPem(), "", List.of()),
        ErrorCode.KEY_PAIR_MISMATCH,
        "do not match");
    refused(
        () -> certs.upload(ACCOUNT, "/", "x", "junk", site.privateKeyPem(), "", List.of()),
        ErrorCode.MALFORMED_CERTIFICATE,
        "CertificateBody is not PEM-encoded");
    refused(
        () ->
            certs.upload(
                ACCOUNT, "/", "x", site.certificatePem(), site.privateKeyPem(), "junk", List.of()),
        ErrorCode.MALFORMED_CERTIFICATE,
        "CertificateChain is not PEM-encoded");
    refused(
        () -> certs.upload(ACCOUNT, "/", "x", site.certificatePem(), "\u0001", "", List.of()),
        ErrorCode.VALIDATION_ERROR,
        "Value at 'privateKey' failed to satisfy constraint");
    refused(
        () -> certs.upload(ACCOUNT, "/", "x", site.certificatePem(), "", "", List.of()),
        ErrorCode.VALIDATION_ERROR,
        "Value at 'privateKey' failed to satisfy constraint: Member must have length greater");
    refused(
        () ->
            certs.upload(
                ACCOUNT, "/", "x", site.certificatePem(), "x".repeat(16385), "", List.of()),
        ErrorCode.VALIDATION_ERROR,
        "Member must have length less than or equal to 16384");
    upload("/", "one");
    refused(() -> upload("/", "ONE"), ErrorCode.ENTITY_ALREADY_EXISTS, "name ONE already exists");
    for (int i = 1; i < ServerCertificates.MAX_CERTIFICATES; i++) {
      upload("/", "c" + i);
    }
    refused(
        () -> upload("/", "last"),
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for ServerCertificatesPerAccount: 20");
    refused(
        () -> certs.update(ACCOUNT, "nope", "/", ""),
        ErrorCode.NO_SUCH_ENTITY,
        "name nope cannot be found");
    refused(
        () -> certs.update(ACCOUNT, "one", "bad", ""), ErrorCode.VALIDATION_ERROR, "at 'newPath'");
  }

  @Test
  void anExpiredCertificateIsMalformed() {
    ServerCertificates later =
        new IamTestKit(
                new MemoryStore(),
                Clock.fixed(
                    site.certificate().getNotAfter().toInstant().plusSeconds(1), ZoneOffset.UTC),
                IamTestKit.fastHasher())
            .iam.serverCertificates();
    refused(
        () ->
            later.upload(
                ACCOUNT, "/", "x", site.certificatePem(), site.privateKeyPem(), "", List.of()),
        ErrorCode.MALFORMED_CERTIFICATE,
        "malformed or expired: the certificate in CertificateBody expired at");
  }
}

package dev.gatehouse.server.e2e;

import static dev.gatehouse.server.e2e.IamSdkTest.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.pki.TestSshKeys;
import dev.gatehouse.core.saml.TestIdp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.EncodingType;
import software.amazon.awssdk.services.iam.model.ListServerCertificatesResponse;
import software.amazon.awssdk.services.iam.model.SSHPublicKey;
import software.amazon.awssdk.services.iam.model.SSHPublicKeyMetadata;
import software.amazon.awssdk.services.iam.model.ServerCertificate;
import software.amazon.awssdk.services.iam.model.ServerCertificateMetadata;
import software.amazon.awssdk.services.iam.model.SigningCertificate;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UploadServerCertificateResponse;

/**
 * SSH public keys, signing certificates and server certificates through the AWS SDK for Java v2
 * over a socket: each operation, each refusal with AWS's code and status, permissions on another
 * user's keys, and a private key that no response, audit line or stored file carries in the clear.
 */
class CertificatesSdkTest extends IamSdkServerTest {
  private static final List<String> BODIES = new CopyOnWriteArrayList<>();
  private static TestIdp site;
  private static TestIdp other;
  private static TestIdp third;
  private static IamClient recorded;

  @BeforeAll
  static void material() {
    site = TestIdp.create("site");
    other = TestIdp.create("other");
    third = TestIdp.create("third");
    recorded =
        IamClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(server.rootKeyId, server.rootSecret)))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.addExecutionInterceptor(new Recorder()))
            .build();
  }

  /** Keeps every response body the client receives. */
  private static final class Recorder implements ExecutionInterceptor {
    @Override
    public Optional<InputStream> modifyHttpResponseContent(
        Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      return context
          .responseBody()
          .map(
              in -> {
                try {
                  byte[] body = in.readAllBytes();
                  BODIES.add(new String(body, StandardCharsets.UTF_8));
                  return new ByteArrayInputStream(body);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static void refused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
      int status,
      String code,
      String text) {
    AwsServiceException e = error(call);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.awsErrorDetails().errorMessage()).contains(text);
  }

  private static IamClient userClient(String name) {
    iam.createUser(r -> r.userName(name));
    AccessKey key = iam.createAccessKey(r -> r.userName(name)).accessKey();
    return server.client(key.accessKeyId(), key.secretAccessKey());
  }

  @Test
  void sshPublicKeysLifecycleAndRefusals() {
    iam.createUser(r -> r.userName("dev"));
    TestSshKeys key = TestSshKeys.rsa(2048);
    SSHPublicKey up =
        iam.uploadSSHPublicKey(r -> r.userName("dev").sshPublicKeyBody(key.openSsh("dev@box")))
            .sshPublicKey();
    String id = up.sshPublicKeyId();
    assertThat(id).matches("APKA[A-Z2-7]{16}");
    assertThat(up.userName()).isEqualTo("dev");
    assertThat(up.fingerprint()).isEqualTo(key.md5Fingerprint());
    assertThat(up.status()).isEqualTo(StatusType.ACTIVE);
    assertThat(up.uploadDate()).isNotNull();

    SSHPublicKey ssh =
        iam.getSSHPublicKey(r -> r.userName("dev").sshPublicKeyId(id).encoding(EncodingType.SSH))
            .sshPublicKey();
    assertThat(ssh.sshPublicKeyBody()).isEqualTo(key.openSsh("x").replace(" x", ""));
    SSHPublicKey pem =
        iam.getSSHPublicKey(r -> r.userName("dev").sshPublicKeyId(id).encoding(EncodingType.PEM))
            .sshPublicKey();
    assertThat(pem.sshPublicKeyBody()).isEqualTo(key.pem());
    refused(
        () -> iam.getSSHPublicKey(r -> r.userName("dev").sshPublicKeyId(id).encoding("DER")),
        400,
        "ValidationError",
        "Member must satisfy enum value set: [SSH, PEM]");

    iam.updateSSHPublicKey(r -> r.userName("dev").sshPublicKeyId(id).status(StatusType.INACTIVE));
    List<SSHPublicKeyMetadata> listed =
        iam.listSSHPublicKeys(r -> r.userName("dev")).sshPublicKeys();
    assertThat(listed).extracting(SSHPublicKeyMetadata::sshPublicKeyId).containsExactly(id);
    assertThat(listed.get(0).status()).isEqualTo(StatusType.INACTIVE);

    refused(
        () -> iam.uploadSSHPublicKey(r -> r.userName("dev").sshPublicKeyBody(key.pem())),
        400,
        "DuplicateSSHPublicKey",
        key.md5Fingerprint());
    refused(
        () ->
            iam.uploadSSHPublicKey(
                r -> r.userName("dev").sshPublicKeyBody("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA x")),
        400,
        "UnrecognizedPublicKeyEncoding",
        "ssh-ed25519 is not ssh-rsa");
    refused(
        () ->
            iam.uploadSSHPublicKey(
                r -> r.userName("dev").sshPublicKeyBody(TestSshKeys.rsa(1024).openSsh("short"))),
        400,
        "InvalidPublicKey",
        "1024 bits");
    for (int i = 0; i < 4; i++) {
      iam.uploadSSHPublicKey(
          r -> r.userName("dev").sshPublicKeyBody(TestSshKeys.rsa(2048).openSsh("more")));
    }
    refused(
        () ->
            iam.uploadSSHPublicKey(
                r -> r.userName("dev").sshPublicKeyBody(TestSshKeys.rsa(2048).openSsh("sixth"))),
        409,
        "LimitExceeded",
        "SSHPublicKeysPerUser: 5");
    String unknown = "APKAAAAAAAAAAAAAAAAA";
    refused(
        () -> iam.deleteSSHPublicKey(r -> r.userName("dev").sshPublicKeyId(unknown)),
        404,
        "NoSuchEntity",
        unknown);
    refused(
        () -> iam.deleteUser(r -> r.userName("dev")),
        409,
        "DeleteConflict",
        "must delete SSH public keys first");
    for (SSHPublicKeyMetadata m : iam.listSSHPublicKeys(r -> r.userName("dev")).sshPublicKeys()) {
      iam.deleteSSHPublicKey(r -> r.userName("dev").sshPublicKeyId(m.sshPublicKeyId()));
    }
    assertThat(iam.listSSHPublicKeys(r -> r.userName("dev")).sshPublicKeys()).isEmpty();
    iam.deleteUser(r -> r.userName("dev"));
  }

  @Test
  void anotherUsersKeysNeedPermissionOnThatUser() {
    iam.createUser(r -> r.userName("owner"));
    String id =
        iam.uploadSSHPublicKey(
                r -> r.userName("owner").sshPublicKeyBody(TestSshKeys.rsa(2048).openSsh("o")))
            .sshPublicKey()
            .sshPublicKeyId();
    try (IamClient eve = userClient("eve")) {
      iam.putUserPolicy(
          r ->
              r.userName("eve")
                  .policyName("own-keys")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                          + "\"Action\":[\"iam:*SSHPublicKey*\",\"iam:*SigningCertificate*\"],"
                          + "\"Resource\":\"arn:aws:iam::"
                          + ACCOUNT
                          + ":user/eve\"}]}"));
      eve.uploadSSHPublicKey(r -> r.userName("eve").sshPublicKeyBody(TestSshKeys.rsa(2048).pem()));
      assertThat(eve.listSSHPublicKeys(r -> r.userName("eve")).sshPublicKeys()).hasSize(1);
      assertThat(eve.listSSHPublicKeys().sshPublicKeys()).hasSize(1);
      String denied =
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/eve is not authorized to perform: iam:GetSSHPublicKey on resource:"
              + " arn:aws:iam::"
              + ACCOUNT
              + ":user/owner";
      refused(
          () ->
              eve.getSSHPublicKey(
                  r -> r.userName("owner").sshPublicKeyId(id).encoding(EncodingType.SSH)),
          403,
          "AccessDenied",
          denied);
      refused(
          () -> eve.deleteSSHPublicKey(r -> r.userName("owner").sshPublicKeyId(id)),
          403,
          "AccessDenied",
          "iam:DeleteSSHPublicKey");
      refused(
          () -> eve.listSigningCertificates(r -> r.userName("owner")),
          403,
          "AccessDenied",
          "iam:ListSigningCertificates");
      // Without UserName a signing certificate is the caller's own.
      SigningCertificate own =
          eve.uploadSigningCertificate(r -> r.certificateBody(third.certificatePem()))
              .certificate();
      assertThat(own.userName()).isEqualTo("eve");
      assertThat(eve.listSigningCertificates().certificates())
          .extracting(SigningCertificate::certificateId)
          .containsExactly(own.certificateId());
      refused(
          () -> eve.listServerCertificates(), 403, "AccessDenied", "iam:ListServerCertificates");
    }
    // The key is still the owner's, untouched.
    assertThat(iam.listSSHPublicKeys(r -> r.userName("owner")).sshPublicKeys()).hasSize(1);
  }

  @Test
  void signingCertificatesLifecycleAndRefusals() {
    iam.createUser(r -> r.userName("signer"));
    SigningCertificate up =
        iam.uploadSigningCertificate(
                r -> r.userName("signer").certificateBody(site.certificatePem()))
            .certificate();
    String id = up.certificateId();
    assertThat(id).matches("[A-Z2-7]{28}");
    assertThat(up.userName()).isEqualTo("signer");
    assertThat(up.certificateBody()).isEqualTo(site.certificatePem());
    assertThat(up.status()).isEqualTo(StatusType.ACTIVE);

    iam.updateSigningCertificate(
        r -> r.userName("signer").certificateId(id).status(StatusType.INACTIVE));
    List<SigningCertificate> listed =
        iam.listSigningCertificates(r -> r.userName("signer")).certificates();
    assertThat(listed).extracting(SigningCertificate::status).containsExactly(StatusType.INACTIVE);

    refused(
        () ->
            iam.uploadSigningCertificate(
                r -> r.userName("signer").certificateBody(site.certificatePem())),
        409,
        "DuplicateCertificate",
        "same certificate");
    refused(
        () ->
            iam.uploadSigningCertificate(
                r -> r.userName("signer").certificateBody("-----BEGIN CERTIFICATE-----\nAAAA")),
        400,
        "MalformedCertificate",
        "CertificateBody is not PEM-encoded");
    iam.uploadSigningCertificate(r -> r.userName("signer").certificateBody(other.certificatePem()));
    refused(
        () ->
            iam.uploadSigningCertificate(
                r -> r.userName("signer").certificateBody(third.certificatePem())),
        409,
        "LimitExceeded",
        "SigningCertificatesPerUser: 2");
    String unknown = "A".repeat(28);
    refused(
        () -> iam.deleteSigningCertificate(r -> r.userName("signer").certificateId(unknown)),
        404,
        "NoSuchEntity",
        unknown);
    refused(
        () -> iam.deleteUser(r -> r.userName("signer")),
        409,
        "DeleteConflict",
        "must delete signing certificates first");
    for (SigningCertificate c :
        iam.listSigningCertificates(r -> r.userName("signer")).certificates()) {
      iam.deleteSigningCertificate(r -> r.userName("signer").certificateId(c.certificateId()));
    }
    iam.deleteUser(r -> r.userName("signer"));
  }

  @Test
  void serverCertificatesLifecycleRefusalsAndAPrivateKeyNeverShown() throws IOException {
    UploadServerCertificateResponse up =
        recorded.uploadServerCertificate(
            r ->
                r.path("/web/")
                    .serverCertificateName("www")
                    .certificateBody(site.certificatePem())
                    .privateKey(site.privateKeyPem())
                    .certificateChain(other.certificatePem())
                    .tags(tag("env", "prod")));
    ServerCertificateMetadata meta = up.serverCertificateMetadata();
    assertThat(meta.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":server-certificate/web/www");
    assertThat(meta.serverCertificateId()).matches("ASCA[A-Z2-7]{17}");
    assertThat(meta.path()).isEqualTo("/web/");
    assertThat(meta.expiration()).isEqualTo(site.certificate().getNotAfter().toInstant());
    assertThat(up.tags()).containsExactly(tag("env", "prod"));

    ServerCertificate got =
        recorded.getServerCertificate(r -> r.serverCertificateName("www")).serverCertificate();
    assertThat(got.serverCertificateMetadata()).isEqualTo(meta);
    assertThat(got.certificateBody()).isEqualTo(site.certificatePem());
    assertThat(got.certificateChain()).isEqualTo(other.certificatePem());
    assertThat(got.tags()).containsExactly(tag("env", "prod"));

    recorded.uploadServerCertificate(
        r ->
            r.serverCertificateName("api")
                .certificateBody(other.certificatePem())
                .privateKey(other.privateKeyPem()));
    ListServerCertificatesResponse first = recorded.listServerCertificates(r -> r.maxItems(1));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.serverCertificateMetadataList())
        .extracting(ServerCertificateMetadata::serverCertificateName)
        .containsExactly("api");
    assertThat(
            recorded
                .listServerCertificates(r -> r.marker(first.marker()))
                .serverCertificateMetadataList())
        .extracting(ServerCertificateMetadata::serverCertificateName)
        .containsExactly("www");
    assertThat(
            recorded
                .listServerCertificates(r -> r.pathPrefix("/web"))
                .serverCertificateMetadataList())
        .extracting(ServerCertificateMetadata::serverCertificateName)
        .containsExactly("www");

    recorded.updateServerCertificate(
        r -> r.serverCertificateName("www").newServerCertificateName("site").newPath("/edge/"));
    assertThat(
            recorded
                .getServerCertificate(r -> r.serverCertificateName("site"))
                .serverCertificate()
                .serverCertificateMetadata()
                .arn())
        .isEqualTo("arn:aws:iam::" + ACCOUNT + ":server-certificate/edge/site");
    recorded.tagServerCertificate(r -> r.serverCertificateName("site").tags(tag("team", "web")));
    recorded.untagServerCertificate(r -> r.serverCertificateName("site").tagKeys("env"));
    assertThat(recorded.listServerCertificateTags(r -> r.serverCertificateName("site")).tags())
        .containsExactly(tag("team", "web"));

    refused(
        () ->
            recorded.uploadServerCertificate(
                r ->
                    r.serverCertificateName("mismatch")
                        .certificateBody(site.certificatePem())
                        .privateKey(other.privateKeyPem())),
        400,
        "KeyPairMismatch",
        "do not match");
    refused(
        () ->
            recorded.uploadServerCertificate(
                r ->
                    r.serverCertificateName("bad")
                        .certificateBody("garbage")
                        .privateKey(site.privateKeyPem())),
        400,
        "MalformedCertificate",
        "CertificateBody");
    refused(
        () ->
            recorded.uploadServerCertificate(
                r ->
                    r.serverCertificateName("SITE")
                        .certificateBody(site.certificatePem())
                        .privateKey(site.privateKeyPem())),
        409,
        "EntityAlreadyExists",
        "SITE already exists");
    refused(
        () ->
            recorded.updateServerCertificate(
                r -> r.serverCertificateName("site").newServerCertificateName("api")),
        409,
        "EntityAlreadyExists",
        "api already exists");
    refused(
        () -> recorded.getServerCertificate(r -> r.serverCertificateName("nope")),
        404,
        "NoSuchEntity",
        "nope cannot be found");
    recorded.deleteServerCertificate(r -> r.serverCertificateName("site"));
    recorded.deleteServerCertificate(r -> r.serverCertificateName("api"));
    refused(
        () -> recorded.deleteServerCertificate(r -> r.serverCertificateName("site")),
        404,
        "NoSuchEntity",
        "site cannot be found");

    // No response, audit line or stored file carries either private key in the clear.
    for (TestIdp idp : List.of(site, other)) {
      String pem = idp.privateKeyPem();
      String line = pem.lines().skip(5).findFirst().orElseThrow();
      assertThat(BODIES).isNotEmpty().noneMatch(b -> b.contains(line));
      assertThat(server.auditLines()).noneMatch(l -> l.contains(line));
      try (Stream<Path> files = Files.walk(data)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
              .as(f.toString())
              .doesNotContain(line);
        }
      }
    }
    assertThat(server.auditLines()).anyMatch(l -> l.contains("UploadServerCertificate"));
  }
}

package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.backup.BackupException;
import dev.gatehouse.core.backup.BackupHeader;
import dev.gatehouse.core.objects.CatalogObjectStore;
import dev.gatehouse.server.DataDirBackup;
import dev.gatehouse.sigv4.SigningCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A backup of a running server restores into an empty data dir, and the server started there has
 * every user, key, role, policy, account, revocation and object; a damaged or wrong-passphrase
 * backup and a non-empty target are refused with nothing written.
 */
class BackupRestoreTest {
  private static final byte[] LARGE = new byte[(int) CatalogObjectStore.INLINE_MAX + 1];

  static {
    java.util.Arrays.fill(LARGE, (byte) 'x');
  }

  static final String ACCOUNT = "123456789012";
  static final char[] PASS = "a long backup passphrase".toCharArray();
  static final int ITERATIONS = BackupHeader.MIN_ITERATIONS;

  @TempDir Path tmp;

  static String trust(String principal) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
        + principal
        + "\"},\"Action\":\"sts:AssumeRole\"}]}";
  }

  static String code(Runnable call) {
    try {
      call.run();
    } catch (AwsServiceException e) {
      return e.awsErrorDetails().errorCode();
    }
    return "none";
  }

  @Test
  void aRestoredServerHasEverythingTheRunningOneHad() throws Exception {
    Path data = tmp.resolve("data");
    Path file = tmp.resolve("gatehouse.backup");
    AwsBasicCredentials alice;
    Credentials revoked;
    Credentials kept;
    String member;
    try (LiveServer server = new LiveServer(data);
        IamClient root = server.root()) {
      root.createUser(r -> r.userName("Alice"));
      AccessKey key = root.createAccessKey(r -> r.userName("Alice")).accessKey();
      alice = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
      String policyArn =
          root.createPolicy(
                  r ->
                      r.policyName("Ops")
                          .policyDocument(
                              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                  + "\"Action\":[\"iam:Get*\",\"iam:List*\",\"s3:*\"],"
                                  + "\"Resource\":\"*\"}]}"))
              .policy()
              .arn();
      root.attachUserPolicy(r -> r.userName("Alice").policyArn(policyArn));
      root.createRole(
          r ->
              r.roleName("Reader")
                  .assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":user/Alice")));
      root.attachRolePolicy(r -> r.roleName("Reader").policyArn(policyArn));
      try (OrganizationsClient orgs =
          orgs(AwsBasicCredentials.create(server.rootKeyId, server.rootSecret), server)) {
        orgs.createOrganization(r -> {});
        member =
            orgs.createAccount(r -> r.email("prod@example.com").accountName("Production"))
                .createAccountStatus()
                .accountId();
      }
      try (var sts = sts(server, alice)) {
        revoked = sts.assumeRole(r -> r.roleArn(roleArn()).roleSessionName("gone")).credentials();
        kept = sts.assumeRole(r -> r.roleArn(roleArn()).roleSessionName("kept")).credentials();
      }
      GatehouseApiClient admin =
          new GatehouseApiClient(
              server.endpoint(), SigningCredentials.of(server.rootKeyId, server.rootSecret));
      assertThat(admin.call("RevokeSession", Map.of("AccessKeyId", revoked.accessKeyId())).status())
          .isEqualTo(200);
      try (S3Client s3 = S3Fixture.s3(server.endpoint(), alice)) {
        s3.createBucket(r -> r.bucket("records"));
        s3.putObject(r -> r.bucket("records").key("a/b.txt"), RequestBody.fromString("hello"));
        // Larger than what the catalog keeps inline: a blob file of its own.
        s3.putObject(r -> r.bucket("records").key("large.bin"), RequestBody.fromBytes(LARGE));
      }

      // Online: the server keeps running during the backup.
      DataDirBackup.Report report = DataDirBackup.backup(data, file, PASS, ITERATIONS, Map.of());
      assertThat(report.files())
          .contains("gatehouse.db", "master.key", "session-keys", "root-credentials")
          .anyMatch(n -> n.startsWith("objects/blobs/"));
      assertThat(report.notes()).isEmpty();
      assertThat(root.getUser(r -> r.userName("Alice")).user().userName()).isEqualTo("Alice");
    }
    assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
        .doesNotContain("Alice")
        .doesNotContain(alice.secretAccessKey());

    Path restored = tmp.resolve("restored");
    assertThat(DataDirBackup.restore(Files.newInputStream(file), PASS, restored))
        .contains("gatehouse.db");
    try (LiveServer server = new LiveServer(restored);
        IamClient root = server.root();
        IamClient asAlice = server.client(alice.accessKeyId(), alice.secretAccessKey())) {
      // Alice's old key still signs, and sees every user, role and policy.
      assertThat(asAlice.getUser(r -> r.userName("Alice")).user().arn()).endsWith(":user/Alice");
      assertThat(asAlice.listAccessKeys(r -> r.userName("Alice")).accessKeyMetadata())
          .extracting(m -> m.accessKeyId())
          .containsExactly(alice.accessKeyId());
      assertThat(asAlice.getRole(r -> r.roleName("Reader")).role().roleName()).isEqualTo("Reader");
      assertThat(asAlice.listPolicies(r -> r.scope("Local")).policies())
          .extracting(p -> p.policyName())
          .containsExactly("Ops");
      assertThat(root.listAttachedUserPolicies(r -> r.userName("Alice")).attachedPolicies())
          .extracting(p -> p.policyName())
          .containsExactly("Ops");
      try (OrganizationsClient orgs =
          orgs(AwsBasicCredentials.create(server.rootKeyId, server.rootSecret), server)) {
        assertThat(orgs.listAccounts().accounts()).extracting(a -> a.id()).contains(member);
      }
      // The revoked session stays refused; the other session (same session keys) still works.
      try (IamClient gone = iam(server, session(revoked));
          IamClient still = iam(server, session(kept))) {
        assertThat(code(() -> gone.listUsers())).isEqualTo("InvalidClientTokenId");
        assertThat(still.listUsers().users()).extracting(u -> u.userName()).contains("Alice");
      }
      try (S3Client s3 = S3Fixture.s3(server.endpoint(), alice)) {
        assertThat(s3.getObjectAsBytes(r -> r.bucket("records").key("a/b.txt")).asUtf8String())
            .isEqualTo("hello");
        assertThat(s3.getObjectAsBytes(r -> r.bucket("records").key("large.bin")).asByteArray())
            .isEqualTo(LARGE);
      }
    }

    // Refusals: nothing written to the target.
    byte[] bytes = Files.readAllBytes(file);
    Path target = tmp.resolve("target");
    assertRefused(bytes, "wrong".toCharArray(), target, "wrong passphrase");
    byte[] flipped = bytes.clone();
    flipped[bytes.length / 2] ^= 0x40;
    assertRefused(flipped, PASS, target, "does not authenticate");
    assertRefused(Arrays.copyOf(bytes, bytes.length - 100), PASS, target, "truncated");
    Files.createDirectories(target);
    Files.writeString(target.resolve("keep"), "mine");
    assertRefused(bytes, PASS, target, "is not empty");
    assertThat(Files.readString(target.resolve("keep"))).isEqualTo("mine");
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(".gatehouse-restore-"));
    }
    // A backup never overwrites a file.
    assertThatThrownBy(() -> DataDirBackup.backup(restored, file, PASS, ITERATIONS, Map.of()))
        .hasMessageContaining("never overwrites");
  }

  @Test
  void notesKeysFromTheEnvironmentAndRefusesADirWithoutAStore() throws Exception {
    Path data = tmp.resolve("data");
    try (LiveServer server = new LiveServer(data)) {
      assertThat(server.rootKeyId).isNotEmpty();
    }
    DataDirBackup.Report report =
        DataDirBackup.backup(
            data,
            tmp.resolve("b"),
            PASS,
            ITERATIONS,
            Map.of("GATEHOUSE_MASTER_KEY", "x", "GATEHOUSE_SESSION_KEYS", "y"));
    assertThat(report.notes()).hasSize(2);
    assertThatThrownBy(
            () ->
                DataDirBackup.backup(
                    tmp.resolve("none"), tmp.resolve("c"), PASS, ITERATIONS, Map.of()))
        .hasMessageContaining("no embedded store");
    assertThat(Files.exists(tmp.resolve("c"))).isFalse();
    assertThat(Files.exists(tmp.resolve("c.partial"))).isFalse();
  }

  static OrganizationsClient orgs(AwsCredentials c, LiveServer server) {
    return OrganizationsClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(c))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static StsClient sts(LiveServer server, AwsCredentials c) {
    return StsClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(c))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static IamClient iam(LiveServer server, AwsCredentials c) {
    return IamClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(c))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static String roleArn() {
    return "arn:aws:iam::" + ACCOUNT + ":role/Reader";
  }

  static AwsSessionCredentials session(Credentials c) {
    return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
  }

  static void assertRefused(byte[] backup, char[] pass, Path target, String message)
      throws IOException {
    boolean existed = Files.exists(target);
    List<String> before = existed ? list(target) : List.of();
    try (InputStream in = new ByteArrayInputStream(backup)) {
      assertThatThrownBy(() -> DataDirBackup.restore(in, pass, target))
          .isInstanceOf(BackupException.class)
          .hasMessageContaining(message);
    }
    assertThat(Files.exists(target)).isEqualTo(existed);
    if (existed) {
      assertThat(list(target)).isEqualTo(before);
    }
  }

  static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}

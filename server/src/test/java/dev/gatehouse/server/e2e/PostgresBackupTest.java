package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.backup.BackupException;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.PostgresBackup;
import dev.gatehouse.server.ServerConfig;
import dev.gatehouse.sigv4.SigningCredentials;
import dev.gatehouse.testsupport.TestPostgres;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code PostgresBackup}: a consistent online copy of a PostgreSQL store, restored into a fresh
 * database, where a node answers with every user, key, role, policy and session revocation; a wrong
 * passphrase, a damaged file and a database that is not empty are refused, nothing written.
 */
class PostgresBackupTest {
  static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
  static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";
  static final String READ =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
          + "\"iam:Get*\",\"Resource\":\"*\"}]}";

  @TempDir Path tmp;

  static IamClient iam(Gatehouse g, AwsCredentials c) {
    return IamClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + g.port()))
        .region(Region.US_EAST_1)
        .credentialsProvider(() -> c)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static StsClient sts(Gatehouse g, AwsCredentials c) {
    return StsClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + g.port()))
        .region(Region.US_EAST_1)
        .credentialsProvider(() -> c)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static ServerConfig config(Path dir, TestPostgres.Database db) {
    return ServerConfig.local(dir)
        .withAccount("123456789012")
        .withStore(new ServerConfig.StoreChoice.Postgres(db.url(), db.user(), db.password()));
  }

  static PostgresBackup.Target target(TestPostgres.Database db) {
    return new PostgresBackup.Target(db.url(), db.user(), db.password());
  }

  static long count(TestPostgres.Database db, String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  static long tables(TestPostgres.Database db) throws SQLException {
    return count(
        db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()");
  }

  @Test
  void aBackupRestoredIntoAFreshDatabaseAnswersWithEverythingIntact() throws Exception {
    AwsBasicCredentials root =
        AwsBasicCredentials.create(SharedPostgres.ROOT_KEY_ID, SharedPostgres.ROOT_SECRET);
    Path backup = tmp.resolve("store.ghbackup");
    AwsBasicCredentials alice;
    long revocations;
    try (SharedPostgres source = new SharedPostgres()) {
      try (Gatehouse g =
              source.start(config(tmp.resolve("a"), source.database), source.environment);
          IamClient iam = iam(g, root)) {
        iam.createUser(r -> r.userName("alice").path("/team/"));
        iam.createGroup(r -> r.groupName("readers"));
        iam.addUserToGroup(r -> r.groupName("readers").userName("alice"));
        String policyArn =
            iam.createPolicy(r -> r.policyName("read").policyDocument(READ)).policy().arn();
        iam.attachUserPolicy(r -> r.userName("alice").policyArn(policyArn));
        iam.putUserPolicy(r -> r.userName("alice").policyName("inline").policyDocument(READ));
        iam.createRole(r -> r.roleName("ops").assumeRolePolicyDocument(TRUST));
        iam.attachRolePolicy(r -> r.roleName("ops").policyArn(policyArn));
        AccessKey key = iam.createAccessKey(r -> r.userName("alice")).accessKey();
        alice = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        GatehouseApiClient.Response revoked =
            new GatehouseApiClient(
                    URI.create("http://127.0.0.1:" + g.port()),
                    SigningCredentials.of(root.accessKeyId(), root.secretAccessKey()))
                .call("RevokeUserSessions", Map.of("UserName", "alice"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

        // Online: the node keeps serving while the backup runs.
        PostgresBackup.backup(
            target(source.database), backup, PASSPHRASE, 100_000, source.environment);
        assertThat(iam.getUser(r -> r.userName("alice")).user().path()).isEqualTo("/team/");
      }
      revocations = count(source.database, "SELECT count(*) FROM sts_session_revocations");
      assertThat(revocations).isPositive();
      assertThatThrownBy(
              () ->
                  PostgresBackup.backup(
                      target(source.database), backup, PASSPHRASE, 100_000, Map.of()))
          .isInstanceOf(BackupException.class)
          .hasMessageContaining("never overwrites");

      try (TestPostgres.Database fresh = TestPostgres.createDatabase()) {
        // Refused before anything is written: a wrong passphrase, a damaged file.
        byte[] bytes = Files.readAllBytes(backup);
        assertThatThrownBy(() -> restore(bytes, "wrong passphrase".toCharArray(), target(fresh)))
            .isInstanceOf(BackupException.class)
            .hasMessageContaining("passphrase");
        byte[] damaged = bytes.clone();
        damaged[damaged.length / 2] ^= 1;
        assertThatThrownBy(() -> restore(damaged, PASSPHRASE, target(fresh)))
            .isInstanceOf(BackupException.class);
        assertThat(tables(fresh)).isZero();

        List<String> restored = restore(bytes, PASSPHRASE, target(fresh));
        assertThat(restored).contains("iam_users", "sts_session_revocations");
        assertThat(count(fresh, "SELECT count(*) FROM sts_session_revocations"))
            .isEqualTo(revocations);
        // A database that is not empty is refused, its data untouched.
        assertThatThrownBy(() -> restore(bytes, PASSPHRASE, target(fresh)))
            .isInstanceOf(BackupException.class)
            .hasMessageContaining("not empty");

        try (Gatehouse g = source.start(config(tmp.resolve("b"), fresh), source.environment);
            IamClient iam = iam(g, root)) {
          assertThat(iam.getUser(r -> r.userName("alice")).user().path()).isEqualTo("/team/");
          assertThat(iam.getGroup(r -> r.groupName("readers")).users())
              .anySatisfy(u -> assertThat(u.userName()).isEqualTo("alice"));
          assertThat(iam.listAttachedUserPolicies(r -> r.userName("alice")).attachedPolicies())
              .anySatisfy(p -> assertThat(p.policyName()).isEqualTo("read"));
          assertThat(iam.getUserPolicy(r -> r.userName("alice").policyName("inline")).policyName())
              .isEqualTo("inline");
          assertThat(iam.getRole(r -> r.roleName("ops")).role().roleName()).isEqualTo("ops");
          // Alice's key (sealed with the master key) still signs, and her policies still decide.
          try (IamClient asAlice = iam(g, alice);
              StsClient sts = sts(g, alice)) {
            assertThat(sts.getCallerIdentity().arn()).endsWith(":user/team/alice");
            assertThat(asAlice.getRole(r -> r.roleName("ops")).role().arn()).endsWith(":role/ops");
          }
        }
      }
    }
  }

  @Test
  void aDataDirBackupIsNotRestoredIntoADatabase() throws Exception {
    Path notPostgres = tmp.resolve("other.ghbackup");
    try (java.io.OutputStream out = Files.newOutputStream(notPostgres)) {
      Path one = Files.writeString(tmp.resolve("x"), "x");
      dev.gatehouse.core.backup.BackupArchive.write(
          out,
          PASSPHRASE,
          100_000,
          new java.security.SecureRandom(),
          List.of(new dev.gatehouse.core.backup.BackupArchive.Entry("gatehouse.db", one)));
    }
    try (TestPostgres.Database fresh = TestPostgres.createDatabase()) {
      assertThatThrownBy(() -> restore(Files.readAllBytes(notPostgres), PASSPHRASE, target(fresh)))
          .isInstanceOf(BackupException.class)
          .hasMessageContaining("not of a PostgreSQL store");
      assertThat(tables(fresh)).isZero();
      assertThatThrownBy(
              () ->
                  PostgresBackup.backup(
                      target(fresh), tmp.resolve("empty.ghbackup"), PASSPHRASE, 100_000, Map.of()))
          .isInstanceOf(BackupException.class)
          .hasMessageContaining("no Gatehouse store");
      assertThat(Files.exists(tmp.resolve("empty.ghbackup"))).isFalse();
    }
  }

  static List<String> restore(byte[] bytes, char[] passphrase, PostgresBackup.Target target)
      throws Exception {
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      return PostgresBackup.restore(in, passphrase, target);
    }
  }
}

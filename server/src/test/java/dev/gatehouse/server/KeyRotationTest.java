package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.crypto.CryptoException;
import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.sts.SessionKeyRotation;
import dev.gatehouse.store.sql.SqlSecrets;
import dev.gatehouse.store.sql.SqlStore;
import dev.gatehouse.store.sql.SqliteStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Session-key and master-key rotation of a data dir, the server stopped between. */
class KeyRotationTest {
  @TempDir Path data;

  Gatehouse start() throws Exception {
    ServerConfig config = ServerConfig.local(data).withAccount("123456789012");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return Gatehouse.start(config, quiet, Clock.systemUTC(), Map.of());
  }

  static URI endpoint(Gatehouse g) {
    return URI.create("http://127.0.0.1:" + g.port());
  }

  static IamClient iam(Gatehouse g, AwsCredentials c) {
    return IamClient.builder()
        .endpointOverride(endpoint(g))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(c))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static StsClient sts(Gatehouse g, AwsCredentials c) {
    return StsClient.builder()
        .endpointOverride(endpoint(g))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(c))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static S3Client s3(Gatehouse g, AwsCredentials c) {
    return S3Client.builder()
        .endpointOverride(endpoint(g))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(c))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  AwsBasicCredentials root() throws Exception {
    Map<String, String> out = new HashMap<>();
    for (String line : Files.readAllLines(data.resolve("root-credentials"))) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return AwsBasicCredentials.create(
        out.get("aws_access_key_id"), out.get("aws_secret_access_key"));
  }

  /** Alice, allowed everything, and her key. */
  AwsBasicCredentials alice(Gatehouse g) throws Exception {
    try (IamClient root = iam(g, root())) {
      root.createUser(r -> r.userName("Alice"));
      root.putUserPolicy(
          r ->
              r.userName("Alice")
                  .policyName("all")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                          + "\"Action\":\"*\",\"Resource\":\"*\"}]}"));
      AccessKey key = root.createAccessKey(r -> r.userName("Alice")).accessKey();
      return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }
  }

  static String keyIdOf(String token) {
    byte[] raw = Base64.getDecoder().decode(token);
    return new String(raw, 2, raw[1], StandardCharsets.US_ASCII);
  }

  static AwsSessionCredentials session(Credentials c) {
    return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
  }

  @Test
  void aTokenIssuedBeforeASessionKeyRotationStillWorksAndNewOnesNameTheNewKey() throws Exception {
    Credentials before;
    try (Gatehouse g = start();
        StsClient sts = sts(g, alice(g))) {
      before = sts.getSessionToken().credentials();
    }
    SessionKeyRotation.Outcome outcome =
        SessionKeyRotation.rotate(data, new SecureRandom(), Instant.now());
    assertThat(keyIdOf(before.sessionToken())).isNotEqualTo(outcome.current());
    assertThat(outcome.kept()).containsExactly(keyIdOf(before.sessionToken()));
    try (Gatehouse g = start()) {
      try (StsClient sts = sts(g, session(before))) {
        assertThat(sts.getCallerIdentity().arn()).endsWith(":user/Alice");
      }
      Credentials after;
      try (StsClient sts = sts(g, root())) {
        after = sts.getSessionToken().credentials();
      }
      assertThat(keyIdOf(after.sessionToken())).isEqualTo(outcome.current());
    }
    // Once the old key's tokens have all expired, the next rotation prunes it.
    SessionKeyRotation.Outcome later =
        SessionKeyRotation.rotate(
            data,
            new SecureRandom(),
            Instant.now().plus(SessionKeyRotation.LONGEST_TOKEN).plusSeconds(60));
    assertThat(later.pruned()).containsExactly(keyIdOf(before.sessionToken()));
    assertThat(later.kept()).containsExactly(outcome.current());
  }

  @Test
  void aMasterKeyRotationReSealsEverySecretAndSurvivesACrashAtEachStep() throws Exception {
    AwsBasicCredentials alice;
    try (Gatehouse g = start()) {
      alice = alice(g);
      try (S3Client s3 = s3(g, alice)) {
        s3.createBucket(r -> r.bucket("kept"));
        s3.putObject(r -> r.bucket("kept").key("k"), RequestBody.fromString("bytes"));
        s3.putObject(r -> r.bucket("kept").key("big"), RequestBody.fromBytes(new byte[100_000]));
      }
    }
    List<byte[]> oldKeys = KeyRing.readKeys(data.resolve(KeyRing.FILE_NAME));
    SecureRandom random = new SecureRandom();
    for (MasterKeyRotation.Stop crash :
        List.of(MasterKeyRotation.Stop.AFTER_BLOBS, MasterKeyRotation.Stop.AFTER_STORE)) {
      MasterKeyRotation.rotate(data, Map.of(), random, crash);
      assertThat(Files.exists(data.resolve(KeyRing.NEXT_FILE_NAME))).isTrue();
      assertUsable(alice);
    }
    MasterKeyRotation.Outcome done = MasterKeyRotation.rotate(data, Map.of(), random);
    assertThat(done.secrets()).isEqualTo(2); // root's key and Alice's
    assertThat(done.blobs()).isEqualTo(2); // one blob file, one object kept inline
    assertThat(Files.exists(data.resolve(KeyRing.NEXT_FILE_NAME))).isFalse();
    assertUsable(alice);

    // The old master key opens none of the store's secrets any more.
    KeyRing old = KeyRing.of(oldKeys, random);
    try (SqlStore store = SqliteStore.open(data)) {
      List<SqlSecrets.Sealed> sealed = SqlSecrets.all(store);
      assertThat(sealed).hasSize(2);
      for (SqlSecrets.Sealed s : sealed) {
        assertThatThrownBy(
                () -> old.open(s.envelope(), dev.gatehouse.core.iam.AccessKeys.binding(s.id())))
            .isInstanceOf(CryptoException.class)
            .hasMessageContaining("unknown key");
      }
    }
    assertThatThrownBy(() -> MasterKeyRotation.rotate(data, Map.of(KeyRing.ENV, "x"), random))
        .hasMessageContaining(KeyRing.ENV);
    assertThatThrownBy(() -> MasterKeyRotation.rotate(data.resolve("none"), Map.of(), random))
        .hasMessageContaining("no master key");
  }

  void assertUsable(AwsBasicCredentials alice) throws Exception {
    try (Gatehouse g = start();
        IamClient iam = iam(g, alice);
        S3Client s3 = s3(g, alice)) {
      assertThat(iam.getUser().user().userName()).isEqualTo("Alice");
      assertThat(s3.getObjectAsBytes(r -> r.bucket("kept").key("k")).asUtf8String())
          .isEqualTo("bytes");
      assertThat(s3.getObjectAsBytes(r -> r.bucket("kept").key("big")).asByteArray())
          .hasSize(100_000);
    }
  }
}

package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.iam.AccessKeys;
import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import dev.gatehouse.core.saml.TestIdp;
import dev.gatehouse.objects.BlobKeyRotation;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.Operations;
import dev.gatehouse.server.ServerConfig;
import dev.gatehouse.store.sql.SqlSecrets;
import dev.gatehouse.store.sql.SqlStore;
import dev.gatehouse.store.sql.SqliteStore;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * {@code RotateKeys} with {@code Keys=master} on a running node: S3 PUTs and IAM writes go on
 * during the rotation, and afterwards every access key, MFA seed, certificate private key and
 * object (inline and blob file) opens under the new key alone, on this node and after a restart
 * with only the new {@code master.key}; the old key opens nothing; tokens issued before still work.
 */
class OnlineMasterKeyRotationSdkTest {
  @TempDir Path dir;

  private static final byte[] LARGE = new byte[150_000];

  static {
    new Random(7).nextBytes(LARGE);
  }

  Gatehouse start(Map<String, String> env) throws Exception {
    return OpsServer.start(
        ServerConfig.local(dir).withAccount("123456789012"),
        new Operations(new Operations.MetricsExposure.Off(), Duration.ofSeconds(5)),
        env);
  }

  AwsBasicCredentials root() throws Exception {
    Map<String, String> creds = LiveServer.credentialsFile(dir.resolve("root-credentials"));
    return AwsBasicCredentials.create(
        creds.get("aws_access_key_id"), creds.get("aws_secret_access_key"));
  }

  static S3Client s3(Gatehouse g, AwsBasicCredentials c) {
    return S3Client.builder()
        .endpointOverride(OnlineKeyRotationTest.endpoint(g))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(() -> c)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static byte[] small(String key) {
    return ("small object " + key).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** What was written: access keys (by user) and object keys, small or large. */
  final Map<String, AwsBasicCredentials> keys = new ConcurrentHashMap<>();

  final Map<String, Boolean> objects = new ConcurrentHashMap<>();

  void put(S3Client s3, String key, boolean large) {
    s3.putObject(
        r -> r.bucket("kept").key(key),
        large ? RequestBody.fromBytes(LARGE) : RequestBody.fromBytes(small(key)));
    objects.put(key, large);
  }

  @Test
  void theMasterKeyRotatesWhileWritesRunAndEverythingOpensUnderTheNewKeyAlone() throws Exception {
    SecureRandom random = new SecureRandom();
    TestIdp site = TestIdp.create("site");
    byte[] seed;
    Credentials token;
    AwsBasicCredentials alice;
    List<byte[]> oldKeys;
    String newKeyId;
    try (Gatehouse g = start(Map.of())) {
      oldKeys = KeyRing.readKeys(dir.resolve(KeyRing.FILE_NAME));
      AwsBasicCredentials root = root();
      AwsBasicCredentials operator =
          OnlineKeyRotationTest.user(g, root, "operator", "gatehouse:RotateKeys");
      alice = OnlineKeyRotationTest.user(g, root, "alice", "*");
      keys.put("alice", alice);
      try (IamClient iam = OnlineKeyRotationTest.iam(g, root);
          S3Client s3 = s3(g, alice);
          StsClient sts = OnlineKeyRotationTest.sts(g, alice)) {
        VirtualMFADevice device =
            iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("alice-mfa")).virtualMFADevice();
        seed = Base32.decode(device.base32StringSeed().asUtf8String());
        iam.uploadServerCertificate(
            r ->
                r.serverCertificateName("www")
                    .certificateBody(site.certificatePem())
                    .privateKey(site.privateKeyPem()));
        s3.createBucket(r -> r.bucket("kept"));
        put(s3, "before-small", false);
        put(s3, "before-large", true);
        token = sts.getSessionToken().credentials();
      }

      // Unauthorized: refused, nothing rotated.
      String keyFile = Files.readString(dir.resolve(KeyRing.FILE_NAME));
      GatehouseApiClient.Response denied =
          OnlineKeyRotationTest.rotate(g, reader(g, root), Map.of("Keys", "master"));
      assertThat(denied.status()).isEqualTo(403);
      assertThat(denied.body()).contains("<Code>AccessDenied</Code>").contains("RotateKeys");
      assertThat(Files.readString(dir.resolve(KeyRing.FILE_NAME))).isEqualTo(keyFile);
      assertThat(dir.resolve(KeyRing.NEXT_FILE_NAME)).doesNotExist();

      // Writers run throughout the rotation: S3 PUTs (inline and blob files) and IAM writes.
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger written = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(3);
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int writer = w;
        writers.add(
            pool.submit(
                () -> {
                  try (S3Client s3 = s3(g, alice)) {
                    for (int i = 0; !stop.get() || i < 4; i++) {
                      put(s3, "w" + writer + "-" + i, i % 2 == 1);
                      written.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      writers.add(
          pool.submit(
              () -> {
                try (IamClient iam = OnlineKeyRotationTest.iam(g, root)) {
                  for (int i = 0; !stop.get() || i < 3; i++) {
                    String name = "writer" + i;
                    iam.createUser(r -> r.userName(name));
                    AccessKey k = iam.createAccessKey(r -> r.userName(name)).accessKey();
                    keys.put(
                        name, AwsBasicCredentials.create(k.accessKeyId(), k.secretAccessKey()));
                    written.incrementAndGet();
                  }
                }
                return null;
              }));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (written.get() < 6 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      // Every object written so far is read once, so this node's cache of object records holds
      // inline blobs sealed under the old key: the rotation must not leave them there.
      try (S3Client s3 = s3(g, alice)) {
        for (String key : List.copyOf(objects.keySet())) {
          s3.getObjectAsBytes(r -> r.bucket("kept").key(key));
        }
      }
      GatehouseApiClient.Response rotated =
          OnlineKeyRotationTest.rotate(g, operator, Map.of("Keys", "master"));
      stop.set(true);
      for (Future<?> f : writers) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
      newKeyId = OnlineKeyRotationTest.between(rotated.body(), "<MasterKeyId>", "</MasterKeyId>");
      assertThat(
              Integer.parseInt(
                  OnlineKeyRotationTest.between(
                      rotated.body(), "<ResealedSecrets>", "</ResealedSecrets>")))
          .isGreaterThanOrEqualTo(5); // root, operator, alice, the MFA seed, the certificate
      assertThat(rotated.body()).contains("<ResealedObjectKeys>");
      assertThat(rotated.body()).doesNotContain(operator.secretAccessKey());

      // The key file holds the new key alone; the old key is forgotten by the running node too.
      List<byte[]> now = KeyRing.readKeys(dir.resolve(KeyRing.FILE_NAME));
      assertThat(now).hasSize(1);
      assertThat(KeyRing.of(now, random).activeKeyId()).isEqualTo(newKeyId);
      assertThat(dir.resolve(KeyRing.NEXT_FILE_NAME)).doesNotExist();
      assertEverythingOpens(g, seed, token);

      // Audited as a write.
      assertThat(LiveServer.auditLinesOf(dir))
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("\"eventName\":\"RotateKeys\"")
                      .contains(operator.accessKeyId())
                      .doesNotContain("\"readOnly\":true"));
    }

    // Every sealed value of the data dir opens under the new key alone, none under the old one.
    KeyRing newRing = KeyRing.of(KeyRing.readKeys(dir.resolve(KeyRing.FILE_NAME)), random);
    KeyRing oldRing = KeyRing.of(oldKeys, random);
    try (SqlStore store = SqliteStore.open(dir)) {
      List<SqlSecrets.Sealed> sealed = SqlSecrets.all(store);
      assertThat(sealed).hasSizeGreaterThanOrEqualTo(keys.size() + 3);
      for (SqlSecrets.Sealed s : sealed) {
        String aad = s.kind() == SqlSecrets.Kind.ACCESS_KEY ? AccessKeys.binding(s.id()) : s.id();
        assertThat(s.envelope()).startsWith("gh1." + newKeyId + ".");
        newRing.open(s.envelope(), aad);
        assertThatThrownBy(() -> oldRing.open(s.envelope(), aad))
            .hasMessageContaining("unknown key");
      }
      // Re-sealing the inline blobs from the new key alone works: each opens under it.
      int inline =
          SqlSecrets.resealInlineBlobs(
              store, (id, bytes) -> BlobKeyRotation.reseal(id, bytes, newRing, newRing));
      assertThat(inline).isGreaterThanOrEqualTo(1);
    }
    int files = 0;
    try (DirectoryStream<Path> blobs = Files.newDirectoryStream(dir.resolve("objects/blobs"))) {
      for (Path ignored : blobs) {
        files++;
      }
    }
    assertThat(files).isGreaterThanOrEqualTo(1);
    assertThat(BlobKeyRotation.reseal(dir.resolve("objects"), newRing, newRing)).isEqualTo(files);

    // A restart with the new master.key alone opens everything.
    try (Gatehouse g = start(Map.of())) {
      assertEverythingOpens(g, null, token);
    }
  }

  AwsBasicCredentials reader(Gatehouse g, AwsBasicCredentials root) {
    return OnlineKeyRotationTest.user(g, root, "reader", "sts:*");
  }

  /** Every access key signs, every object reads back, the MFA seed opens, the old token works. */
  void assertEverythingOpens(Gatehouse g, byte[] seed, Credentials token) throws Exception {
    for (Map.Entry<String, AwsBasicCredentials> k : keys.entrySet()) {
      try (StsClient sts = OnlineKeyRotationTest.sts(g, k.getValue())) {
        assertThat(sts.getCallerIdentity().arn()).endsWith(":user/" + k.getKey());
      }
    }
    try (S3Client s3 = s3(g, keys.get("alice"))) {
      assertThat(objects).hasSizeGreaterThanOrEqualTo(10);
      for (Map.Entry<String, Boolean> o : objects.entrySet()) {
        byte[] got = s3.getObjectAsBytes(r -> r.bucket("kept").key(o.getKey())).asByteArray();
        assertThat(got).as(o.getKey()).isEqualTo(o.getValue() ? LARGE : small(o.getKey()));
      }
    }
    try (StsClient sts = OnlineKeyRotationTest.sts(g, OnlineKeyRotationTest.session(token))) {
      assertThat(sts.getCallerIdentity().arn()).endsWith(":user/alice");
    }
    if (seed != null) {
      // Enabling the device checks two codes against the sealed seed: it opens.
      long t = Totp.DEFAULT.step(Instant.now());
      try (IamClient iam = OnlineKeyRotationTest.iam(g, keys.get("alice"))) {
        iam.enableMFADevice(
            r ->
                r.userName("alice")
                    .serialNumber("arn:aws:iam::123456789012:mfa/alice-mfa")
                    .authenticationCode1(Totp.DEFAULT.code(seed, t - 1))
                    .authenticationCode2(Totp.DEFAULT.code(seed, t)));
      }
    }
  }

  @Test
  void aKeyFromTheEnvironmentIsRotatedThere() throws Exception {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    try (Gatehouse g = start(Map.of(KeyRing.ENV, Base64.getEncoder().encodeToString(raw)))) {
      GatehouseApiClient.Response r =
          OnlineKeyRotationTest.rotate(g, root(), Map.of("Keys", "master"));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body())
          .contains("<Code>UnmodifiableEntity</Code>")
          .contains("the master key comes from GATEHOUSE_MASTER_KEY: rotate it there");
      assertThat(dir.resolve(KeyRing.NEXT_FILE_NAME)).doesNotExist();
    }
  }
}

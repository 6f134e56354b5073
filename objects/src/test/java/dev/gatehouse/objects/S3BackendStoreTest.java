package dev.gatehouse.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.objects.ObjectError;
import dev.gatehouse.core.objects.ObjectStore;
import dev.gatehouse.core.objects.ObjectStoreContract;
import dev.gatehouse.core.objects.ObjectStoreException;
import dev.gatehouse.core.objects.ObjectWrite;
import dev.gatehouse.sigv4.SigningCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backend adapter against S3Proxy (an S3 implementation Gatehouse did not write, in-memory blob
 * store), on loopback with SigV4 enforced: every request the adapter sends must be signed right, or
 * S3Proxy refuses it.
 */
class S3BackendStoreTest extends ObjectStoreContract {
  private static final String IDENTITY = "AKIDEXAMPLEBACKEND01";
  private static final String CREDENTIAL = "backend-secret-0123456789abcdefghijklmn";
  private static S3Proxy proxy;
  private static URI endpoint;
  private static Path spool;
  private static S3BackendStore store;

  @BeforeAll
  static void start() throws Exception {
    proxy =
        S3Proxy.builder()
            .blobStore(new TransientNio2BlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
            .build();
    proxy.start();
    for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
      Thread.sleep(10);
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    spool = Files.createTempDirectory("gatehouse-spool");
    store = backend(CREDENTIAL, "gh-");
  }

  private static S3BackendStore backend(String secret, String prefix) {
    return new S3BackendStore(
        new S3Backend(endpoint, "us-east-1", SigningCredentials.of(IDENTITY, secret), prefix),
        HttpClient.newHttpClient(),
        spool,
        Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.stop();
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Override
  protected boolean supportsTagging() {
    // S3Proxy answers 501 NotImplemented to object tagging.
    return false;
  }

  @Override
  protected boolean listsInUtf8BinaryOrder() {
    // S3Proxy orders keys as Java strings (UTF-16), unlike S3.
    return false;
  }

  @Test
  void wrongBackendCredentialsAreRefusedByTheBackend() {
    S3BackendStore wrong = backend("not-the-secret-0123456789abcdefghijklm", "gh-");
    assertThatThrownBy(() -> wrong.head(location, "x")).isInstanceOf(ObjectStoreException.class);
    assertThatThrownBy(
            () ->
                wrong.put(location, ObjectWrite.of("x", 1), new ByteArrayInputStream(new byte[1])))
        .isInstanceOfSatisfying(
            ObjectStoreException.class, e -> assertThat(e).hasMessageContaining("403"));
  }

  @Test
  void bucketsAreNamedByThePrefixAndExistingOnesAreAdopted() {
    String name = store.createBucket("adopt-me");
    assertThat(name).isEqualTo("gh-adopt-me");
    // An existing bucket of the backend's: its objects are visible under their own keys.
    S3BackendStore plain = backend(CREDENTIAL, "");
    assertThat(plain.createBucket("gh-adopt-me")).isEqualTo(name);
    put("unused", bytes(1, 1));
    store.put(
        name, ObjectWrite.of("old/object", 3), new ByteArrayInputStream(new byte[] {1, 2, 3}));
    assertThat(plain.head("gh-adopt-me", "old/object").size()).isEqualTo(3);
    assertThatThrownBy(() -> store.head("gh-no-such-bucket-here", "k"))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e.error()).isIn(ObjectError.NO_SUCH_BUCKET, ObjectError.NO_SUCH_KEY));
  }

  @Test
  void keysNeedingEncodingAreSignedAndStoredAsThemselves() {
    for (String key :
        new String[] {"a b/c+d", "100%/x=y&z", "\u00e9t\u00e9/\ud83d\ude00", "q?x#y"}) {
      put(key, bytes(7, key.hashCode()));
      assertThat(read(store.get(location, key))).as(key).isEqualTo(bytes(7, key.hashCode()));
    }
    assertThat(
            store.list(location, dev.gatehouse.core.objects.ListRequest.prefix("100%/")).objects())
        .extracting(o -> o.key())
        .containsExactly("100%/x=y&z");
  }

  @Test
  void aRangeTheBackendIgnoredIsCutHereAndXmlIsEscaped() throws IOException {
    byte[] whole = bytes(100, 9);
    try (java.io.InputStream in =
        S3BackendStore.slice(
            new ByteArrayInputStream(whole),
            new dev.gatehouse.core.objects.ByteRange.Span(10, 19))) {
      assertThat(in.read()).isEqualTo(whole[10] & 0xff);
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(whole, 11, 20));
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(S3Xml.escape("<a href=\"x\">'&'</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
    assertThatThrownBy(
            () ->
                S3Xml.parse(
                    "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(ObjectStoreException.class);
  }

  @Test
  void aBucketOutsideUsEast1IsCreatedWithItsLocationConstraint() {
    S3BackendStore eu =
        new S3BackendStore(
            new S3Backend(
                endpoint, "eu-west-1", SigningCredentials.of(IDENTITY, CREDENTIAL), "eu-"),
            HttpClient.newHttpClient(),
            spool,
            Clock.systemUTC());
    String name = eu.createBucket("b");
    assertThat(name).isEqualTo("eu-b");
    eu.deleteBucket(name);
    assertThatThrownBy(() -> eu.deleteBucket(name))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e.error()).isEqualTo(ObjectError.NO_SUCH_BUCKET));
  }

  @Test
  void spoolFilesAreRemoved() throws IOException {
    put("s", bytes(100_000, 1));
    try (Stream<Path> s = Files.list(spool)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void backendSettingsComeFromTheEnvironment() {
    S3Backend b =
        S3Backend.fromEnvironment(
            Map.of(
                S3Backend.ENV_ENDPOINT, "https://rgw.example:7480",
                S3Backend.ENV_ACCESS_KEY_ID, "AKID",
                S3Backend.ENV_SECRET_ACCESS_KEY, "s3cr3t-value",
                S3Backend.ENV_BUCKET_PREFIX, "gh-"));
    assertThat(b.region()).isEqualTo("us-east-1");
    assertThat(b.backendBucket("logs")).isEqualTo("gh-logs");
    assertThat(b.credentials().hasSessionToken()).isFalse();
    assertThat(b.toString()).doesNotContain("s3cr3t-value");
    assertThatThrownBy(() -> S3Backend.fromEnvironment(Map.of(S3Backend.ENV_ENDPOINT, "https://x")))
        .hasMessageContaining(S3Backend.ENV_ACCESS_KEY_ID);
    assertThatThrownBy(
            () -> new S3Backend(URI.create("ftp://x"), "r", SigningCredentials.of("a", "b"), ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            S3Backend.fromEnvironment(
                    Map.of(
                        S3Backend.ENV_ENDPOINT, "http://x",
                        S3Backend.ENV_ACCESS_KEY_ID, "AKID",
                        S3Backend.ENV_SECRET_ACCESS_KEY, "secret",
                        S3Backend.ENV_SESSION_TOKEN, "tok"))
                .credentials()
                .hasSessionToken())
        .isTrue();
  }
}

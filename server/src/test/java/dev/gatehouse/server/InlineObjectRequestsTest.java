package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * S3 reads over real HTTP: a GetObject or HeadObject of a small object whose record the node holds
 * runs where Jetty called the handler tree and reads no store; the first read after a write, a
 * large or multipart object, a presigned or session request, a missing key go to the pool. Both
 * answer byte for byte the same (but the request id and the date).
 */
class InlineObjectRequestsTest {
  static final String BUCKET = "inline-reads";
  static final byte[] SMALL = bytes(4096);

  @TempDir static Path data;
  static Gatehouse server;
  static AwsBasicCredentials root;
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    ServerConfig config =
        ServerConfig.local(data).withAccount("123456789012").withMaxBodyBytes(4096);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    server =
        Gatehouse.start(
            config,
            new Operations(new Operations.MetricsExposure.LoopbackPort(0), Duration.ofSeconds(5)),
            quiet,
            Clock.systemUTC(),
            Map.of());
    root = InlineRequestsTest.rootCredentials(data);
    s3 = client(StaticCredentialsProvider.create(root));
    s3.createBucket(b -> b.bucket(BUCKET));
    s3.putBucketPolicy(
        b ->
            b.bucket(BUCKET)
                .policy(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
                        + "\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"arn:aws:s3:::"
                        + BUCKET
                        + "/denied/*\"}]}"));
  }

  @AfterAll
  static void stop() {
    s3.close();
    server.close();
  }

  static S3Client client(StaticCredentialsProvider credentials) {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  static byte[] bytes(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  static void put(String key, byte[] body) {
    s3.putObject(
        b -> b.bucket(BUCKET).key(key).contentType("text/plain").metadata(Map.of("color", "blue")),
        RequestBody.fromBytes(body));
  }

  /** An answer with where it ran and how many store connections it took. */
  record Answer(String text, long inlined, long pooled, long storeReads) {
    /** The answer without what differs between any two answers: request ids, date. */
    String stable() {
      return text.replaceAll("(?im)^(date|x-amz-request-id|x-amz-id-2): .*$", "$1: -")
          .replaceAll("<RequestId>[^<]*</RequestId>", "<RequestId>-</RequestId>");
    }
  }

  /** A request signed in the Authorization header with the root key, sent raw. */
  static Answer send(String method, String path, Map<String, String> headers) throws Exception {
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(method))
            .uri(endpoint().resolve(path))
            .putHeader("x-amz-content-sha256", sha256(""));
    headers.forEach(request::putHeader);
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(
                            AwsCredentialsIdentity.create(
                                root.accessKeyId(), root.secretAccessKey()))
                        .request(request.build())
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
    StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
    signed
        .request()
        .headers()
        .forEach((name, values) -> values.forEach(v -> head.append(name + ": " + v + "\r\n")));
    head.append("Connection: close\r\n\r\n");
    return measured(() -> raw(head.toString()));
  }

  interface Call {
    String run() throws Exception;
  }

  static Answer measured(Call call) throws Exception {
    long inline = server.work().inlined();
    long pooled = server.work().dispatched();
    long reads = storeReads();
    String text = call.run();
    return new Answer(
        text,
        server.work().inlined() - inline,
        server.work().dispatched() - pooled,
        storeReads() - reads);
  }

  static String raw(String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      // Byte for byte: ISO-8859-1 maps each byte to one char.
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static final Pattern ACQUIRED =
      Pattern.compile(
          "hikaricp_connections_acquire_seconds_count\\{pool=\"gatehouse-sqlite-readers\"}"
              + " ([0-9.eE+]+)");

  /** Connections taken from the store's read pool so far (each read transaction takes one). */
  static long storeReads() throws Exception {
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + server.metricsPort().orElseThrow() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    Matcher m = ACQUIRED.matcher(metrics.body());
    assertThat(m.find()).as("the read pool's acquisitions are measured").isTrue();
    return (long) Double.parseDouble(m.group(1));
  }

  static String sha256(String s) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** The same request twice after a write: first from the pool (reads the record), then inline. */
  static void pooledThenInline(String method, String key, Map<String, String> headers, int status)
      throws Exception {
    put(key, SMALL);
    Answer first = send(method, "/" + BUCKET + "/" + key, headers);
    Answer second = send(method, "/" + BUCKET + "/" + key, headers);
    assertThat(first.text()).startsWith("HTTP/1.1 " + status);
    assertThat(first.pooled()).as("the first read after a write").isEqualTo(1);
    assertThat(first.inlined()).isZero();
    assertThat(second.inlined()).as("the second, from memory").isEqualTo(1);
    assertThat(second.pooled()).isZero();
    assertThat(second.storeReads()).as("store reads inline").isZero();
    assertThat(second.stable()).isEqualTo(first.stable());
  }

  /** The same request twice, both from the pool, answered the same. */
  static Answer pooledTwice(String method, String path, Map<String, String> headers)
      throws Exception {
    Answer first = send(method, path, headers);
    Answer second = send(method, path, headers);
    assertThat(first.pooled()).isEqualTo(1);
    assertThat(second.pooled()).isEqualTo(1);
    assertThat(second.inlined()).isZero();
    assertThat(second.stable()).isEqualTo(first.stable());
    return second;
  }

  @Test
  void aCachedSmallGetRunsInlineWithTheSameBytes() throws Exception {
    pooledThenInline("GET", "small", Map.of(), 200);
    Answer again = send("GET", "/" + BUCKET + "/small", Map.of());
    assertThat(again.text()).contains("ETag: \"").contains("x-amz-meta-color: blue");
    assertThat(again.text()).endsWith("\r\n\r\n" + new String(SMALL, StandardCharsets.ISO_8859_1));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("small")).asByteArray())
        .isEqualTo(SMALL);
  }

  @Test
  void headRangesAndConditionsAnswerTheSameInline() throws Exception {
    pooledThenInline("HEAD", "head", Map.of(), 200);
    pooledThenInline("GET", "range", Map.of("Range", "bytes=10-99"), 206);
    pooledThenInline("GET", "suffix", Map.of("Range", "bytes=-5"), 206);
    pooledThenInline("GET", "unsatisfiable", Map.of("Range", "bytes=9000-"), 416);
    pooledThenInline("GET", "mismatch", Map.of("If-Match", "\"0000\""), 412);
    pooledThenInline("HEAD", "head-mismatch", Map.of("If-Match", "\"0000\""), 412);
    pooledThenInline(
        "GET", "unmodified", Map.of("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT"), 304);
    String etag = s3.headObject(b -> b.bucket(BUCKET).key("unmodified")).eTag();
    Answer match = send("GET", "/" + BUCKET + "/unmodified", Map.of("If-None-Match", etag));
    assertThat(match.text()).startsWith("HTTP/1.1 304");
    assertThat(match.inlined()).isEqualTo(1);
  }

  @Test
  void aReadAfterAnIamWriteGoesToThePoolOnce() throws Exception {
    put("after-iam", SMALL);
    send("GET", "/" + BUCKET + "/after-iam", Map.of());
    assertThat(send("GET", "/" + BUCKET + "/after-iam", Map.of()).inlined()).isEqualTo(1);
    try (IamClient iam =
        IamClient.builder()
            .endpointOverride(endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(root))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      iam.createUser(r -> r.userName("s3-reader"));
    }
    // The write made the account's snapshot stale: authorizing the next read rebuilds it.
    Answer stale = send("GET", "/" + BUCKET + "/after-iam", Map.of());
    assertThat(stale.pooled()).isEqualTo(1);
    assertThat(stale.inlined()).isZero();
    Answer current = send("GET", "/" + BUCKET + "/after-iam", Map.of());
    assertThat(current.inlined()).isEqualTo(1);
    assertThat(current.stable()).isEqualTo(stale.stable());
  }

  @Test
  void aDeniedReadIsRefusedTheSameInline() throws Exception {
    pooledThenInline("GET", "denied/a", Map.of(), 403);
    Answer denied = send("GET", "/" + BUCKET + "/denied/a", Map.of());
    assertThat(denied.text()).contains("<Code>AccessDenied</Code>");
  }

  @Test
  void aMissingKeyAndALargeOrMultipartObjectGoToThePool() throws Exception {
    Answer missing = pooledTwice("GET", "/" + BUCKET + "/missing", Map.of());
    assertThat(missing.text()).contains("<Code>NoSuchKey</Code>");
    put("large", bytes(100_000));
    Answer large = pooledTwice("GET", "/" + BUCKET + "/large", Map.of());
    assertThat(large.text()).startsWith("HTTP/1.1 200");
    String upload = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("parts")).uploadId();
    String etag =
        s3.uploadPart(
                b -> b.bucket(BUCKET).key("parts").uploadId(upload).partNumber(1),
                RequestBody.fromBytes(SMALL))
            .eTag();
    s3.completeMultipartUpload(
        b ->
            b.bucket(BUCKET)
                .key("parts")
                .uploadId(upload)
                .multipartUpload(
                    m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
    Answer parts = pooledTwice("GET", "/" + BUCKET + "/parts", Map.of());
    assertThat(parts.text()).startsWith("HTTP/1.1 200");
  }

  @Test
  void presignedAndSessionReadsGoToThePool() throws Exception {
    put("signed", SMALL);
    send("GET", "/" + BUCKET + "/signed", Map.of()); // the record is in memory now
    try (S3Presigner presigner =
        S3Presigner.builder()
            .endpointOverride(endpoint())
            .region(Region.US_EAST_1)
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .credentialsProvider(StaticCredentialsProvider.create(root))
            .build()) {
      URI url =
          presigner
              .presignGetObject(
                  p ->
                      p.signatureDuration(Duration.ofMinutes(5))
                          .getObjectRequest(g -> g.bucket(BUCKET).key("signed")))
              .url()
              .toURI();
      Answer presigned =
          measured(
              () -> {
                HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
                try (InputStream in = c.getInputStream()) {
                  return c.getResponseCode() + " " + in.readAllBytes().length;
                }
              });
      assertThat(presigned.text()).isEqualTo("200 " + SMALL.length);
      assertThat(presigned.pooled()).isEqualTo(1);
      assertThat(presigned.inlined()).isZero();
    }
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(root))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      Credentials session = sts.getSessionToken().credentials();
      try (S3Client withToken =
          client(
              StaticCredentialsProvider.create(
                  AwsSessionCredentials.create(
                      session.accessKeyId(), session.secretAccessKey(), session.sessionToken())))) {
        withToken.getObjectAsBytes(b -> b.bucket(BUCKET).key("signed")); // warm
        Answer viaSession =
            measured(
                () ->
                    Integer.toString(
                        withToken
                            .getObjectAsBytes(b -> b.bucket(BUCKET).key("signed"))
                            .asByteArray()
                            .length));
        assertThat(viaSession.text()).isEqualTo(Integer.toString(SMALL.length));
        assertThat(viaSession.pooled()).isEqualTo(1);
        assertThat(viaSession.inlined()).isZero();
      }
    }
  }
}

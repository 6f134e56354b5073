package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The API handler's non-blocking path over real HTTP: reads answered from memory run where Jetty
 * called the handler tree, with no hand-off to the pool; writes, and reads that would build a
 * snapshot or resolve a key from the store, are handed to the pool; the small body is read without
 * blocking, across TCP packets, within its limit.
 */
class InlineRequestsTest {
  static final long MAX_BODY = 4096;

  @TempDir static Path data;
  static Gatehouse server;
  static AwsBasicCredentials root;
  static IamClient iam;
  static StsClient sts;

  @BeforeAll
  static void start() throws Exception {
    server = start(data);
    root = rootCredentials(data);
    iam =
        IamClient.builder()
            .endpointOverride(endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(root))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    sts =
        StsClient.builder()
            .endpointOverride(endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(root))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    iam.createRole(
        r -> r.roleName("reader").assumeRolePolicyDocument(trust()).description("inline"));
  }

  @AfterAll
  static void stop() {
    iam.close();
    sts.close();
    server.close();
  }

  static Gatehouse start(Path dir) throws Exception {
    ServerConfig config =
        ServerConfig.local(dir).withAccount("123456789012").withMaxBodyBytes(MAX_BODY);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return Gatehouse.start(config, quiet, Clock.systemUTC(), Map.of());
  }

  static AwsBasicCredentials rootCredentials(Path dir) throws IOException {
    Map<String, String> out = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("root-credentials"))) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return AwsBasicCredentials.create(
        out.get("aws_access_key_id"), out.get("aws_secret_access_key"));
  }

  static URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  static String trust() {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},"
        + "\"Action\":\"sts:AssumeRole\"}]}";
  }

  /** Two reads, so the key, its last use and the snapshot are all in memory. */
  static void warm() {
    iam.getUser();
    iam.getUser();
  }

  @Test
  void readsFromMemoryRunWithoutHandOff() {
    warm();
    long inline = server.work().inlined();
    long pooled = server.work().dispatched();
    assertThat(iam.getUser().user().arn()).isEqualTo("arn:aws:iam::123456789012:root");
    assertThat(iam.getRole(r -> r.roleName("reader")).role().description()).isEqualTo("inline");
    assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL)).policies()).isNotNull();
    assertThat(sts.getCallerIdentity().account()).isEqualTo("123456789012");
    assertThat(server.work().inlined() - inline).isEqualTo(4);
    assertThat(server.work().dispatched() - pooled).isZero();
  }

  @Test
  void writesAndReadsAfterThemGoToThePool() {
    warm();
    long inline = server.work().inlined();
    long pooled = server.work().dispatched();
    iam.createUser(r -> r.userName("written"));
    assertThat(server.work().dispatched() - pooled).isEqualTo(1);
    // The write made the cached key and the snapshot stale: the next read reads the store.
    assertThat(iam.getUser(r -> r.userName("written")).user().userName()).isEqualTo("written");
    assertThat(server.work().dispatched() - pooled).isEqualTo(2);
    assertThat(server.work().inlined() - inline).isZero();
    assertThat(iam.getUser(r -> r.userName("written")).user().userName()).isEqualTo("written");
    assertThat(server.work().inlined() - inline).isEqualTo(1);
  }

  @Test
  void theFirstRequestOfAFreshNodeGoesToThePool(@TempDir Path fresh) throws Exception {
    try (Gatehouse other = start(fresh);
        IamClient client =
            IamClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + other.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(rootCredentials(fresh)))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
      client.getUser();
      assertThat(other.work().dispatched()).isEqualTo(1);
      assertThat(other.work().inlined()).isZero();
    }
  }

  @Test
  void aBodyInTwoPacketsIsReadWithoutBlocking() throws Exception {
    warm();
    long inline = server.work().inlined();
    String body = "Action=GetUser&Version=2010-05-08";
    String head = signedHead(body, body.length());
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + body.substring(0, 10)).getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread.sleep(300);
      out.write(body.substring(10).getBytes(StandardCharsets.UTF_8));
      out.flush();
      String response = readResponse(socket.getInputStream());
      assertThat(response)
          .startsWith("HTTP/1.1 200")
          .contains("<Arn>arn:aws:iam::123456789012:root</Arn>");
    }
    assertThat(server.work().inlined() - inline).isEqualTo(1);
  }

  @Test
  void aDeclaredBodyOverTheLimitIsRefused() throws Exception {
    String response =
        raw(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: "
                + (MAX_BODY + 1)
                + "\r\nConnection: close\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 413").contains("<Code>RequestEntityTooLarge</Code>");
  }

  @Test
  void aChunkedBodyOverTheLimitIsRefused() throws Exception {
    String chunk = "a".repeat(3000);
    String size = Integer.toHexString(chunk.length());
    String response =
        raw(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + (size + "\r\n" + chunk + "\r\n").repeat(2)
                + "0\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 413").contains("<Code>RequestEntityTooLarge</Code>");
  }

  @Test
  void aBodyCutShortOfItsLengthIsRefused() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  + "Content-Length: 100\r\n\r\nAction=GetUser")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      socket.shutdownOutput();
      String response = readResponse(socket.getInputStream());
      assertThat(response).doesNotStartWith("HTTP/1.1 200");
    }
  }

  @Test
  void concurrentReadsAndWritesStayCorrect() throws Exception {
    warm();
    long inline = server.work().inlined();
    long pooled = server.work().dispatched();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int writer = t;
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    String name = "mixed-" + writer + "-" + i;
                    iam.createUser(r -> r.userName(name));
                    assertThat(iam.getUser(r -> r.userName(name)).user().userName())
                        .isEqualTo(name);
                  }
                }));
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 40; i++) {
                    assertThat(sts.getCallerIdentity().account()).isEqualTo("123456789012");
                    assertThat(iam.getRole(r -> r.roleName("reader")).role().roleName())
                        .isEqualTo("reader");
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      threads.shutdown();
    }
    assertThat(
            iam.listUsersPaginator().users().stream()
                .filter(u -> u.userName().startsWith("mixed-"))
                .count())
        .isEqualTo(20);
    assertThat(server.work().dispatched() - pooled).isGreaterThanOrEqualTo(20);
    assertThat(server.work().inlined() - inline).isPositive();
  }

  /** A signed Query POST's request line and headers, for a body of {@code length} bytes. */
  static String signedHead(String body, int length) {
    URI uri = endpoint().resolve("/");
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(
                            AwsCredentialsIdentity.create(
                                root.accessKeyId(), root.secretAccessKey()))
                        .request(
                            SdkHttpRequest.builder()
                                .method(SdkHttpMethod.POST)
                                .uri(uri)
                                .putHeader(
                                    "Content-Type",
                                    "application/x-www-form-urlencoded; charset=utf-8")
                                .putHeader("Content-Length", String.valueOf(length))
                                .build())
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "iam")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\n");
    signed
        .request()
        .headers()
        .forEach((name, values) -> values.forEach(v -> head.append(name + ": " + v + "\r\n")));
    return head.append("Connection: close\r\n\r\n").toString();
  }

  static String raw(String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      return readResponse(socket.getInputStream());
    }
  }

  static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        bytes.write(buffer, 0, n);
      }
    } catch (java.net.SocketException e) {
      // reset after the response: what was read is the answer
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}

package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@code serve --s3-domain}: a request to {@code BUCKET.s3.DOMAIN} names its bucket in the host
 * (virtual-hosted style), signed over that host; path style keeps working beside it.
 */
class S3VirtualHostTest {
  @TempDir Path data;

  @Test
  void theHostNamesTheBucket() throws Exception {
    ServerConfig config =
        ServerConfig.local(data).withAccount("123456789012").withS3Domain("gatehouse.test");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (Gatehouse gatehouse = Gatehouse.start(config, quiet, Clock.systemUTC(), Map.of())) {
      Map<String, String> creds = LiveServer.credentialsFile(data.resolve("root-credentials"));
      AwsBasicCredentials root =
          AwsBasicCredentials.create(
              creds.get("aws_access_key_id"), creds.get("aws_secret_access_key"));
      URI pathStyle = URI.create("http://127.0.0.1:" + gatehouse.port());
      try (S3Client s3 = S3Fixture.s3(pathStyle, root)) {
        s3.createBucket(r -> r.bucket("hosted"));
        s3.putObject(r -> r.bucket("hosted").key("dir/a.txt"), RequestBody.fromString("virtual"));
      }
      URI virtual = URI.create("http://s3.gatehouse.test:" + gatehouse.port());
      String url;
      try (S3Presigner presigner =
          S3Presigner.builder()
              .endpointOverride(virtual)
              .region(Region.US_EAST_1)
              .credentialsProvider(StaticCredentialsProvider.create(root))
              .build()) {
        url =
            presigner
                .presignGetObject(
                    r ->
                        r.signatureDuration(Duration.ofMinutes(5))
                            .getObjectRequest(g -> g.bucket("hosted").key("dir/a.txt")))
                .url()
                .toString();
      }
      URI signed = URI.create(url);
      assertThat(signed.getHost()).isEqualTo("hosted.s3.gatehouse.test");
      String ok = get(gatehouse.port(), signed);
      assertThat(ok).startsWith("HTTP/1.1 200").endsWith("virtual");
      // The same path on another bucket's host is another request: the signature no longer holds.
      String other =
          get(
              gatehouse.port(),
              URI.create(url.replace("hosted.s3.gatehouse.test", "other.s3.gatehouse.test")));
      assertThat(other).startsWith("HTTP/1.1 403").contains("<Code>SignatureDoesNotMatch</Code>");
    }
  }

  /** A raw GET to the server with the URI's host in the Host header (no DNS needed). */
  private static String get(int port, URI uri) throws Exception {
    try (Socket socket = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = socket.getOutputStream();
      String request =
          "GET "
              + uri.getRawPath()
              + "?"
              + uri.getRawQuery()
              + " HTTP/1.1\r\nHost: "
              + uri.getHost()
              + ":"
              + port
              + "\r\nConnection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Objects stream through the server: a 1 GiB object (made as it is sent, never held) goes up in one
 * streamed PutObject (aws-chunked, signed chunks) and comes back down through a server whose heap
 * is 256 MiB, four times smaller than the object. The child JVM exits on the first
 * OutOfMemoryError, so a buffered body fails the test; the SHA-256 of what was sent and of what
 * came back are computed on the fly and compared.
 */
class S3StreamingMemoryTest {
  private static final long SIZE = 1L << 30;

  @TempDir Path dir;

  @Test
  void aGibibyteGoesUpAndComesBackThroughA256MiBHeap() throws Exception {
    try (ChildGatehouse server =
            ChildGatehouse.start(dir.resolve("data"), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
        S3Client s3 = server.s3()) {
      s3.createBucket(r -> r.bucket("big"));
      AtomicReference<GeneratedStream> sent = new AtomicReference<>();
      RequestBody body =
          RequestBody.fromContentProvider(
              () -> {
                GeneratedStream stream = new GeneratedStream(SIZE, 42);
                sent.set(stream);
                return stream;
              },
              SIZE,
              "application/octet-stream");
      s3.putObject(r -> r.bucket("big").key("one-gibibyte"), body);
      assertThat(sent.get().position()).isEqualTo(SIZE);
      String uploaded = sent.get().sha256Hex();

      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      long received = 0;
      try (ResponseInputStream<GetObjectResponse> in =
          s3.getObject(r -> r.bucket("big").key("one-gibibyte"))) {
        assertThat(in.response().contentLength()).isEqualTo(SIZE);
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
          sha256.update(buffer, 0, n);
          received += n;
        }
      }
      assertThat(received).isEqualTo(SIZE);
      assertThat(HexFormat.of().formatHex(sha256.digest())).isEqualTo(uploaded);
      assertThat(s3.headObject(r -> r.bucket("big").key("one-gibibyte")).contentLength())
          .isEqualTo(SIZE);
      assertThat(server.alive()).as(server.log()).isTrue();
      assertThat(server.log()).doesNotContain("OutOfMemoryError");
    }
  }
}

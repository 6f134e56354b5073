package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * S3 with the Debian AWS CLI: {@code aws s3 mb/cp/ls/presign/rm/rb} (a 20 MB upload goes multipart)
 * and {@code aws s3api}, as the root user and as a user without S3 permissions.
 */
class S3CliTest extends AwsCliServerTest {
  @Test
  void highLevelCommandsAndS3Api() throws Exception {
    assertThat(aws("s3", "mb", "s3://cli-bucket").exit()).isZero();
    byte[] content = new byte[20 * 1024 * 1024];
    new Random(7).nextBytes(content);
    Path file = work.resolve("big.bin");
    Files.write(file, content);
    AwsCli.Result cp = aws("s3", "cp", file.toString(), "s3://cli-bucket/dir/big.bin");
    assertThat(cp.exit()).as(cp.err()).isZero();
    JsonNode head = ok("s3api", "head-object", "--bucket", "cli-bucket", "--key", "dir/big.bin");
    assertThat(head.get("ContentLength").asLong()).isEqualTo(content.length);
    // Over the CLI's 8 MB threshold: a multipart upload, whose ETag counts its parts.
    assertThat(head.get("ETag").asText()).matches("\"[0-9a-f]{32}-[0-9]+\"");

    AwsCli.Result ls = aws("s3", "ls", "s3://cli-bucket/dir/");
    assertThat(ls.exit()).as(ls.err()).isZero();
    assertThat(ls.out()).contains("big.bin").contains(Integer.toString(content.length));
    assertThat(aws("s3", "ls").out()).contains("cli-bucket");

    Path back = work.resolve("back.bin");
    AwsCli.Result get = aws("s3", "cp", "s3://cli-bucket/dir/big.bin", back.toString());
    assertThat(get.exit()).as(get.err()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(content);

    AwsCli.Result presign =
        aws("s3", "presign", "s3://cli-bucket/dir/big.bin", "--expires-in", "300");
    assertThat(presign.exit()).as(presign.err()).isZero();
    HttpResponse<byte[]> fetched =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(presign.out().trim())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(fetched.body()).isEqualTo(content);

    ok(
        "s3api",
        "put-bucket-tagging",
        "--bucket",
        "cli-bucket",
        "--tagging",
        "TagSet=[{Key=team,Value=storage}]");
    assertThat(ok("s3api", "get-bucket-tagging", "--bucket", "cli-bucket").toString())
        .contains("storage");
    assertThat(ok("s3api", "get-bucket-location", "--bucket", "cli-bucket").toString())
        .contains("LocationConstraint");
    assertThat(ok("s3api", "list-objects-v2", "--bucket", "cli-bucket").get("Contents").size())
        .isEqualTo(1);

    AwsCli.Result rb = aws("s3", "rb", "s3://cli-bucket");
    assertThat(rb.exit()).isNotZero();
    assertThat(rb.err()).contains("BucketNotEmpty");
    assertThat(aws("s3", "rm", "s3://cli-bucket/dir/big.bin").exit()).isZero();
    assertThat(aws("s3", "rb", "s3://cli-bucket").exit()).isZero();
  }

  @Test
  void aUserWithoutPermissionIsRefused() throws Exception {
    Map<String, String> keys;
    try (IamClient root = server.root()) {
      root.createUser(r -> r.userName("NoS3"));
      AccessKey key = root.createAccessKey(r -> r.userName("NoS3")).accessKey();
      keys = AwsCli.keys(key.accessKeyId(), key.secretAccessKey());
    }
    AwsCli.Result ls = aws(keys, "s3", "ls");
    assertThat(ls.exit()).isNotZero();
    assertThat(ls.err()).contains("AccessDenied");
    AwsCli.Result mb = aws(keys, "s3", "mb", "s3://not-mine");
    assertThat(mb.exit()).isNotZero();
    assertThat(mb.err()).contains("AccessDenied");
  }
}

package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code serve --s3-backend URL}: objects are kept in an S3-compatible store that Gatehouse
 * re-signs for with the backend's own credentials (from the environment). The backend here is a
 * second Gatehouse: what the front stores appears in the backend's bucket, and the front's callers
 * never hold the backend's keys.
 */
class S3BackendTest {
  @TempDir Path backendData;
  @TempDir Path frontData;

  @Test
  void objectsGoToTheBackend() throws Exception {
    try (LiveServer backend = new LiveServer(backendData)) {
      AwsBasicCredentials backendKeys =
          AwsBasicCredentials.create(backend.rootKeyId, backend.rootSecret);
      ServerConfig config =
          ServerConfig.local(frontData)
              .withAccount("210987654321")
              .withS3Backend(backend.endpoint().toString());
      Map<String, String> env =
          Map.of(
              "GATEHOUSE_S3_BACKEND_ACCESS_KEY_ID", backend.rootKeyId,
              "GATEHOUSE_S3_BACKEND_SECRET_ACCESS_KEY", backend.rootSecret,
              "GATEHOUSE_S3_BACKEND_BUCKET_PREFIX", "front-");
      PrintStream quiet =
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      try (Gatehouse front = Gatehouse.start(config, quiet, Clock.systemUTC(), env)) {
        Map<String, String> creds =
            LiveServer.credentialsFile(frontData.resolve("root-credentials"));
        AwsBasicCredentials frontKeys =
            AwsBasicCredentials.create(
                creds.get("aws_access_key_id"), creds.get("aws_secret_access_key"));
        try (S3Client s3 = S3Fixture.s3(URI.create("http://127.0.0.1:" + front.port()), frontKeys);
            S3Client behind = S3Fixture.s3(backend.endpoint(), backendKeys)) {
          s3.createBucket(r -> r.bucket("data"));
          s3.putObject(r -> r.bucket("data").key("k.txt"), RequestBody.fromString("kept behind"));
          assertThat(s3.getObjectAsBytes(r -> r.bucket("data").key("k.txt")).asUtf8String())
              .isEqualTo("kept behind");
          assertThat(
                  behind.getObjectAsBytes(r -> r.bucket("front-data").key("k.txt")).asUtf8String())
              .isEqualTo("kept behind");
          assertThat(s3.listObjectsV2(r -> r.bucket("data")).contents()).hasSize(1);
        }
      }
    }
  }
}

package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.Operations;
import dev.gatehouse.server.ServerConfig;
import dev.gatehouse.sigv4.SigningCredentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * {@code gatehouse:RotateKeys} on a running server: the session-token keys rotate online, a token
 * issued before still works (before and after a restart), tokens issued after name the new key, the
 * master-key-sealed secrets still open; refused without the permission.
 */
class OnlineKeyRotationTest {
  @TempDir Path dir;

  Gatehouse start() throws Exception {
    return OpsServer.start(
        ServerConfig.local(dir).withAccount("123456789012"),
        new Operations(new Operations.MetricsExposure.Off(), Duration.ofSeconds(5)),
        Map.of());
  }

  static URI endpoint(Gatehouse g) {
    return URI.create("http://127.0.0.1:" + g.port());
  }

  static StsClient sts(Gatehouse g, AwsCredentials c) {
    return StsClient.builder()
        .endpointOverride(endpoint(g))
        .region(Region.US_EAST_1)
        .credentialsProvider(() -> c)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static IamClient iam(Gatehouse g, AwsCredentials c) {
    return IamClient.builder()
        .endpointOverride(endpoint(g))
        .region(Region.US_EAST_1)
        .credentialsProvider(() -> c)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static String keyIdOf(String token) {
    byte[] raw = Base64.getDecoder().decode(token);
    return new String(raw, 2, raw[1], StandardCharsets.US_ASCII);
  }

  static AwsSessionCredentials session(Credentials c) {
    return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
  }

  AwsBasicCredentials root() throws Exception {
    Map<String, String> creds = LiveServer.credentialsFile(dir.resolve("root-credentials"));
    return AwsBasicCredentials.create(
        creds.get("aws_access_key_id"), creds.get("aws_secret_access_key"));
  }

  static AwsBasicCredentials user(
      Gatehouse g, AwsBasicCredentials root, String name, String action) {
    try (IamClient iam = iam(g, root)) {
      iam.createUser(r -> r.userName(name));
      iam.putUserPolicy(
          r ->
              r.userName(name)
                  .policyName("p")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                          + "\"Action\":\""
                          + action
                          + "\",\"Resource\":\"*\"}]}"));
      AccessKey key = iam.createAccessKey(r -> r.userName(name)).accessKey();
      return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }
  }

  static GatehouseApiClient.Response rotate(
      Gatehouse g, AwsBasicCredentials c, Map<String, String> p) throws Exception {
    return new GatehouseApiClient(
            endpoint(g), SigningCredentials.of(c.accessKeyId(), c.secretAccessKey()))
        .call("RotateKeys", p);
  }

  static String between(String body, String open, String close) {
    int at = body.indexOf(open);
    assertThat(at).as("%s in %s", open, body).isNotNegative();
    return body.substring(at + open.length(), body.indexOf(close, at));
  }

  @Test
  void sessionKeysRotateWhileTheServerRunsAndOldTokensLiveOn() throws Exception {
    Path keyFile = dir.resolve("session-keys");
    Credentials before;
    Credentials after;
    AwsBasicCredentials operator;
    String newKey;
    try (Gatehouse g = start()) {
      AwsBasicCredentials root = root();
      operator = user(g, root, "operator", "gatehouse:RotateKeys");
      AwsBasicCredentials reader = user(g, root, "reader", "sts:*");
      try (StsClient sts = sts(g, reader)) {
        before = sts.getSessionToken().credentials();
      }
      String oldKey = keyIdOf(before.sessionToken());

      // Without the permission: refused, nothing rotated.
      String file = Files.readString(keyFile);
      GatehouseApiClient.Response denied = rotate(g, reader, Map.of());
      assertThat(denied.status()).isEqualTo(403);
      assertThat(denied.body()).contains("<Code>AccessDenied</Code>").contains("RotateKeys");
      assertThat(Files.readString(keyFile)).isEqualTo(file);
      GatehouseApiClient.Response master = rotate(g, operator, Map.of("Keys", "everything"));
      assertThat(master.status()).isEqualTo(400);
      assertThat(master.body()).contains("<Code>InvalidParameterValue</Code>");
      assertThat(Files.readString(keyFile)).isEqualTo(file);

      GatehouseApiClient.Response rotated = rotate(g, operator, Map.of());
      assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
      newKey = between(rotated.body(), "<SessionKeyId>", "</SessionKeyId>");
      assertThat(newKey).isNotEqualTo(oldKey);
      assertThat(between(rotated.body(), "<KeptSessionKeyIds>", "</KeptSessionKeyIds>"))
          .contains("<member>" + oldKey + "</member>");

      try (StsClient sts = sts(g, session(before))) {
        assertThat(sts.getCallerIdentity().arn()).endsWith(":user/reader");
      }
      try (StsClient sts = sts(g, reader)) {
        after = sts.getSessionToken().credentials();
      }
      assertThat(keyIdOf(after.sessionToken())).isEqualTo(newKey);
      // The master-key-sealed secrets (long-term keys) still open.
      assertThat(rotated.body()).doesNotContain(operator.secretAccessKey());
      try (StsClient sts = sts(g, operator)) {
        assertThat(sts.getCallerIdentity().arn()).endsWith(":user/operator");
      }
    }
    // A restart reads the rotated file: both tokens, the long-term keys, new tokens sealed anew.
    try (Gatehouse g = start()) {
      try (StsClient sts = sts(g, session(before))) {
        assertThat(sts.getCallerIdentity().arn()).endsWith(":user/reader");
      }
      try (StsClient sts = sts(g, session(after))) {
        assertThat(sts.getCallerIdentity().arn()).endsWith(":user/reader");
      }
      try (StsClient sts = sts(g, operator)) {
        assertThat(keyIdOf(sts.getSessionToken().credentials().sessionToken())).isEqualTo(newKey);
      }
    }
  }

  @Test
  void keysFromTheEnvironmentAreRotatedThereNotByOneNode() throws Exception {
    try (Gatehouse g =
        OpsServer.start(
            ServerConfig.local(dir).withAccount("123456789012"),
            Operations.defaults(),
            Map.of(
                "GATEHOUSE_SESSION_KEYS",
                "k1:" + Base64.getEncoder().encodeToString(new byte[32])))) {
      GatehouseApiClient.Response r = rotate(g, root(), Map.of());
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body())
          .contains("<Code>UnmodifiableEntity</Code>")
          .contains("GATEHOUSE_SESSION_KEYS");
    }
  }
}

package dev.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The S3 page without a browser: each refusal S3 answers (AccessDenied, InvalidBucketName,
 * BucketNotEmpty, MalformedPolicy) shown with S3's code and message, the console's upload limit,
 * and objects written by the console read by the AWS SDK and the other way round.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ScreensHttpTest {
  static final String ACCOUNT = ConsoleFixture.ACCOUNT;
  static final String ROLE = "RoleS3FullAccess";
  static final String STUART_PASSWORD = "stuart-Pa55word!";
  static final long LIMIT = 4096;

  @TempDir static Path dir;
  ConsoleFixture fx;
  FormClient admin;
  S3Client sdk;

  @BeforeAll
  void start() throws Exception {
    fx =
        new ConsoleFixture(
            dir,
            List.of(new ConsoleFixture.Login("Stuart", STUART_PASSWORD, false)),
            Map.of("GATEHOUSE_CONSOLE_MAX_UPLOAD_BYTES", Long.toString(LIMIT)));
    fx.role(ROLE, "arn:aws:iam::" + ACCOUNT + ":user/Stuart", "");
    fx.mayAssume("Stuart", ROLE);
    admin = new FormClient(fx.base());
    admin.signIn(ACCOUNT, "", fx.rootPassword());
    sdk =
        S3Client.builder()
            .endpointOverride(URI.create(fx.base()))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(fx.rootKeyId, fx.rootSecret)))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterAll
  void stop() {
    sdk.close();
    fx.close();
  }

  private static Map<String, String> form(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private void createBucket(String name) throws Exception {
    admin.get("/console/s3");
    HttpResponse<String> r =
        admin.follow(admin.post("/console/s3/create", form("bucket", name, "region", "us-east-1")));
    assertThat(r.body()).contains("Bucket " + name + " created.");
  }

  @Test
  void stuartIsRefusedUntilHeSwitchesToTheRoleAndAgainAfter() throws Exception {
    FormClient stuart = new FormClient(fx.base());
    stuart.signIn(ACCOUNT, "Stuart", STUART_PASSWORD);
    HttpResponse<String> denied = stuart.get("/console/s3");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body())
        .contains("data-testid=\"aws-error\"")
        .contains("<strong>AccessDenied</strong>")
        .contains("arn:aws:iam::" + ACCOUNT + ":user/Stuart")
        .contains("s3:ListAllMyBuckets");
    // The form actions are refused alike: no back door around the page.
    HttpResponse<String> create =
        stuart.follow(
            stuart.post("/console/s3/create", form("bucket", "stuart-own", "region", "")));
    assertThat(create.body()).contains("AccessDenied: ").contains("s3:CreateBucket");

    stuart.get("/console/switchrole");
    stuart.follow(
        stuart.post(
            "/console/switchrole",
            form("account", ACCOUNT, "roleName", ROLE, "displayName", "", "color", "blue")));
    HttpResponse<String> allowed = stuart.get("/console/s3");
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.body()).contains("<h1>Buckets</h1>").doesNotContain("aws-error");
    HttpResponse<String> made =
        stuart.follow(
            stuart.post("/console/s3/create", form("bucket", "stuart-role", "region", "")));
    assertThat(made.body()).contains("Bucket stuart-role created.");

    stuart.follow(stuart.post("/console/switchback", form()));
    assertThat(stuart.get("/console/s3").statusCode()).isEqualTo(403);
    HttpResponse<String> listing = stuart.get("/console/s3/buckets/stuart-role");
    assertThat(listing.statusCode()).isEqualTo(403);
    assertThat(listing.body()).contains("<strong>AccessDenied</strong>").contains("s3:ListBucket");

    // The same audit records as the wire API: S3's event source, the console's user agent.
    List<String> s3Records =
        fx.auditLines().stream()
            .filter(l -> l.contains("\"eventSource\":\"s3.amazonaws.com\""))
            .filter(l -> l.contains("gatehouse-console"))
            .toList();
    assertThat(s3Records)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("\"eventName\":\"ListBuckets\"")
                    .contains("\"errorCode\":\"AccessDenied\"")
                    .contains("user/Stuart"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("\"eventName\":\"CreateBucket\"")
                    .contains("assumed-role/" + ROLE + "/Stuart")
                    .doesNotContain("errorCode"));
  }

  @Test
  void anInvalidBucketNameIsShownWithS3sCode() throws Exception {
    admin.get("/console/s3");
    HttpResponse<String> r =
        admin.follow(admin.post("/console/s3/create", form("bucket", "Bad_Name", "region", "")));
    assertThat(r.body()).contains("InvalidBucketName: ").contains("data-testid=\"flash\"");
    assertThat(admin.get("/console/s3").body()).doesNotContain("Bad_Name</a>");
  }

  @Test
  void aBucketWithObjectsIsNotDeleted() throws Exception {
    createBucket("full-bucket");
    admin.get("/console/s3/buckets/full-bucket");
    admin.postFile(
        "/console/s3/buckets/full-bucket/upload",
        form("prefix", ""),
        "a.txt",
        "text/plain",
        "hello".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> refused =
        admin.follow(admin.post("/console/s3/buckets/full-bucket/delete", form()));
    assertThat(refused.body()).contains("BucketNotEmpty: ");
    admin.follow(
        admin.post(
            "/console/s3/buckets/full-bucket/delete-object", form("key", "a.txt", "prefix", "")));
    HttpResponse<String> deleted =
        admin.follow(admin.post("/console/s3/buckets/full-bucket/delete", form()));
    assertThat(deleted.body()).contains("Bucket full-bucket deleted.");
    HttpResponse<String> gone = admin.get("/console/s3/buckets/full-bucket");
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.body()).contains("<strong>NoSuchBucket</strong>");
  }

  @Test
  void aMalformedBucketPolicyIsShownWhereAndWhat() throws Exception {
    createBucket("policy-bucket");
    admin.get("/console/s3/buckets/policy-bucket/policy");
    String foreign =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "\"arn:aws:iam::"
            + ACCOUNT
            + ":root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::other/*\"}]}";
    HttpResponse<String> s3Refused =
        admin.post(
            "/console/s3/buckets/policy-bucket/policy", form("document", foreign, "step", "save"));
    assertThat(s3Refused.statusCode()).isEqualTo(400);
    assertThat(s3Refused.body())
        .contains("<strong>MalformedPolicy</strong>: Policy has invalid resource")
        .contains("arn:aws:s3:::other/*");
    HttpResponse<String> syntax =
        admin.post(
            "/console/s3/buckets/policy-bucket/policy",
            form("document", "{\"Version\":\"2012-10-17\",", "step", "save"));
    assertThat(syntax.body()).contains("data-testid=\"findings\"").contains("finding-error");
    assertThat(sdk.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("policy-bucket")))
        .isTrue();
    String good = foreign.replace("arn:aws:s3:::other/*", "arn:aws:s3:::policy-bucket/*");
    HttpResponse<String> saved =
        admin.follow(
            admin.post(
                "/console/s3/buckets/policy-bucket/policy",
                form("document", good, "step", "save")));
    assertThat(saved.body()).contains("Bucket policy of policy-bucket saved.");
    assertThat(sdk.getBucketPolicy(r -> r.bucket("policy-bucket")).policy())
        .contains("arn:aws:s3:::policy-bucket/*");
    HttpResponse<String> deleted =
        admin.follow(admin.post("/console/s3/buckets/policy-bucket/policy/delete", form()));
    assertThat(deleted.body()).contains("policy-bucket has no bucket policy.");
  }

  @Test
  void anUploadOverTheLimitIsRefusedAndLeavesNothing() throws Exception {
    createBucket("limit-bucket");
    admin.get("/console/s3/buckets/limit-bucket");
    HttpResponse<String> r =
        admin.postFile(
            "/console/s3/buckets/limit-bucket/upload",
            form("prefix", ""),
            "big.bin",
            "application/octet-stream",
            new byte[(int) LIMIT + 1]);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body())
        .contains("big.bin is " + (LIMIT + 1) + " bytes")
        .contains("up to " + LIMIT + " bytes");
    assertThatThrownBy(() -> sdk.headObject(h -> h.bucket("limit-bucket").key("big.bin")))
        .isInstanceOf(NoSuchKeyException.class);
    admin.get("/console/s3/buckets/limit-bucket");
    HttpResponse<String> exact =
        admin.follow(
            admin.postFile(
                "/console/s3/buckets/limit-bucket/upload",
                form("prefix", ""),
                "fits.bin",
                "application/octet-stream",
                new byte[(int) LIMIT]));
    assertThat(exact.body()).contains("Uploaded fits.bin (" + LIMIT + " bytes).");
  }

  @Test
  void objectsCrossBetweenTheConsoleAndTheSdk() throws Exception {
    createBucket("shared-bucket");
    byte[] console = new byte[3000];
    new Random(7).nextBytes(console);
    admin.get("/console/s3/buckets/shared-bucket?prefix=docs%2F");
    HttpResponse<String> up =
        admin.follow(
            admin.postFile(
                "/console/s3/buckets/shared-bucket/upload",
                form("prefix", "docs/"),
                "from-console.bin",
                "application/x-test",
                console));
    assertThat(up.body()).contains("Uploaded docs/from-console.bin (3000 bytes).");
    var read = sdk.getObjectAsBytes(g -> g.bucket("shared-bucket").key("docs/from-console.bin"));
    assertThat(read.asByteArray()).isEqualTo(console);
    assertThat(read.response().contentType()).isEqualTo("application/x-test");

    byte[] fromSdk = "written by the SDK \u00e9\n".getBytes(StandardCharsets.UTF_8);
    sdk.putObject(
        p -> p.bucket("shared-bucket").key("docs/from sdk.txt").contentType("text/plain"),
        RequestBody.fromBytes(fromSdk));
    String listing = admin.get("/console/s3/buckets/shared-bucket?prefix=docs%2F").body();
    assertThat(listing).contains("from sdk.txt").contains("from-console.bin");
    HttpResponse<byte[]> down =
        admin.download("/console/s3/buckets/shared-bucket/download?key=docs%2Ffrom%20sdk.txt");
    assertThat(down.statusCode()).isEqualTo(200);
    assertThat(down.body()).isEqualTo(fromSdk);
    assertThat(down.headers().firstValue("Content-Type")).hasValue("text/plain");
    assertThat(down.headers().firstValueAsLong("Content-Length")).hasValue(fromSdk.length);
    assertThat(down.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"from sdk.txt\"; filename*=UTF-8''from%20sdk.txt");
    HttpResponse<byte[]> missing =
        admin.download("/console/s3/buckets/shared-bucket/download?key=docs%2Fnone");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(new String(missing.body(), StandardCharsets.UTF_8)).contains("NoSuchKey");
  }

  @Test
  void longListingsArePagedAndPrefixesAreFolders() throws Exception {
    createBucket("paged-bucket");
    for (int i = 0; i < 5; i++) {
      int n = i;
      sdk.putObject(
          p -> p.bucket("paged-bucket").key("logs/2026/f" + n + ".log"),
          RequestBody.fromString("x"));
    }
    sdk.putObject(p -> p.bucket("paged-bucket").key("top.txt"), RequestBody.fromString("t"));
    String root = admin.get("/console/s3/buckets/paged-bucket").body();
    assertThat(root).contains("data-testid=\"folder\"").contains(">logs/</a>").contains("top.txt");
    String first = admin.get("/console/s3/buckets/paged-bucket?prefix=logs%2F2026%2F&max=2").body();
    assertThat(first)
        .contains("f0.log")
        .contains("f1.log")
        .doesNotContain("f2.log")
        .contains("rel=\"next\"")
        // Breadcrumbs: the bucket and each folder of the prefix.
        .contains("href=\"/console/s3/buckets/paged-bucket\">paged-bucket</a>")
        .contains("href=\"/console/s3/buckets/paged-bucket?prefix=logs%2F\">logs/</a>");
    java.util.regex.Matcher next =
        java.util.regex.Pattern.compile("href=\"([^\"]+)\" rel=\"next\"").matcher(first);
    assertThat(next.find()).isTrue();
    String second = admin.get(next.group(1).replace("&amp;", "&")).body();
    assertThat(second).contains("f2.log").contains("f3.log").doesNotContain("f1.log");
  }
}

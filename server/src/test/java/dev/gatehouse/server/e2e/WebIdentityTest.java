package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

/**
 * AssumeRoleWithWebIdentity end to end: a real OIDC issuer run by the test ({@link TestOidcIssuer}:
 * HTTPS with a self-signed certificate Gatehouse trusts through {@code GATEHOUSE_OIDC_CA_FILE},
 * discovery and JWKS, RS256 and ES256 keys) signs the tokens; the SDK v2 web identity credentials
 * provider and the AWS CLI get credentials that then work; each refusal AWS makes has its test.
 */
class WebIdentityTest {
  static final String ACCOUNT = "123456789012";
  static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/ci";
  static final String AUD = "sts.amazonaws.com";

  @TempDir static Path data;
  @TempDir static Path work;
  static TestOidcIssuer issuer;
  static Gatehouse gatehouse;
  static IamClient root;

  @BeforeAll
  static void start() throws Exception {
    issuer = new TestOidcIssuer(work);
    ServerConfig config = ServerConfig.local(data).withAccount(ACCOUNT);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    gatehouse =
        Gatehouse.start(
            config,
            quiet,
            Clock.systemUTC(),
            Map.of("GATEHOUSE_OIDC_CA_FILE", issuer.caPem().toString()));
    Map<String, String> creds = LiveServer.credentialsFile(data.resolve("root-credentials"));
    root =
        IamClient.builder()
            .endpointOverride(endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        creds.get("aws_access_key_id"), creds.get("aws_secret_access_key"))))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    // Registered as AWS now allows: no thumbprint list; the URL carries the issuer's port.
    root.createOpenIDConnectProvider(r -> r.url(issuer.url()).clientIDList(AUD));
    String provider = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + issuer.host();
    root.createRole(
        r ->
            r.roleName("ci")
                .maxSessionDuration(7200)
                .assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Federated\":\""
                        + provider
                        + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":"
                        + "{\"StringEquals\":{\""
                        + issuer.host()
                        + ":aud\":\""
                        + AUD
                        + "\"},\"StringLike\":{\""
                        + issuer.host()
                        + ":sub\":\"repo:acme/*\"}}}]}"));
    root.attachRolePolicy(
        r -> r.roleName("ci").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
  }

  @AfterAll
  static void stop() {
    if (gatehouse != null) {
      gatehouse.close();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  static URI endpoint() {
    return URI.create("http://127.0.0.1:" + gatehouse.port());
  }

  static StsClient sts(AwsCredentialsProvider credentials) {
    return StsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static AssumeRoleWithWebIdentityResponse assume(String token) {
    try (StsClient sts = sts(AnonymousCredentialsProvider.create())) {
      return sts.assumeRoleWithWebIdentity(
          r -> r.roleArn(ROLE_ARN).roleSessionName("run-1").webIdentityToken(token));
    }
  }

  static AwsServiceException refused(String token) {
    try {
      assume(token);
    } catch (AwsServiceException e) {
      return e;
    }
    throw new AssertionError("the call must be refused");
  }

  static String callerArn(AwsCredentialsProvider credentials) {
    try (StsClient sts = sts(credentials)) {
      return sts.getCallerIdentity().arn();
    }
  }

  @Test
  void theSdkWebIdentityProviderGetsCredentialsThatWork() throws Exception {
    Path tokenFile = work.resolve("token");
    Files.writeString(
        tokenFile, issuer.token("rsa-1", issuer.claims("repo:acme/app:ref:main", AUD)));
    try (StsClient anonymous = sts(AnonymousCredentialsProvider.create());
        StsWebIdentityTokenFileCredentialsProvider provider =
            StsWebIdentityTokenFileCredentialsProvider.builder()
                .stsClient(anonymous)
                .roleArn(ROLE_ARN)
                .roleSessionName("sdk")
                .webIdentityTokenFile(tokenFile)
                .build()) {
      assertThat(callerArn(provider)).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/ci/sdk");
      // The role's permissions apply: IAMReadOnlyAccess lists the role.
      try (IamClient iam =
          IamClient.builder()
              .endpointOverride(endpoint())
              .region(Region.US_EAST_1)
              .credentialsProvider(provider)
              .httpClient(UrlConnectionHttpClient.create())
              .build()) {
        assertThat(iam.getRole(r -> r.roleName("ci")).role().arn()).isEqualTo(ROLE_ARN);
      }
    }
  }

  @Test
  void theResponseCarriesWhatTheTokenSaidAndEs256TokensWorkToo() throws Exception {
    AssumeRoleWithWebIdentityResponse r =
        assume(issuer.token("ec-1", issuer.claims("repo:acme/lib", AUD)));
    assertThat(r.subjectFromWebIdentityToken()).isEqualTo("repo:acme/lib");
    assertThat(r.audience()).isEqualTo(AUD);
    assertThat(r.provider())
        .isEqualTo("arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + issuer.host());
    assertThat(r.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/ci/run-1");
    assertThat(r.credentials().accessKeyId()).startsWith("ASIA");
    // An array audience works when one of its members is a client id.
    long now = System.currentTimeMillis() / 1000;
    assertThat(
            assume(
                    issuer.token(
                        "rsa-1",
                        issuer.claims("repo:acme/x", "[\"other\",\"" + AUD + "\"]", now, now + 60)))
                .audience())
        .isEqualTo(AUD);
  }

  @Test
  void aSignedRequestIsServedTooAndTheAuditRecordNamesTheWebIdentityUser() throws Exception {
    String token = issuer.token("rsa-1", issuer.claims("repo:acme/signed", AUD));
    Map<String, String> creds = LiveServer.credentialsFile(data.resolve("root-credentials"));
    try (StsClient signed =
        sts(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    creds.get("aws_access_key_id"), creds.get("aws_secret_access_key"))))) {
      assertThat(
              signed
                  .assumeRoleWithWebIdentity(
                      r -> r.roleArn(ROLE_ARN).roleSessionName("signed").webIdentityToken(token))
                  .assumedRoleUser()
                  .arn())
          .endsWith(":assumed-role/ci/signed");
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode record = null;
    try (var files = Files.list(data.resolve("audit"))) {
      for (Path p : files.toList()) {
        for (String line : Files.readAllLines(p)) {
          JsonNode n = json.readTree(line);
          if (n.path("eventName").asText().equals("AssumeRoleWithWebIdentity")
              && n.path("errorCode").isMissingNode()
              && n.path("userIdentity").path("userName").asText().equals("repo:acme/signed")) {
            record = n;
          }
          assertThat(line).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
      }
    }
    assertThat(record).isNotNull();
    assertThat(record.at("/userIdentity/type").asText()).isEqualTo("WebIdentityUser");
    assertThat(record.at("/userIdentity/identityProvider").asText())
        .endsWith(":oidc-provider/" + issuer.host());
    assertThat(record.at("/recipientAccountId").asText()).isEqualTo(ACCOUNT);
    assertThat(record.at("/requestParameters/webIdentityToken").isMissingNode()).isTrue();
  }

  @Test
  void aWrongAudienceIsAnInvalidIdentityToken() throws Exception {
    AwsServiceException e = refused(issuer.token("rsa-1", issuer.claims("repo:acme/a", "other")));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Incorrect token audience");
  }

  @Test
  void anIssuerNotRegisteredInTheRolesAccountIsAnInvalidIdentityToken() throws Exception {
    String claims =
        issuer.claims("repo:acme/a", AUD).replace(issuer.url(), "https://unknown.example");
    AwsServiceException e = refused(issuer.token("rsa-1", claims));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("No OpenIDConnect provider found in your account for https://unknown.example");
  }

  @Test
  void anExpiredTokenIsAnExpiredTokenException() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    AwsServiceException e =
        refused(
            issuer.token(
                "rsa-1", issuer.claims("repo:acme/a", "\"" + AUD + "\"", now - 7200, now - 3600)));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
    assertThat(e.statusCode()).isEqualTo(400);
  }

  @Test
  void aBadSignatureAndUnsignedOrHmacTokensAreInvalidIdentityTokens() throws Exception {
    String good = issuer.token("rsa-1", issuer.claims("repo:acme/a", AUD));
    String[] parts = good.split("\\.");
    // The payload changed after signing: another subject.
    String tampered =
        parts[0]
            + "."
            + TestOidcIssuer.b64(issuer.claims("repo:acme/b", AUD).getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];
    assertThat(refused(tampered).awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
    String none =
        TestOidcIssuer.b64("{\"alg\":\"none\",\"kid\":\"rsa-1\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[1]
            + ".";
    AwsServiceException noneRefused = refused(none);
    assertThat(noneRefused.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
    assertThat(noneRefused.awsErrorDetails().errorMessage()).contains("none");
    String hmac =
        TestOidcIssuer.b64("{\"alg\":\"HS256\",\"kid\":\"rsa-1\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[1]
            + "."
            + parts[2];
    assertThat(refused(hmac).awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
    assertThat(refused("not-a-token").awsErrorDetails().errorCode())
        .isEqualTo("InvalidIdentityToken");
  }

  @Test
  void aSubjectTheTrustPolicyDoesNotAllowIsAccessDenied() throws Exception {
    AwsServiceException e = refused(issuer.token("rsa-1", issuer.claims("repo:evil/app", AUD)));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    assertThat(e.statusCode()).isEqualTo(403);
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("Not authorized to perform sts:AssumeRoleWithWebIdentity");
  }

  @Test
  void aKeyRotatedAtTheIssuerIsFetched() throws Exception {
    // Gatehouse has the current key set cached.
    assume(issuer.token("rsa-1", issuer.claims("repo:acme/before", AUD)));
    issuer.addRsa("rsa-2");
    Thread.sleep(1100); // past the least time between two fetches for one issuer
    assertThat(
            assume(issuer.token("rsa-2", issuer.claims("repo:acme/after", AUD)))
                .subjectFromWebIdentityToken())
        .isEqualTo("repo:acme/after");
    // A kid the issuer never had is refused once the fresh set lacks it too.
    AwsServiceException e = refused(tokenWithKid("rsa-9"));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
  }

  private static String tokenWithKid(String kid) throws Exception {
    String good = issuer.token("rsa-1", issuer.claims("repo:acme/a", AUD));
    String[] parts = good.split("\\.");
    return TestOidcIssuer.b64(
            ("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8))
        + "."
        + parts[1]
        + "."
        + parts[2];
  }

  @Test
  void anIssuerThatIsDownIsAnIdpCommunicationError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String down = "https://localhost:" + port;
    root.createOpenIDConnectProvider(r -> r.url(down).clientIDList(AUD));
    String claims = issuer.claims("repo:acme/a", AUD).replace(issuer.url(), down);
    AwsServiceException e = refused(issuer.token("rsa-1", claims));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IDPCommunicationError");
    assertThat(e.statusCode()).isEqualTo(400);
  }

  @Test
  @ExtendWith(AwsCli.Required.class)
  void theAwsCliAssumesTheRoleWithAWebIdentityToken() throws Exception {
    String token = issuer.token("ec-1", issuer.claims("repo:acme/cli", AUD));
    AwsCli.Result r =
        AwsCli.run(
            endpoint(),
            Map.of(),
            work,
            "sts",
            "assume-role-with-web-identity",
            "--role-arn",
            ROLE_ARN,
            "--role-session-name",
            "cli",
            "--web-identity-token",
            token);
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode out = new ObjectMapper().readTree(r.out());
    assertThat(out.at("/SubjectFromWebIdentityToken").asText()).isEqualTo("repo:acme/cli");
    assertThat(out.at("/Audience").asText()).isEqualTo(AUD);
    Map<String, String> session =
        Map.of(
            "AWS_ACCESS_KEY_ID", out.at("/Credentials/AccessKeyId").asText(),
            "AWS_SECRET_ACCESS_KEY", out.at("/Credentials/SecretAccessKey").asText(),
            "AWS_SESSION_TOKEN", out.at("/Credentials/SessionToken").asText());
    AwsCli.Result who = AwsCli.run(endpoint(), session, work, "sts", "get-caller-identity");
    assertThat(who.exit()).as(who.err()).isZero();
    assertThat(new ObjectMapper().readTree(who.out()).at("/Arn").asText())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/ci/cli");
    // A subject the trust policy does not allow: the CLI shows AWS's refusal.
    AwsCli.Result denied =
        AwsCli.run(
            endpoint(),
            Map.of(),
            work,
            "sts",
            "assume-role-with-web-identity",
            "--role-arn",
            ROLE_ARN,
            "--role-session-name",
            "cli",
            "--web-identity-token",
            issuer.token("ec-1", issuer.claims("repo:evil/cli", AUD)));
    assertThat(denied.exit()).isNotZero();
    assertThat(denied.err()).contains("AccessDenied");
  }
}

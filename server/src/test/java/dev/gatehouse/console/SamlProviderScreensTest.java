package dev.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.saml.TestIdp;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.model.SAMLProviderListEntry;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The identity providers page's SAML providers (added from an uploaded or pasted metadata document,
 * shown with ARN, valid-until and signing certificates, metadata replaced, tagged, deleted; IAM's
 * refusals shown on the page) and the role wizard's SAML 2.0 federation trusted entity, whose trust
 * policy then admits a signed assertion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamlProviderScreensTest {
  static final String ACCOUNT = ConsoleFixture.ACCOUNT;
  static final String NORA_PASSWORD = "nora-Pa55word!!";
  static final String PAGE = "/console/identity-providers";

  @TempDir static Path dir;
  ConsoleFixture fx;
  FormClient admin;
  TestIdp idp;

  @BeforeAll
  void start() throws Exception {
    fx = new ConsoleFixture(dir, List.of(new ConsoleFixture.Login("Nora", NORA_PASSWORD, false)));
    admin = new FormClient(fx.base());
    admin.signIn(ACCOUNT, "", fx.rootPassword());
    idp = TestIdp.create("https://idp.example.com/metadata");
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  private static Map<String, String> form(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private static String arn(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":saml-provider/" + name;
  }

  private String fingerprint() throws Exception {
    return HexFormat.ofDelimiter(":")
        .withUpperCase()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(idp.certificate().getEncoded()));
  }

  @Test
  void aProviderIsAddedFromAFileShownReplacedTaggedAndDeleted() throws Exception {
    assertThat(admin.get(PAGE).body())
        .contains("SAML 2.0 providers")
        .contains("No OpenID Connect providers in this account.")
        .contains("No SAML providers in this account.");
    admin.get("/console/identity-providers/create-saml");
    HttpResponse<String> added =
        admin.follow(
            admin.postFile(
                "/console/identity-providers/create-saml",
                form("name", "Corp", "metadata", "", "tagKey1", "team", "tagValue1", "it"),
                "idp-metadata.xml",
                "text/xml",
                idp.metadata().getBytes(StandardCharsets.UTF_8)));
    String page = added.body();
    assertThat(ScreenPages.testId(page, "flash"))
        .isEqualTo("SAML provider " + arn("Corp") + " added.");
    assertThat(page.replace("<wbr>", "")).contains(arn("Corp")).contains(idp.entityId());
    String validUntil = ScreenPages.testId(page, "valid-until");
    assertThat(validUntil).isNotEmpty();
    assertThat(page.replace("<wbr>", ""))
        .contains(fingerprint())
        .contains("CN=Test IdP")
        .contains(idp.certificate().getNotAfter().toInstant().toString());
    assertThat(fx.root.getSAMLProvider(r -> r.samlProviderArn(arn("Corp"))).tags())
        .containsExactly(Tag.builder().key("team").value("it").build());
    assertThat(admin.get(PAGE).body())
        .contains(">Corp</a>")
        .contains(validUntil)
        .doesNotContain("No SAML providers in this account.");

    // Replaced by a pasted document with a validUntil; a malformed one is refused with IAM's error.
    String dated =
        idp.metadata().replace("entityID=", "validUntil=\"2031-02-03T04:05:06Z\" entityID=");
    String detail = "/console/identity-providers/saml/Corp";
    admin.get(detail);
    HttpResponse<String> replaced =
        admin.follow(admin.post(detail + "/update", form("metadata", dated)));
    assertThat(ScreenPages.testId(replaced.body(), "flash"))
        .isEqualTo("Metadata of Corp replaced.");
    assertThat(ScreenPages.testId(replaced.body(), "valid-until"))
        .isEqualTo("2031-02-03T04:05:06Z");
    HttpResponse<String> broken =
        admin.follow(
            admin.post(
                detail + "/update",
                form("metadata", idp.metadata().replace("use=\"signing\"", "use=\"encryption\""))));
    assertThat(ScreenPages.testId(broken.body(), "flash"))
        .isEqualTo(
            "InvalidInput: Could not parse metadata: it has no signing certificate"
                + " (md:KeyDescriptor with ds:X509Certificate).");
    HttpResponse<String> none = admin.follow(admin.post(detail + "/update", form("metadata", " ")));
    assertThat(ScreenPages.testId(none.body(), "flash"))
        .isEqualTo("Choose the IdP's metadata file or paste its metadata document.");
    assertThat(fx.root.getSAMLProvider(r -> r.samlProviderArn(arn("Corp"))).validUntil())
        .isEqualTo(java.time.Instant.parse("2031-02-03T04:05:06Z"));

    // Tags.
    HttpResponse<String> tagged =
        admin.follow(admin.post(detail + "/tags", form("key", "env", "value", "dev")));
    assertThat(ScreenPages.testId(tagged.body(), "flash")).isEqualTo("Tag env saved.");
    assertThat(tagged.body()).contains("Remove tag env");
    HttpResponse<String> badTag =
        admin.follow(admin.post(detail + "/tags", form("key", "aws:x", "value", "y")));
    assertThat(badTag.body()).contains("class=\"flash flash-error\"");
    HttpResponse<String> untagged =
        admin.follow(admin.post(detail + "/untag", form("key", "team")));
    assertThat(ScreenPages.testId(untagged.body(), "flash")).isEqualTo("Tag team removed.");
    assertThat(fx.root.listSAMLProviderTags(r -> r.samlProviderArn(arn("Corp"))).tags())
        .containsExactly(Tag.builder().key("env").value("dev").build());

    // Deleted; deleting it again is IAM's NoSuchEntity.
    HttpResponse<String> deleted = admin.follow(admin.post(detail + "/delete", Map.of()));
    assertThat(ScreenPages.testId(deleted.body(), "flash"))
        .isEqualTo("SAML provider " + arn("Corp") + " deleted.");
    assertThat(fx.root.listSAMLProviders().samlProviderList()).isEmpty();
    HttpResponse<String> again = admin.follow(admin.post(detail + "/delete", Map.of()));
    assertThat(ScreenPages.testId(again.body(), "flash")).startsWith("NoSuchEntity: ");
    assertThat(admin.get(detail).statusCode()).isEqualTo(404);
  }

  @Test
  void malformedMetadataShowsIamsErrorOnTheForm() throws Exception {
    String create = "/console/identity-providers/create-saml";
    admin.get(create);
    HttpResponse<String> tooShort = admin.post(create, form("name", "Short", "metadata", "<x/>"));
    assertThat(tooShort.body())
        .contains("ValidationError: 1 validation error detected: Value at")
        .contains("value=\"Short\"")
        .contains("&lt;x/&gt;</textarea>");
    String noCert = idp.metadata().replace("use=\"signing\"", "use=\"encryption\"");
    assertThat(admin.post(create, form("name", "NoCert", "metadata", noCert)).body())
        .contains("InvalidInput: Could not parse metadata: it has no signing certificate");
    assertThat(
            admin.post(create, form("name", "Dtd", "metadata", "<!DOCTYPE x []>" + noCert)).body())
        .contains("InvalidInput: Could not parse metadata: it could not be parsed");
    assertThat(admin.post(create, form("name", "", "metadata", idp.metadata())).body())
        .contains("Enter a provider name.");
    assertThat(admin.post(create, form("name", "Nothing", "metadata", "")).body())
        .contains("Choose the IdP&#39;s metadata file or paste its metadata document.");
    assertThat(
            admin
                .postFile(create, form("name", "Empty"), "empty.xml", "text/xml", new byte[0])
                .body())
        .contains("The file empty.xml is empty.");
    byte[] huge = new byte[10_000_001];
    java.util.Arrays.fill(huge, (byte) ' ');
    assertThat(admin.postFile(create, form("name", "Huge"), "huge.xml", "text/xml", huge).body())
        .contains(
            "The file huge.xml is 10000001 bytes; a metadata document has at most 10000000"
                + " characters.");
    assertThat(admin.post(create, form("name", "bad name!", "metadata", idp.metadata())).body())
        .contains("ValidationError: ");
    assertThat(fx.root.listSAMLProviders().samlProviderList()).isEmpty();
  }

  @Test
  void aUserWithoutTheActionsIsShownAccessDenied() throws Exception {
    fx.root.putUserPolicy(
        r ->
            r.userName("Nora")
                .policyName("ReadProviders")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "[\"iam:ListOpenIDConnectProviders\",\"iam:GetOpenIDConnectProvider\"],"
                        + "\"Resource\":\"*\"}]}"));
    FormClient nora = new FormClient(fx.base());
    nora.signIn(ACCOUNT, "Nora", NORA_PASSWORD);
    HttpResponse<String> list = nora.get(PAGE);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("data-testid=\"aws-error\"").contains("iam:ListSAMLProviders");

    HttpResponse<String> wizard = nora.get("/console/roles/create");
    assertThat(wizard.statusCode()).isEqualTo(200);
    assertThat(wizard.body()).contains("SAML 2.0 federation").contains("iam:ListSAMLProviders");

    nora.get("/console/identity-providers/create-saml");
    HttpResponse<String> refused =
        nora.postFile(
            "/console/identity-providers/create-saml",
            form("name", "NoraCorp"),
            "metadata.xml",
            "application/xml",
            idp.metadata().getBytes(StandardCharsets.UTF_8));
    assertThat(refused.body())
        .contains(
            "AccessDenied: User: arn:aws:iam::"
                + ACCOUNT
                + ":user/Nora is not authorized to perform: iam:CreateSAMLProvider on resource: "
                + arn("NoraCorp"));
    assertThat(fx.root.listSAMLProviders().samlProviderList())
        .extracting(SAMLProviderListEntry::arn)
        .doesNotContain(arn("NoraCorp"));

    fx.root.createSAMLProvider(r -> r.name("Guarded").samlMetadataDocument(idp.metadata()));
    try {
      HttpResponse<String> hidden = nora.get("/console/identity-providers/saml/Guarded");
      assertThat(hidden.statusCode()).isEqualTo(403);
      assertThat(hidden.body()).contains("iam:GetSAMLProvider");
      nora.get(PAGE);
      HttpResponse<String> notDeleted =
          nora.follow(nora.post("/console/identity-providers/saml/Guarded/delete", Map.of()));
      assertThat(ScreenPages.testId(notDeleted.body(), "flash"))
          .startsWith("AccessDenied: ")
          .contains("iam:DeleteSAMLProvider");
      HttpResponse<String> notUpdated =
          nora.follow(
              nora.post(
                  "/console/identity-providers/saml/Guarded/update",
                  form("metadata", idp.metadata())));
      assertThat(ScreenPages.testId(notUpdated.body(), "flash")).contains("iam:UpdateSAMLProvider");
      HttpResponse<String> notTagged =
          nora.follow(
              nora.post(
                  "/console/identity-providers/saml/Guarded/tags", form("key", "k", "value", "v")));
      assertThat(ScreenPages.testId(notTagged.body(), "flash")).contains("iam:TagSAMLProvider");
      HttpResponse<String> notUntagged =
          nora.follow(
              nora.post("/console/identity-providers/saml/Guarded/untag", form("key", "k")));
      assertThat(ScreenPages.testId(notUntagged.body(), "flash")).contains("iam:UntagSAMLProvider");
      assertThat(fx.root.listSAMLProviders().samlProviderList())
          .extracting(SAMLProviderListEntry::arn)
          .contains(arn("Guarded"));
    } finally {
      fx.root.deleteSAMLProvider(r -> r.samlProviderArn(arn("Guarded")));
    }
  }

  @Test
  void theWizardTrustsASamlProviderAsAwsWritesIt() throws Exception {
    fx.root.createSAMLProvider(r -> r.name("Okta").samlMetadataDocument(idp.metadata()));
    String provider = arn("Okta");
    try {
      assertThat(admin.get("/console/roles/create").body())
          .contains("SAML 2.0 federation")
          .contains("Allow programmatic access only")
          .contains("Allow programmatic and AWS Management Console access")
          .contains("value=\"" + provider + "\"");
      assertThat(
              admin
                  .post(
                      "/console/roles/create",
                      form("step", "review", "entity", "saml", "roleName", "SamlRole"))
                  .body())
          .contains("Choose a SAML provider for SAML 2.0 federation.")
          .contains("Enter the value the SAML attribute must have, or allow console access.");
      assertThat(
              admin
                  .post(
                      "/console/roles/create",
                      form(
                          "step",
                          "review",
                          "entity",
                          "saml",
                          "samlProvider",
                          provider,
                          "samlAccess",
                          "programmatic",
                          "samlAttribute",
                          "SAML:nope",
                          "samlValue",
                          "x",
                          "roleName",
                          "SamlRole"))
                  .body())
          .contains("Choose one of the SAML attributes offered.");

      // Programmatic access only: the chosen attribute and value.
      Map<String, String> programmatic =
          form(
              "entity",
              "saml",
              "samlProvider",
              provider,
              "samlAccess",
              "programmatic",
              "samlAttribute",
              "SAML:sub",
              "samlValue",
              "alice@example.com",
              "roleName",
              "SamlProgrammatic");
      programmatic.put("step", "create");
      assertThat(admin.follow(admin.post("/console/roles/create", programmatic)).body())
          .contains("Role SamlProgrammatic created.");
      assertThat(trust("SamlProgrammatic"))
          .contains("\"Principal\":{\"Federated\":\"" + provider + "\"}")
          .contains("\"Action\":\"sts:AssumeRoleWithSAML\"")
          .contains("\"Condition\":{\"StringEquals\":{\"SAML:sub\":\"alice@example.com\"}}");

      // Console access: SAML:aud is AWS's sign-in endpoint; the preview shows the policy.
      Map<String, String> console =
          form(
              "entity",
              "saml",
              "samlProvider",
              provider,
              "samlAccess",
              "console",
              "samlAttribute",
              "SAML:aud",
              "samlValue",
              "",
              "roleName",
              "SamlConsole");
      Map<String, String> review = new LinkedHashMap<>(console);
      review.put("step", "review");
      String preview = admin.post("/console/roles/create", review).body();
      assertThat(preview)
          .contains("sts:AssumeRoleWithSAML")
          .contains("SAML:aud")
          .contains("https://signin.aws.amazon.com/saml");
      Map<String, String> create = new LinkedHashMap<>(console);
      create.put("step", "create");
      assertThat(admin.follow(admin.post("/console/roles/create", create)).body())
          .contains("Role SamlConsole created.");
      assertThat(trust("SamlConsole"))
          .isEqualTo(
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                  + "\"Principal\":{\"Federated\":\""
                  + provider
                  + "\"},\"Action\":\"sts:AssumeRoleWithSAML\",\"Condition\":{\"StringEquals\":"
                  + "{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}}]}");

      // The trust policies work: a signed assertion buys credentials for both roles.
      try (StsClient sts =
          StsClient.builder()
              .endpointOverride(URI.create(fx.base()))
              .region(Region.US_EAST_1)
              .credentialsProvider(AnonymousCredentialsProvider.create())
              .httpClient(UrlConnectionHttpClient.create())
              .build()) {
        for (String role : List.of("SamlConsole", "SamlProgrammatic")) {
          String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/" + role;
          String assertion = idp.response().role(roleArn, provider, "alice").encoded();
          assertThat(
                  sts.assumeRoleWithSAML(
                          r -> r.roleArn(roleArn).principalArn(provider).samlAssertion(assertion))
                      .assumedRoleUser()
                      .arn())
              .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/alice");
        }
      }
    } finally {
      fx.root.deleteSAMLProvider(r -> r.samlProviderArn(provider));
    }
  }

  private String trust(String role) {
    return URLDecoder.decode(
            fx.root.getRole(r -> r.roleName(role)).role().assumeRolePolicyDocument(),
            StandardCharsets.UTF_8)
        .replaceAll("\\s", "");
  }
}

package dev.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Identity providers page (OIDC providers: add, list, delete, IAM's refusals shown) and the
 * role wizard's Web identity trusted entity.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityProvidersScreensTest {
  static final String ACCOUNT = ConsoleFixture.ACCOUNT;
  static final String PROVIDER = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/token.example.com/ci";

  @TempDir static Path dir;
  ConsoleFixture fx;
  FormClient admin;

  @BeforeAll
  void start() throws Exception {
    fx =
        new ConsoleFixture(
            dir, List.of(new ConsoleFixture.Login("Nora", "nora-Pa55word!!", false)));
    admin = new FormClient(fx.base());
    admin.signIn(ACCOUNT, "", fx.rootPassword());
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

  @Test
  void providersAreAddedListedAndDeleted() throws Exception {
    admin.get("/console/identity-providers");
    HttpResponse<String> bad =
        admin.follow(
            admin.post(
                "/console/identity-providers/create",
                form("url", "http://insecure.example.com", "audiences", "a", "thumbprints", "")));
    assertThat(bad.body()).contains("data-testid=\"flash\"").contains("https");
    HttpResponse<String> added =
        admin.follow(
            admin.post(
                "/console/identity-providers/create",
                form(
                    "url",
                    "https://token.example.com/ci",
                    "audiences",
                    "sts.amazonaws.com, ci-app",
                    "thumbprints",
                    "")));
    assertThat(added.body())
        .contains("Identity provider " + PROVIDER + " added.")
        .contains("sts.amazonaws.com, ci-app")
        .contains(PROVIDER);
    assertThat(fx.root.listOpenIDConnectProviders().openIDConnectProviderList())
        .extracting(p -> p.arn())
        .contains(PROVIDER);

    FormClient nora = new FormClient(fx.base());
    nora.signIn(ACCOUNT, "Nora", "nora-Pa55word!!");
    HttpResponse<String> denied = nora.get("/console/identity-providers");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("AccessDenied").contains("iam:ListOpenIDConnectProviders");
  }

  @Test
  void theWizardTrustsAWebIdentityProviderForOneAudience() throws Exception {
    fx.root.createOpenIDConnectProvider(
        r -> r.url("https://id.example.org").clientIDList("web-app"));
    String provider = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/id.example.org";
    assertThat(admin.get("/console/roles/create").body())
        .contains("Web identity")
        .contains("value=\"" + provider + "\"");
    HttpResponse<String> missing =
        admin.post(
            "/console/roles/create",
            form("step", "review", "entity", "web", "roleName", "WebRole", "provider", ""));
    assertThat(missing.body())
        .contains("Choose an identity provider for Web identity.")
        .contains("Enter the audience for Web identity.");
    Map<String, String> choices =
        form("entity", "web", "provider", provider, "audience", "web-app", "roleName", "WebRole");
    Map<String, String> review = new LinkedHashMap<>(choices);
    review.put("step", "review");
    assertThat(admin.post("/console/roles/create", review).body())
        .contains("sts:AssumeRoleWithWebIdentity")
        .contains("id.example.org:aud");
    Map<String, String> create = new LinkedHashMap<>(choices);
    create.put("step", "create");
    assertThat(admin.follow(admin.post("/console/roles/create", create)).body())
        .contains("Role WebRole created.");
    String trust =
        URLDecoder.decode(
            fx.root.getRole(r -> r.roleName("WebRole")).role().assumeRolePolicyDocument(),
            StandardCharsets.UTF_8);
    assertThat(trust.replaceAll("\\s", ""))
        .contains("\"Principal\":{\"Federated\":\"" + provider + "\"}")
        .contains("\"Action\":\"sts:AssumeRoleWithWebIdentity\"")
        .contains("\"Condition\":{\"StringEquals\":{\"id.example.org:aud\":\"web-app\"}}");
    assertThat(admin.get("/console/roles/WebRole?tab=trust").body()).contains("Identity provider");

    admin.get("/console/identity-providers");
    HttpResponse<String> deleted =
        admin.follow(admin.post("/console/identity-providers/delete", form("arn", provider)));
    assertThat(deleted.body()).contains("Identity provider " + provider + " deleted.");
    HttpResponse<String> again =
        admin.follow(admin.post("/console/identity-providers/delete", form("arn", "x")));
    assertThat(again.body()).contains("class=\"flash flash-error\"").doesNotContain("x deleted");
  }
}

package dev.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The role and user screens without a browser (forms posted as a browser without scripts does): the
 * wizard's choices and refusals, the role tabs, attach and detach, inline policies with their
 * findings, trust editing, tags, revoking sessions, switch-role refusals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleScreensHttpTest {
  static final String ACCOUNT = ConsoleFixture.ACCOUNT;

  @TempDir static Path dir;
  ConsoleFixture fx;
  FormClient admin;

  @BeforeAll
  void start() throws Exception {
    fx =
        new ConsoleFixture(
            dir,
            List.of(
                new ConsoleFixture.Login("Una", "una-Pa55word!!", false),
                new ConsoleFixture.Login("Mia", "mia-Pa55word!!", false)));
    fx.root.createAccountAlias(r -> r.accountAlias("example-corp"));
    admin = new FormClient(fx.base());
    assertThat(admin.signIn("example-corp", "", fx.rootPassword()).body())
        .contains("root user @ example-corp");
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
  void theDashboardShowsTheAccountAndItsCounts() throws Exception {
    String body = admin.get("/console").body();
    assertThat(body)
        .contains("example-corp")
        .contains("/console/signin?account=" + ACCOUNT)
        .contains("<dt>Users</dt>");
    HttpResponse<String> bad =
        admin.post("/console/access-check", form("action", "not an action", "resource", ""));
    assertThat(bad.body()).contains("The action must look like service:Action");
    HttpResponse<String> ok =
        admin.post("/console/access-check", form("action", "iam:CreateUser", "resource", "*"));
    assertThat(ok.body()).contains("<strong>Allowed</strong>: iam:CreateUser on *");
  }

  @Test
  void theWizardRefusesIncompleteChoicesAndCreatesWhatItReviewed() throws Exception {
    admin.get("/console/roles/create");
    HttpResponse<String> missing =
        admin.post(
            "/console/roles/create",
            form(
                "step",
                "review",
                "entity",
                "other",
                "otherAccount",
                "12",
                "useExternalId",
                "yes",
                "tagValue1",
                "v"));
    assertThat(missing.body())
        .contains("Enter a role name.")
        .contains("The other account&#39;s ID must be 12 digits.")
        .contains("Enter the external ID")
        .contains("Every tag needs a key.");
    HttpResponse<String> search =
        admin.post(
            "/console/roles/create",
            form(
                "step",
                "search",
                "q",
                "ReadOnlyAccess",
                "policy",
                "arn:aws:iam::aws:policy/AmazonS3FullAccess"));
    assertThat(search.body())
        .contains("value=\"arn:aws:iam::aws:policy/ReadOnlyAccess\"")
        .contains("AmazonS3FullAccess (AWS managed)");
    assertThat(
            admin.post("/console/roles/create", form("step", "search", "q", "zzz-nothing")).body())
        .contains("No policy matches");
    Map<String, String> choices =
        form(
            "entity",
            "other",
            "otherAccount",
            "210987654321",
            "useExternalId",
            "yes",
            "externalId",
            "ext-42",
            "requireMfa",
            "yes",
            "policy",
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "roleName",
            "Partner",
            "description",
            "For the partner",
            "maxSession",
            "7200",
            "tagKey1",
            "team",
            "tagValue1",
            "blue");
    Map<String, String> review = new LinkedHashMap<>(choices);
    review.put("step", "review");
    String reviewed = admin.post("/console/roles/create", review).body();
    assertThat(reviewed)
        .contains("arn:aws:iam::210987654321:root")
        .contains("ext-42")
        .contains("aws:MultiFactorAuthPresent")
        .contains("team = blue")
        .contains("2 hour(s)");
    Map<String, String> create = new LinkedHashMap<>(choices);
    create.put("step", "create");
    HttpResponse<String> created = admin.follow(admin.post("/console/roles/create", create));
    assertThat(created.body()).contains("Role Partner created.").contains("ReadOnlyAccess");
    var role = fx.root.getRole(r -> r.roleName("Partner")).role();
    assertThat(role.maxSessionDuration()).isEqualTo(7200);
    assertThat(role.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=blue");
    // The same name again: AWS's refusal, on the form.
    HttpResponse<String> again = admin.post("/console/roles/create", create);
    assertThat(again.body()).contains("EntityAlreadyExists");
    String trust = admin.get("/console/roles/Partner?tab=trust").body();
    assertThat(trust).contains("AWS account").contains("sts:ExternalId StringEquals ext-42");
    assertThat(admin.get("/console/roles").body())
        .contains("AWS account: arn:aws:iam::210987654321:root");
  }

  @Test
  void permissionsCanBeAttachedDetachedAndWrittenInline() throws Exception {
    fx.role("Worker", "arn:aws:iam::" + ACCOUNT + ":root", "");
    String base = "/console/roles/Worker";
    assertThat(admin.get(base + "/attach").body()).doesNotContain("attach-form");
    admin.get(base + "/attach?q=IAMReadOnly");
    assertThat(admin.post(base + "/attach", form()).body()).contains("Choose at least one policy.");
    admin.get(base + "/attach?q=IAMReadOnly");
    assertThat(
            admin
                .follow(
                    admin.post(
                        base + "/attach",
                        form("policy", "arn:aws:iam::aws:policy/IAMReadOnlyAccess")))
                .body())
        .contains("1 policy attached.")
        .contains("IAMReadOnlyAccess");
    assertThat(
            admin
                .follow(
                    admin.post(
                        base + "/attach", form("policy", "arn:aws:iam::aws:policy/NoSuchPolicy")))
                .body())
        .contains("NoSuchEntity");
    assertThat(
            admin
                .follow(
                    admin.post(
                        base + "/detach",
                        form("policyArn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess")))
                .body())
        .contains("Policy arn:aws:iam::aws:policy/IAMReadOnlyAccess detached.");
    assertThat(
            admin
                .follow(
                    admin.post(
                        base + "/detach",
                        form("policyArn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess")))
                .body())
        .contains("NoSuchEntity");
    // Inline: a malformed document shows the finding and saves nothing.
    admin.get(base + "/inline");
    String malformed =
        admin
            .post(
                base + "/inline",
                form("step", "save", "policyName", "P", "document", "{\"Version\":\"2012-10-17\"}"))
            .body();
    assertThat(malformed).contains("MalformedPolicyDocument");
    assertThat(fx.root.listRolePolicies(r -> r.roleName("Worker")).policyNames()).isEmpty();
    String warned =
        admin
            .post(
                base + "/inline",
                form("step", "validate", "policyName", "P", "document", allow("s3:NoSuchAction")))
            .body();
    assertThat(warned).contains("Warnings").contains("s3:NoSuchAction");
    assertThat(
            admin
                .post(
                    base + "/inline",
                    form(
                        "step",
                        "save",
                        "policyName",
                        "bad name!",
                        "document",
                        allow("s3:GetObject")))
                .body())
        .contains("ValidationError");
    assertThat(
            admin
                .follow(
                    admin.post(
                        base + "/inline",
                        form("step", "save", "policyName", "P", "document", allow("s3:GetObject"))))
                .body())
        .contains("Inline policy P created.");
    assertThat(admin.get(base + "/inline/P").body())
        .contains("s3:GetObject")
        .contains("Save changes");
    assertThat(
            admin
                .follow(
                    admin.post(
                        base + "/inline/P",
                        form("step", "save", "document", allow("s3:PutObject"))))
                .body())
        .contains("Inline policy P saved.");
    assertThat(fx.root.getRolePolicy(r -> r.roleName("Worker").policyName("P")).policyDocument())
        .contains("s3%3APutObject");
    assertThat(admin.follow(admin.post(base + "/inline/P/delete", form())).body())
        .contains("Inline policy P deleted.");
    assertThat(admin.follow(admin.post(base + "/inline/P/delete", form())).body())
        .contains("NoSuchEntity");
  }

  private static String allow(String action) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\""
        + action
        + "\",\"Resource\":\"*\"}]}";
  }

  @Test
  void trustTagsAndSessionsTabs() throws Exception {
    fx.role("Tabbed", "arn:aws:iam::" + ACCOUNT + ":root", "");
    String base = "/console/roles/Tabbed";
    assertThat(admin.get(base + "/trust").body()).contains("Edit trust policy").contains(":root");
    assertThat(
            admin
                .post(base + "/trust", form("step", "save", "document", allow("s3:GetObject")))
                .body())
        .contains("MalformedPolicyDocument");
    assertThat(admin.get(base + "?tab=tags").body()).contains("No tags.");
    assertThat(admin.follow(admin.post(base + "/tags", form("key", "env", "value", "prod"))).body())
        .contains("Tag env saved.")
        .contains("prod");
    assertThat(admin.follow(admin.post(base + "/tags", form("key", "", "value", "x"))).body())
        .contains("ValidationError");
    assertThat(admin.follow(admin.post(base + "/untag", form("key", "env"))).body())
        .contains("Tag env removed.");
    assertThat(admin.follow(admin.post(base + "/untag", form("key", ""))).body()).contains("Error");
    assertThat(admin.get(base + "?tab=sessions").body()).contains("Revoke active sessions");
    assertThat(admin.follow(admin.post(base + "/revoke", form())).body())
        .contains("Sessions of Tabbed issued before now are revoked.");
    assertThat(fx.root.listRolePolicies(r -> r.roleName("Tabbed")).policyNames())
        .containsExactly("AWSRevokeOlderSessions");
    assertThat(admin.follow(admin.post("/console/roles/Nobody/revoke", form())).body())
        .contains("NoSuchEntity");
    assertThat(
            admin
                .follow(admin.post("/console/roles/Nobody/tags", form("key", "a", "value", "b")))
                .body())
        .contains("NoSuchEntity");
    HttpResponse<String> missing = admin.get("/console/roles/Nobody");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("NoSuchEntity").contains("Nobody");
  }

  @Test
  void usersAndTheirInlinePolicies() throws Exception {
    assertThat(admin.get("/console/users").body()).contains("/console/users/Una");
    admin.get("/console/users/Una/inline");
    assertThat(
            admin
                .follow(
                    admin.post(
                        "/console/users/Una/inline",
                        form(
                            "step",
                            "save",
                            "policyName",
                            "Mine",
                            "document",
                            allow("s3:GetObject"))))
                .body())
        .contains("Inline policy Mine created.")
        .contains("/console/users/Una/inline/Mine");
    fx.root.attachUserPolicy(
        r -> r.userName("Una").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
    assertThat(admin.get("/console/users/Una").body())
        .contains("ReadOnlyAccess")
        .contains("AWS managed");
    assertThat(admin.follow(admin.post("/console/users/Una/inline/Mine/delete", form())).body())
        .contains("Inline policy Mine deleted.");
    fx.root.detachUserPolicy(
        r -> r.userName("Una").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
  }

  @Test
  void everyNavigationEntryHasItsScreen() throws Exception {
    for (String p : List.of("/console/groups", "/console/policies", "/console/simulator")) {
      assertThat(admin.get(p).body())
          .contains("<h1>")
          .contains("aria-current=\"page\"")
          .doesNotContain("This screen is not in the console yet.");
    }
  }

  @Test
  void switchRoleRefusals() throws Exception {
    // The root user cannot switch roles (as on AWS).
    admin.get("/console/switchrole?account=" + ACCOUNT + "&roleName=X&displayName=Y&color=99BCE3");
    assertThat(admin.post("/console/switchrole", form("account", ACCOUNT, "roleName", "X")).body())
        .contains("You cannot switch roles while signed in as the root user.");
    FormClient una = new FormClient(fx.base());
    una.signIn(ACCOUNT, "Una", "una-Pa55word!!");
    String prefilled =
        una.get(
                "/console/switchrole?account="
                    + ACCOUNT
                    + "&roleName=Ops&displayName=Ops%20team&color=99BCE3")
            .body();
    assertThat(prefilled)
        .contains("value=\"Ops team\"")
        .contains("id=\"f-color-blue\" name=\"color\" value=\"blue\" checked");
    assertThat(
            una.post("/console/switchrole", form("account", "unknown-alias", "roleName", "Ops"))
                .body())
        .contains(SwitchRolePages.INVALID);
    assertThat(una.post("/console/switchrole", form("account", ACCOUNT, "roleName", "")).body())
        .contains(SwitchRolePages.INVALID);
    // By alias, to a role that does not exist: AWS does not tell it from a refusal.
    assertThat(
            una.post("/console/switchrole", form("account", "example-corp", "roleName", "Ghost"))
                .body())
        .contains("AccessDenied")
        .contains("arn:aws:iam::" + ACCOUNT + ":role/Ghost");
    // Una's permissions show through: the roles list is refused with AWS's message.
    assertThat(una.get("/console/roles").body())
        .contains("is not authorized to perform: iam:ListRoles");
    assertThat(una.get("/console/users").body())
        .contains("is not authorized to perform: iam:ListUsers");
    assertThat(una.get("/console").body())
        .contains("is not authorized to perform: iam:GetAccountSummary");
    HttpResponse<String> out = una.post("/console/signout", form());
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(una.follow(out).body()).contains("You signed out.");
    assertThat(una.get("/console").statusCode()).isEqualTo(303);
  }

  @Test
  void aRevokedRoleSessionSendsTheUserBackToTheirIdentity() throws Exception {
    fx.role("UnaRole", "arn:aws:iam::" + ACCOUNT + ":user/Una", "");
    FormClient una = new FormClient(fx.base());
    una.signIn(ACCOUNT, "Una", "una-Pa55word!!");
    una.get("/console/switchrole");
    HttpResponse<String> switched =
        una.follow(
            una.post(
                "/console/switchrole",
                form("account", ACCOUNT, "roleName", "UnaRole", "color", "green")));
    assertThat(switched.body()).contains("UnaRole @ " + ACCOUNT).contains("role-badge role-green");
    var revoked =
        new dev.gatehouse.server.e2e.GatehouseApiClient(
                URI.create(fx.base()),
                dev.gatehouse.sigv4.SigningCredentials.of(fx.rootKeyId, fx.rootSecret))
            .call("RevokeUserSessions", Map.of("UserName", "Una"));
    assertThat(revoked.status()).isEqualTo(200);
    HttpResponse<String> back = una.get("/console/roles");
    assertThat(back.headers().firstValue("Location")).hasValue("/console");
    assertThat(una.follow(back).body())
        .contains(
            "Your session as role UnaRole in account "
                + ACCOUNT
                + " is no longer valid (it was revoked). You are back to your own permissions as Una.")
        .contains("Una @ " + ACCOUNT);
    // Switching again starts a new session.
    una.get("/console/switchrole");
    assertThat(
            una.follow(
                    una.post(
                        "/console/switchrole", form("account", ACCOUNT, "roleName", "UnaRole")))
                .body())
        .contains("UnaRole @ " + ACCOUNT);
  }

  @Test
  void fiveWrongMfaCodesStartTheSignInOver() throws Exception {
    var device =
        fx.root.createVirtualMFADevice(r -> r.virtualMFADeviceName("mia-phone")).virtualMFADevice();
    byte[] seed = dev.gatehouse.core.mfa.Base32.decode(device.base32StringSeed().asUtf8String());
    long t = dev.gatehouse.core.mfa.Totp.DEFAULT.step(fx.clock.instant());
    fx.root.enableMFADevice(
        r ->
            r.userName("Mia")
                .serialNumber(device.serialNumber())
                .authenticationCode1(dev.gatehouse.core.mfa.Totp.DEFAULT.code(seed, t - 1))
                .authenticationCode2(dev.gatehouse.core.mfa.Totp.DEFAULT.code(seed, t)));
    String good = dev.gatehouse.core.mfa.Totp.DEFAULT.code(seed, t + 1);
    String wrong = good.equals("000000") ? "111111" : "000000";
    FormClient mia = new FormClient(fx.base());
    HttpResponse<String> asked = mia.signIn(ACCOUNT, "Mia", "mia-Pa55word!!");
    assertThat(asked.body()).contains("Multi-factor authentication");
    // Not signed in yet.
    assertThat(mia.get("/console").statusCode()).isEqualTo(303);
    mia.get("/console/signin/mfa");
    for (int i = 1; i < SignInPages.MFA_ATTEMPTS; i++) {
      HttpResponse<String> r = mia.post("/console/signin/mfa", form("code", wrong));
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).contains(dev.gatehouse.core.iam.ConsoleSignIn.REFUSED_MESSAGE);
    }
    HttpResponse<String> last = mia.post("/console/signin/mfa", form("code", wrong));
    assertThat(last.headers().firstValue("Location")).hasValue("/console/signin");
    // The pending sign-in is gone: even the right code is not taken without the password.
    assertThat(mia.get("/console/signin/mfa").headers().firstValue("Location"))
        .hasValue("/console/signin");
    assertThat(
            mia.postRaw("/console/signin/mfa", form("_csrf", mia.csrf(), "code", good))
                .headers()
                .firstValue("Location"))
        .hasValue("/console/signin");
    assertThat(mia.get("/console/signin/password").headers().firstValue("Location"))
        .hasValue("/console/signin");
    // The wrong codes counted as failed attempts: this address waits a second before the next.
    fx.clock.advance(Duration.ofSeconds(1));
    HttpResponse<String> again = mia.signIn(ACCOUNT, "Mia", "mia-Pa55word!!");
    assertThat(again.body()).contains("Multi-factor authentication");
    HttpResponse<String> in = mia.follow(mia.post("/console/signin/mfa", form("code", good)));
    assertThat(in.body()).contains("Mia @ " + ACCOUNT);
  }

  @Test
  void otherMethodsAndOversizedFormsAreRefused() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(URI.create(fx.base() + "/console/roles"))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(admin.postRaw("/console/roles", form("_csrf", admin.csrf())).statusCode())
        .isEqualTo(405);
    HttpResponse<String> big =
        admin.post("/console/access-check", form("action", "x".repeat(2 * 1024 * 1024)));
    assertThat(big.statusCode()).isEqualTo(413);
  }
}

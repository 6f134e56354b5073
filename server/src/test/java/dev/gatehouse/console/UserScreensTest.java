package dev.gatehouse.console;

import static dev.gatehouse.console.ScreenPages.attribute;
import static dev.gatehouse.console.ScreenPages.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;

/** The user screens over HTTP: create, tabs, access keys, MFA, tags, groups, delete, refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserScreensTest {
  @TempDir static Path dir;
  ConsoleFixture fx;

  @BeforeAll
  void start() throws Exception {
    fx =
        new ConsoleFixture(
            dir, List.of(new ConsoleFixture.Login("Reader", "reader-Pa55word!", false)));
  }

  @AfterAll
  void stop() throws Exception {
    fx.close();
  }

  private FormClient root() throws Exception {
    FormClient c = new FormClient(fx.base());
    assertThat(c.signIn(ConsoleFixture.ACCOUNT, "", fx.rootPassword()).statusCode()).isEqualTo(200);
    return c;
  }

  @Test
  void createUserWithAnAccessKeyShowsTheSecretOnceWithItsCsv() throws Exception {
    FormClient c = root();
    assertThat(c.get("/console/users").body()).contains("href=\"/console/users/create\"");
    HttpResponse<String> form = c.get("/console/users/create");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("<label for=\"f-userName\">User name</label>");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("userName", "Alice");
    fields.put("path", "/eng/");
    fields.put("accessKey", "yes");
    fields.put("tagKey1", "team");
    fields.put("tagValue1", "blue");
    HttpResponse<String> created = c.post("/console/users/create", fields);
    assertThat(created.statusCode()).isEqualTo(200);
    String keyId = testId(created.body(), "access-key-id");
    String secret = testId(created.body(), "secret-access-key");
    assertThat(keyId).startsWith("AKIA");
    assertThat(secret).hasSize(40);
    String href = attribute(created.body(), "download-csv", "href");
    assertThat(href).startsWith("data:text/csv;charset=utf-8,");
    assertThat(URLDecoder.decode(href.substring(href.indexOf(',') + 1), StandardCharsets.UTF_8))
        .isEqualTo("Access key ID,Secret access key\n" + keyId + "," + secret + "\n");
    assertThat(attribute(created.body(), "download-csv", "download"))
        .isEqualTo("Alice_accessKeys.csv");

    var user = fx.root.getUser(r -> r.userName("Alice")).user();
    assertThat(user.path()).isEqualTo("/eng/");
    assertThat(fx.root.listUserTags(r -> r.userName("Alice")).tags())
        .containsExactly(Tag.builder().key("team").value("blue").build());
    assertThat(fx.root.listAccessKeys(r -> r.userName("Alice")).accessKeyMetadata())
        .singleElement()
        .satisfies(k -> assertThat(k.accessKeyId()).isEqualTo(keyId));
    // The secret is never shown again.
    String credentials = c.get("/console/users/Alice/credentials").body();
    assertThat(credentials).contains(keyId).doesNotContain(secret);
    assertThat(c.get("/console/users/Alice").body()).doesNotContain(secret);
    // The calls are audited as the root user, without the secret.
    String audit = String.join("\n", fx.auditLines());
    assertThat(audit).contains("\"CreateAccessKey\"").contains(keyId).doesNotContain(secret);
  }

  @Test
  void createUserRefusesAMissingNameAndAnExistingOne() throws Exception {
    FormClient c = root();
    c.get("/console/users/create");
    HttpResponse<String> empty = c.post("/console/users/create", Map.of("userName", " "));
    assertThat(empty.body()).contains("Enter a user name.");
    fx.root.createUser(r -> r.userName("Taken"));
    HttpResponse<String> taken = c.post("/console/users/create", Map.of("userName", "Taken"));
    assertThat(taken.body()).contains("EntityAlreadyExists");
    HttpResponse<String> noKey =
        c.post("/console/users/create", Map.of("userName", "NoKey", "tagValue1", "orphan"));
    assertThat(noKey.body()).contains("Every tag needs a key.");
    assertThatThrownBy(() -> fx.root.getUser(r -> r.userName("NoKey")))
        .isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void aUserWithoutPermissionSeesAccessDeniedAndNothingIsCreated() throws Exception {
    FormClient c = new FormClient(fx.base());
    c.signIn(ConsoleFixture.ACCOUNT, "Reader", "reader-Pa55word!");
    assertThat(c.get("/console/users").body())
        .contains("AccessDenied")
        .contains("is not authorized to perform: iam:ListUsers");
    c.get("/console/users/create");
    HttpResponse<String> refused =
        c.post("/console/users/create", Map.of("userName", "Sneaky", "accessKey", "yes"));
    assertThat(refused.body()).contains("AccessDenied").contains("iam:CreateUser");
    assertThatThrownBy(() -> fx.root.getUser(r -> r.userName("Sneaky")))
        .isInstanceOf(NoSuchEntityException.class);
    HttpResponse<String> keys = c.get("/console/users/Reader/credentials");
    assertThat(keys.statusCode()).isEqualTo(403);
    assertThat(keys.body()).contains("iam:GetUser");
  }

  @Test
  void formsWithoutTheTokenAreRefused() throws Exception {
    FormClient c = root();
    fx.root.createUser(r -> r.userName("Csrf"));
    for (String path :
        new String[] {
          "/console/users/create", "/console/users/Csrf/keys/create", "/console/users/Csrf/delete"
        }) {
      assertThat(c.postRaw(path, Map.of("userName", "Other", "confirm", "Csrf")).statusCode())
          .isEqualTo(403);
    }
    assertThat(fx.root.listAccessKeys(r -> r.userName("Csrf")).accessKeyMetadata()).isEmpty();
    assertThat(fx.root.getUser(r -> r.userName("Csrf")).user().userName()).isEqualTo("Csrf");
  }

  @Test
  void accessKeysAreDeactivatedActivatedAndDeletedAfterConfirmation() throws Exception {
    FormClient c = root();
    fx.root.createUser(r -> r.userName("Keys"));
    c.get("/console/users/Keys/credentials");
    HttpResponse<String> made = c.post("/console/users/Keys/keys/create", Map.of());
    String id = testId(made.body(), "access-key-id");
    assertThat(testId(made.body(), "secret-access-key")).hasSize(40);
    HttpResponse<String> off =
        c.follow(
            c.post("/console/users/Keys/keys/" + id + "/status", Map.of("status", "Inactive")));
    assertThat(testId(off.body(), "flash")).isEqualTo("Access key " + id + " deactivated.");
    assertThat(fx.root.listAccessKeys(r -> r.userName("Keys")).accessKeyMetadata().get(0).status())
        .isEqualTo(StatusType.INACTIVE);
    c.follow(c.post("/console/users/Keys/keys/" + id + "/status", Map.of("status", "Active")));
    assertThat(fx.root.listAccessKeys(r -> r.userName("Keys")).accessKeyMetadata().get(0).status())
        .isEqualTo(StatusType.ACTIVE);
    HttpResponse<String> confirm = c.get("/console/users/Keys/keys/" + id + "/delete");
    assertThat(confirm.body()).contains("To confirm, type " + id);
    HttpResponse<String> wrong =
        c.post("/console/users/Keys/keys/" + id + "/delete", Map.of("confirm", "nope"));
    assertThat(wrong.body()).contains("Type the access key ID " + id + " to confirm.");
    assertThat(fx.root.listAccessKeys(r -> r.userName("Keys")).accessKeyMetadata()).hasSize(1);
    HttpResponse<String> gone =
        c.follow(c.post("/console/users/Keys/keys/" + id + "/delete", Map.of("confirm", id)));
    assertThat(testId(gone.body(), "flash")).isEqualTo("Access key " + id + " deleted.");
    assertThat(fx.root.listAccessKeys(r -> r.userName("Keys")).accessKeyMetadata()).isEmpty();
  }

  @Test
  void anMfaDeviceIsAssignedWithTwoCodesFromItsSecretAndRemoved() throws Exception {
    FormClient c = root();
    fx.root.createUser(r -> r.userName("Otp"));
    assertThat(c.get("/console/users/Otp/mfa").body()).contains("value=\"Otp\"");
    HttpResponse<String> setup = c.post("/console/users/Otp/mfa", Map.of("deviceName", "OtpPhone"));
    assertThat(setup.statusCode()).isEqualTo(200);
    String png = attribute(setup.body(), "mfa-qr", "src");
    assertThat(png).startsWith("data:image/png;base64,");
    byte[] bytes = Base64.getDecoder().decode(png.substring(png.indexOf(',') + 1));
    assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    byte[] seed = Base32.decode(testId(setup.body(), "mfa-secret"));
    String serial = "arn:aws:iam::" + ConsoleFixture.ACCOUNT + ":mfa/OtpPhone";
    long t = Totp.DEFAULT.step(fx.clock.instant());
    // Codes that are not consecutive are refused, and the codes form comes back.
    HttpResponse<String> bad =
        c.post(
            "/console/users/Otp/mfa/enable",
            Map.of(
                "serial",
                serial,
                "code1",
                Totp.DEFAULT.code(seed, t - 3),
                "code2",
                Totp.DEFAULT.code(seed, t)));
    assertThat(bad.statusCode()).isEqualTo(403);
    assertThat(bad.body()).contains("InvalidAuthenticationCode").contains("name=\"code1\"");
    assertThat(fx.root.listMFADevices(r -> r.userName("Otp")).mfaDevices()).isEmpty();
    HttpResponse<String> ok =
        c.follow(
            c.post(
                "/console/users/Otp/mfa/enable",
                Map.of(
                    "serial",
                    serial,
                    "code1",
                    Totp.DEFAULT.code(seed, t - 1),
                    "code2",
                    Totp.DEFAULT.code(seed, t))));
    assertThat(testId(ok.body(), "flash")).isEqualTo("MFA device " + serial + " assigned to Otp.");
    assertThat(testId(ok.body(), "mfa-serial")).isEqualTo(serial);
    assertThat(ok.body()).doesNotContain(testId(setup.body(), "mfa-secret"));
    assertThat(String.join("\n", fx.auditLines()))
        .contains("\"EnableMFADevice\"")
        .doesNotContain(testId(setup.body(), "mfa-secret"))
        .doesNotContain(png.substring(png.indexOf(',') + 1, png.indexOf(',') + 40));
    HttpResponse<String> removed =
        c.follow(c.post("/console/users/Otp/mfa/remove", Map.of("serial", serial)));
    assertThat(testId(removed.body(), "flash")).isEqualTo("MFA device " + serial + " removed.");
    assertThat(fx.root.listMFADevices(r -> r.userName("Otp")).mfaDevices()).isEmpty();
    assertThat(fx.root.listVirtualMFADevices().virtualMFADevices()).isEmpty();
  }

  @Test
  void aNewMfaDeviceCanBeDiscarded() throws Exception {
    FormClient c = root();
    fx.root.createUser(r -> r.userName("Undecided"));
    c.get("/console/users/Undecided/mfa");
    c.post("/console/users/Undecided/mfa", Map.of("deviceName", "Maybe"));
    assertThat(fx.root.listVirtualMFADevices().virtualMFADevices()).hasSize(1);
    String serial = "arn:aws:iam::" + ConsoleFixture.ACCOUNT + ":mfa/Maybe";
    HttpResponse<String> gone =
        c.follow(c.post("/console/users/Undecided/mfa/cancel", Map.of("serial", serial)));
    assertThat(testId(gone.body(), "flash")).isEqualTo("The new MFA device was discarded.");
    assertThat(fx.root.listVirtualMFADevices().virtualMFADevices()).isEmpty();
    c.get("/console/users/Undecided/mfa");
    assertThat(c.post("/console/users/Undecided/mfa", Map.of("deviceName", "")).body())
        .contains("Enter a device name.");
  }

  @Test
  void tagsGroupsAndAttachedPoliciesOfAUser() throws Exception {
    FormClient c = root();
    fx.root.createUser(r -> r.userName("Tabs"));
    fx.root.createGroup(r -> r.groupName("Readers"));
    HttpResponse<String> show = c.get("/console/users/Tabs");
    assertThat(show.body())
        .contains("href=\"/console/users/Tabs/groups\"")
        .contains("href=\"/console/users/Tabs/credentials\"")
        .contains("href=\"/console/users/Tabs/tags\"");
    c.get("/console/users/Tabs/tags");
    c.follow(c.post("/console/users/Tabs/tags", Map.of("key", "env", "value", "prod")));
    assertThat(fx.root.listUserTags(r -> r.userName("Tabs")).tags()).hasSize(1);
    HttpResponse<String> untagged =
        c.follow(c.post("/console/users/Tabs/untag", Map.of("key", "env")));
    assertThat(testId(untagged.body(), "flash")).isEqualTo("Tag env removed.");
    assertThat(fx.root.listUserTags(r -> r.userName("Tabs")).tags()).isEmpty();

    assertThat(c.get("/console/users/Tabs/groups").body()).contains("value=\"Readers\"");
    c.follow(c.post("/console/users/Tabs/groups/add", Map.of("group", "Readers")));
    assertThat(fx.root.listGroupsForUser(r -> r.userName("Tabs")).groups()).hasSize(1);
    HttpResponse<String> none = c.post("/console/users/Tabs/groups/add", Map.of());
    assertThat(testId(c.follow(none).body(), "flash")).isEqualTo("Choose at least one group.");
    c.follow(c.post("/console/users/Tabs/groups/remove", Map.of("group", "Readers")));
    assertThat(fx.root.listGroupsForUser(r -> r.userName("Tabs")).groups()).isEmpty();

    HttpResponse<String> search = c.get("/console/users/Tabs/attach?q=ReadOnlyAccess");
    assertThat(search.body()).contains("value=\"arn:aws:iam::aws:policy/ReadOnlyAccess\"");
    c.follow(
        c.post(
            "/console/users/Tabs/attach",
            Map.of("policy", "arn:aws:iam::aws:policy/ReadOnlyAccess")));
    assertThat(fx.root.listAttachedUserPolicies(r -> r.userName("Tabs")).attachedPolicies())
        .hasSize(1);
    assertThat(c.get("/console/users/Tabs").body())
        .contains("aria-label=\"Detach ReadOnlyAccess\"");
    c.follow(
        c.post(
            "/console/users/Tabs/detach",
            Map.of("policyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess")));
    assertThat(fx.root.listAttachedUserPolicies(r -> r.userName("Tabs")).attachedPolicies())
        .isEmpty();
  }

  @Test
  void deletingAUserRemovesWhatItHoldsAfterConfirmation() throws Exception {
    FormClient c = root();
    fx.root.createUser(r -> r.userName("Leaving"));
    fx.root.createGroup(r -> r.groupName("Leavers"));
    fx.root.addUserToGroup(r -> r.userName("Leaving").groupName("Leavers"));
    fx.root.createAccessKey(r -> r.userName("Leaving"));
    fx.root.attachUserPolicy(
        r -> r.userName("Leaving").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
    fx.root.putUserPolicy(
        r ->
            r.userName("Leaving")
                .policyName("Own")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}"));
    assertThat(c.get("/console/users/Leaving/delete").body()).contains("To confirm, type Leaving");
    HttpResponse<String> wrong = c.post("/console/users/Leaving/delete", Map.of("confirm", "x"));
    assertThat(wrong.body()).contains("Type the user name Leaving to confirm.");
    assertThat(fx.root.getUser(r -> r.userName("Leaving")).user()).isNotNull();
    HttpResponse<String> gone =
        c.follow(c.post("/console/users/Leaving/delete", Map.of("confirm", "Leaving")));
    assertThat(testId(gone.body(), "flash")).isEqualTo("User Leaving deleted.");
    assertThatThrownBy(() -> fx.root.getUser(r -> r.userName("Leaving")))
        .isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void consolePasswordIsSetAtCreationThenUpdatedAndDisabled() throws Exception {
    FormClient c = root();
    c.get("/console/users/create");
    HttpResponse<String> created =
        c.post(
            "/console/users/create",
            Map.of(
                "userName",
                "Pat",
                "console",
                "yes",
                "password",
                "first-Pa55word!",
                "resetRequired",
                "yes"));
    assertThat(created.body()).contains("Console password set; a new one must be chosen");
    assertThat(
            fx.root.getLoginProfile(r -> r.userName("Pat")).loginProfile().passwordResetRequired())
        .isTrue();
    HttpResponse<String> tab = c.get("/console/users/Pat/credentials");
    assertThat(testId(tab.body(), "password-status")).startsWith("Enabled");
    HttpResponse<String> updated =
        c.follow(
            c.post(
                "/console/users/Pat/password",
                Map.of("mode", "update", "password", "second-Pa55word!")));
    assertThat(testId(updated.body(), "flash")).isEqualTo("Password updated.");
    assertThat(
            fx.root.getLoginProfile(r -> r.userName("Pat")).loginProfile().passwordResetRequired())
        .isFalse();
    HttpResponse<String> empty =
        c.follow(c.post("/console/users/Pat/password", Map.of("mode", "update")));
    assertThat(testId(empty.body(), "flash")).isEqualTo("Enter a console password.");
    HttpResponse<String> off = c.follow(c.post("/console/users/Pat/password/delete", Map.of()));
    assertThat(testId(off.body(), "flash")).isEqualTo("Console access disabled for Pat.");
    assertThat(testId(off.body(), "password-status")).isEqualTo("Not enabled");
    assertThatThrownBy(() -> fx.root.getLoginProfile(r -> r.userName("Pat")))
        .isInstanceOf(NoSuchEntityException.class);
    HttpResponse<String> again =
        c.follow(
            c.post(
                "/console/users/Pat/password",
                Map.of("mode", "create", "password", "third-Pa55word!")));
    assertThat(testId(again.body(), "flash")).isEqualTo("Console access enabled for Pat.");
    String audit = String.join("\n", fx.auditLines());
    assertThat(audit)
        .contains("\"UpdateLoginProfile\"")
        .doesNotContain("first-Pa55word!")
        .doesNotContain("second-Pa55word!")
        .doesNotContain("third-Pa55word!");
  }
}

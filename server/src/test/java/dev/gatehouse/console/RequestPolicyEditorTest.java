package dev.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.e2e.GatehouseApiClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request-policy editor of the role page: offered only to who may PutRoleRequestPolicy; saves
 * what the API stores (read back with GetRoleRequestPolicy); refuses bad input before the call and
 * shows the API's own refusals with the entries kept and nothing stored; removes the policy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestPolicyEditorTest {
  static final String ACCOUNT = ConsoleFixture.ACCOUNT;
  static final String PAT = "pat-Pa55word!!";
  static final String DAVE = "dave-Pa55word!!";
  static final String EDITOR = "/console/roles/RoleEdited/request-policy";

  @TempDir static Path dir;
  ConsoleFixture fx;
  GatehouseApiClient admin;

  @BeforeAll
  void start() throws Exception {
    fx =
        new ConsoleFixture(
            dir,
            List.of(
                new ConsoleFixture.Login("Pat", PAT, false),
                new ConsoleFixture.Login("Dave", DAVE, false)));
    admin = fx.gatehouse();
    fx.role("RoleEdited", "arn:aws:iam::" + ACCOUNT + ":user/Dave", "");
    allow("Pat", "gatehouse:*", "iam:GetRole", "iam:List*");
    allow("Dave", "gatehouse:GetRoleRequestPolicy", "iam:GetRole", "iam:List*");
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  void allow(String user, String... actions) {
    fx.allow(user, "Edit", actions);
  }

  FormClient as(String user, String password) throws Exception {
    return fx.signedIn(user, password);
  }

  /** The stored policy as the API answers (its XML), or null without one. */
  String stored() throws Exception {
    GatehouseApiClient.Response r =
        admin.call("GetRoleRequestPolicy", Map.of("RoleName", "RoleEdited"));
    if (r.status() == 404) {
      return null;
    }
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  /** The text of element {@code name} in {@code xml}. */
  static String field(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
    assertThat(m.find()).as(name + " in " + xml).isTrue();
    return m.group(1);
  }

  static Map<String, String> fields(String approvers, String quorum, String seconds) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("approvers", approvers);
    m.put("quorum", quorum);
    m.put("maxDurationSeconds", seconds);
    m.put("reasonRequired", "true");
    m.put("ticketRequired", "true");
    return m;
  }

  @Test
  void patRequiresGrantsChangesThemIsRefusedOnBadTermsAndRemovesThem() throws Exception {
    FormClient pat = as("Pat", PAT);
    String rolePage = pat.get("/console/roles/RoleEdited").body();
    assertThat(ScreenPages.testId(rolePage, "edit-request-policy"))
        .isEqualTo("Require access requests");
    assertThat(stored()).isNull();

    pat.get(EDITOR);
    String maria = "arn:aws:iam::" + ACCOUNT + ":user/Maria";
    String group = "arn:aws:iam::" + ACCOUNT + ":group/Approvers";
    HttpResponse<String> saved =
        pat.follow(pat.post(EDITOR, fields(maria + "\r\n\r\n" + group + "\n", "2", "3600")));
    assertThat(ScreenPages.testId(saved.body(), "flash"))
        .isEqualTo(
            "Request policy of RoleEdited saved: the role now requires an approved access"
                + " grant.");
    String p = stored();
    assertThat(p).contains("<member>" + maria + "</member>", "<member>" + group + "</member>");
    assertThat(field(p, "Quorum")).isEqualTo("2");
    assertThat(field(p, "MaxDurationSeconds")).isEqualTo("3600");
    assertThat(field(p, "TicketRequired")).isEqualTo("true");
    assertThat(field(p, "BreakGlass")).isEqualTo("false");
    assertThat(ScreenPages.testId(saved.body(), "edit-request-policy"))
        .isEqualTo("Edit request policy");
    assertThat(pat.get(EDITOR).body()).contains(maria).contains("remove-policy");

    // Refused before the call: nothing changes.
    String local = pat.post(EDITOR, fields(maria, "two", "3600")).body();
    assertThat(ScreenPages.unescape(local))
        .contains("Approvals needed must be a whole number such as 1; got \"two\".");
    assertThat(field(stored(), "Quorum")).isEqualTo("2");
    // Refused by the API (an approver that is no ARN): its error, the entries kept.
    String refused = pat.post(EDITOR, fields(maria + "\nbob", "3", "1800")).body();
    assertThat(AccessGrantScreensHttpTest.awsError(refused))
        .isEqualTo(
            "InvalidParameterValue: Approvers: 'bob' is not the ARN of an IAM user, group or role");
    assertThat(refused).contains(maria).contains("value=\"1800\"");
    assertThat(field(stored(), "MaxDurationSeconds")).isEqualTo("3600");

    HttpResponse<String> removed = pat.follow(pat.post(EDITOR + "/delete", Map.of()));
    assertThat(ScreenPages.testId(removed.body(), "flash"))
        .isEqualTo(
            "Request policy of RoleEdited removed: the role no longer requires an access"
                + " grant.");
    assertThat(stored()).isNull();
  }

  @Test
  void withoutPutRoleRequestPolicyNoLinkAndTheApiRefuses() throws Exception {
    FormClient dave = as("Dave", DAVE);
    assertThat(dave.get("/console/roles/RoleEdited").body()).doesNotContain("edit-request-policy");
    dave.get(EDITOR);
    String refused =
        dave.post(EDITOR, fields("arn:aws:iam::" + ACCOUNT + ":user/Dave", "1", "900")).body();
    assertThat(AccessGrantScreensHttpTest.awsError(refused)).startsWith("AccessDenied: ");
    assertThat(stored()).isNull();
  }
}

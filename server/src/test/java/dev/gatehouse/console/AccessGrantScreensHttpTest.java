package dev.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.e2e.GatehouseApiClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access-grant screens without a browser: Request access (and each refusal the API gives), the
 * role page's request-policy card, Pending approvals (approve, deny, quorum, self-approval refused,
 * break-glass), My grants (time left, give back, withdraw), the grant in the Switch Role header and
 * Switch Role's explanation when there is no live grant. Every step is an audited gatehouse call of
 * the person signed in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessGrantScreensHttpTest {
  static final String ACCOUNT = ConsoleFixture.ACCOUNT;
  static final String STUART = "stuart-Pa55word!!";
  static final String MARIA = "maria-Pa55word!!";
  static final String ALEX = "alex-Pa55word!!";
  static final String CAROL = "carol-Pa55word!!";
  static final String DAVE = "dave-Pa55word!!";
  static final Pattern GRANT = Pattern.compile("data-testid=\"grant-id\">(ag-[0-9a-f]+)<");
  static final Pattern REQUEST = Pattern.compile("Access request (ar-[0-9a-f]+) for");

  @TempDir static Path dir;
  ConsoleFixture fx;
  GatehouseApiClient admin;

  @BeforeAll
  void start() throws Exception {
    fx =
        new ConsoleFixture(
            dir,
            List.of(
                new ConsoleFixture.Login("Stuart", STUART, false),
                new ConsoleFixture.Login("Maria", MARIA, false),
                new ConsoleFixture.Login("Alex", ALEX, false),
                new ConsoleFixture.Login("Carol", CAROL, false),
                new ConsoleFixture.Login("Dave", DAVE, false)));
    admin = fx.gatehouse();
    for (String role :
        new String[] {"RoleGranted", "RoleGlass", "RoleMfa", "RoleQuorum", "RoleDeny", "Plain"}) {
      fx.role(role, "arn:aws:iam::" + ACCOUNT + ":user/Stuart", "");
    }
    policy("RoleGranted", 1, false, false);
    policy("RoleGlass", 1, true, false);
    policy("RoleMfa", 1, false, true);
    policy("RoleQuorum", 2, false, false);
    policy("RoleDeny", 1, false, false);
    allow(
        "Stuart",
        "sts:AssumeRole",
        "gatehouse:RequestAccess",
        "gatehouse:GetRoleRequestPolicy",
        "gatehouse:ListAccessRequests",
        "gatehouse:ApproveAccessRequest",
        "gatehouse:DenyAccessRequest",
        "gatehouse:ReleaseAccessGrant");
    allow("Maria", "gatehouse:*");
    allow("Dave", "sts:AssumeRole", "gatehouse:GetRoleRequestPolicy");
    allow("Alex", "gatehouse:*");
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  void policy(String role, int quorum, boolean breakGlass, boolean mfa) throws Exception {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("RoleName", role);
    p.put("MaxDurationSeconds", "14400");
    p.put("Approvers.member.1", "arn:aws:iam::" + ACCOUNT + ":user/Maria");
    p.put("Approvers.member.2", "arn:aws:iam::" + ACCOUNT + ":user/Alex");
    p.put("Quorum", Integer.toString(quorum));
    p.put("ReasonRequired", "true");
    p.put("BreakGlass", Boolean.toString(breakGlass));
    p.put("MfaToRequest", Boolean.toString(mfa));
    GatehouseApiClient.Response r = admin.call("PutRoleRequestPolicy", p);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  void allow(String user, String... actions) {
    fx.allow(user, "Grants", actions);
  }

  FormClient as(String user, String password) throws Exception {
    return fx.signedIn(user, password);
  }

  private static Map<String, String> form(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  static String first(Pattern p, String body) {
    Matcher m = p.matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return m.group(1);
  }

  String request(FormClient c, String role, String seconds, String reason) throws Exception {
    c.get("/console/access/request?role=" + role);
    HttpResponse<String> sent =
        c.follow(
            c.post(
                "/console/access/request",
                form("role", role, "durationSeconds", seconds, "reason", reason, "ticketId", "")));
    assertThat(ScreenPages.testId(sent.body(), "flash")).contains("sent", "waits for approval");
    return first(REQUEST, sent.body());
  }

  /** The AWS error a page shows: code and message. */
  static String awsError(String body) {
    int at = body.indexOf("data-testid=\"aws-error\">");
    if (at < 0) {
      return "";
    }
    String div = body.substring(at, body.indexOf("</div>", at));
    return ScreenPages.unescape(div.substring(div.indexOf('>') + 1).replaceAll("<[^>]+>", ""));
  }

  /** The grant of request {@code id} on My grants. */
  static String grantOf(String myGrants, String id) {
    return first(
        Pattern.compile(
            Pattern.quote(id) + " · grant <span data-testid=\"grant-id\">(ag-[0-9a-f]+)<"),
        myGrants);
  }

  HttpResponse<String> decide(FormClient c, String id, String decision, String comment)
      throws Exception {
    c.get("/console/access/approvals");
    return c.follow(
        c.post(
            "/console/access/approvals/decide",
            form("requestId", id, "decision", decision, "comment-" + id, comment)));
  }

  @Test
  @Order(1)
  void stuartIsRefusedRequestsMariaApprovesHeSwitchesGivesItBackAndIsRefusedAgain()
      throws Exception {
    FormClient stuart = as("Stuart", STUART);
    stuart.get("/console/switchrole");
    HttpResponse<String> refused =
        stuart.post("/console/switchrole", form("account", ACCOUNT, "roleName", "RoleGranted"));
    assertThat(awsError(refused.body())).startsWith("AccessDenied: ");
    assertThat(refused.body()).contains("has no live grant for it");
    assertThat(refused.body())
        .contains("data-testid=\"no-live-grant\"")
        .contains("No live grant for this role - request access.")
        .contains("href=\"/console/access/request?role=RoleGranted\"");

    String id = request(stuart, "RoleGranted", "7200", "OPS-123 fix the upload bucket");
    String mine = stuart.get("/console/access").body();
    assertThat(ScreenPages.testIds(mine, "grant-status")).containsExactly("PENDING");
    assertThat(ScreenPages.testIds(mine, "time-left")).containsExactly("waiting for approval");

    FormClient maria = as("Maria", MARIA);
    String pending = maria.get("/console/access/approvals").body();
    assertThat(ScreenPages.testIds(pending, "request-id")).contains(id);
    assertThat(pending.replace("<wbr>", ""))
        .contains("arn:aws:iam::" + ACCOUNT + ":user/Stuart")
        .contains("OPS-123 fix the upload bucket");
    assertThat(ScreenPages.testIds(pending, "duration")).contains("2 h");
    assertThat(ScreenPages.testIds(pending, "break-glass")).contains("no");
    HttpResponse<String> approved = decide(maria, id, "approve", "ok for two hours");
    assertThat(ScreenPages.testId(approved.body(), "flash"))
        .startsWith("Access request " + id + " approved: grant ag-")
        .contains("for RoleGranted until");
    assertThat(ScreenPages.testIds(approved.body(), "request-id")).doesNotContain(id);

    mine = stuart.get("/console/access").body();
    String grant = grantOf(mine, id);
    assertThat(ScreenPages.testIds(mine, "grant-status")).containsExactly("ACTIVE");
    assertThat(ScreenPages.testId(mine, "time-left")).matches("(2 h|1 h 59 min) left");
    assertThat(mine)
        .contains("href=\"/console/switchrole?account=" + ACCOUNT + "&amp;roleName=RoleGranted\"");

    HttpResponse<String> switched =
        stuart.follow(
            stuart.post(
                "/console/switchrole", form("account", ACCOUNT, "roleName", "RoleGranted")));
    assertThat(ScreenPages.testId(switched.body(), "identity"))
        .isEqualTo("RoleGranted @ " + ACCOUNT);
    assertThat(ScreenPages.testId(switched.body(), "role-grant"))
        .matches("Access grant " + grant + ": (2 h|1 h 59 min) left\\.");
    fx.clock.advance(Duration.ofMinutes(30));
    try {
      assertThat(ScreenPages.testId(stuart.get("/console").body(), "role-grant"))
          .matches("Access grant " + grant + ": 1 h (30|29) min left\\.");
    } finally {
      fx.clock.advance(Duration.ofMinutes(-30));
    }

    stuart.get("/console/access");
    HttpResponse<String> given =
        stuart.follow(stuart.post("/console/access/release", form("grantId", grant)));
    // The role session was issued under the grant: it ended with it.
    assertThat(ScreenPages.testId(given.body(), "flash"))
        .contains("is no longer valid (it was revoked)");
    assertThat(ScreenPages.testId(given.body(), "identity")).isEqualTo("Stuart @ " + ACCOUNT);
    assertThat(ScreenPages.testIds(stuart.get("/console/access").body(), "grant-status"))
        .containsExactly("RELEASED");
    stuart.get("/console/switchrole");
    assertThat(
            stuart
                .post("/console/switchrole", form("account", ACCOUNT, "roleName", "RoleGranted"))
                .body())
        .contains("No live grant for this role - request access.");

    // Each step was the gatehouse API call of the person signed in, audited as such.
    List<String> audit = fx.auditLines();
    assertThat(audit)
        .anyMatch(
            l ->
                l.contains("\"CreateAccessRequest\"")
                    && l.contains("gatehouse-console")
                    && l.contains(":user/Stuart"))
        .anyMatch(l -> l.contains("\"ApproveAccessRequest\"") && l.contains(":user/Maria"))
        .anyMatch(l -> l.contains("\"ReleaseAccessGrant\"") && l.contains(":user/Stuart"));
  }

  @Test
  void theRequestFormShowsThePolicyAndEachRefusalOfTheApi() throws Exception {
    FormClient stuart = as("Stuart", STUART);
    String page = stuart.get("/console/access/request?role=RoleGranted").body();
    assertThat(ScreenPages.testId(page, "longest-grant")).isEqualTo("4 h");
    assertThat(ScreenPages.testId(page, "request-needs")).isEqualTo("a reason");
    assertThat(page).contains("<option value=\"14400\"").doesNotContain("value=\"28800\"");

    HttpResponse<String> noReason =
        stuart.post(
            "/console/access/request",
            form("role", "RoleGranted", "durationSeconds", "3600", "reason", " "));
    assertThat(awsError(noReason.body())).startsWith("InvalidParameterValue: ");
    assertThat(noReason.body()).contains("requires a Reason for access requests");

    HttpResponse<String> tooLong =
        stuart.post(
            "/console/access/request",
            form("role", "RoleGranted", "durationSeconds", "86400", "reason", "long"));
    assertThat(tooLong.body()).contains("DurationSeconds 86400 exceeds the longest grant");
    assertThat(tooLong.body()).contains(">long</textarea>");

    HttpResponse<String> badForm =
        stuart.post(
            "/console/access/request",
            form("role", "", "durationSeconds", "x", "reason", "r", "startTime", "tomorrow"));
    assertThat(badForm.body()).contains("data-testid=\"form-error\"");
    assertThat(badForm.body())
        .contains("Enter the name of the role.")
        .contains("Choose a duration.")
        .contains("The start time must be a date and time such as 2026-12-07T10:00 (UTC)");

    stuart.get("/console/access/request?role=RoleMfa");
    HttpResponse<String> mfa =
        stuart.post(
            "/console/access/request",
            form("role", "RoleMfa", "durationSeconds", "3600", "reason", "needs mfa"));
    assertThat(awsError(mfa.body())).startsWith("AccessDenied: ");
    assertThat(mfa.body()).contains("requires MFA to request access");

    stuart.get("/console/access/request?role=Plain");
    HttpResponse<String> noPolicy =
        stuart.post(
            "/console/access/request",
            form("role", "Plain", "durationSeconds", "3600", "reason", "x"));
    assertThat(awsError(noPolicy.body())).startsWith("NoSuchEntity: ");
    assertThat(noPolicy.body()).contains("has no request policy");

    // A start time: the grant starts then, not at approval.
    String later = fx.clock.instant().plus(Duration.ofDays(1)).toString().substring(0, 16);
    stuart.get("/console/access/request?role=RoleDeny");
    HttpResponse<String> scheduled =
        stuart.follow(
            stuart.post(
                "/console/access/request",
                form(
                    "role",
                    "RoleDeny",
                    "durationSeconds",
                    "900",
                    "reason",
                    "tomorrow's change",
                    "ticketId",
                    "CHG-7",
                    "startTime",
                    later)));
    String id = first(REQUEST, scheduled.body());
    FormClient maria = as("Maria", MARIA);
    assertThat(maria.get("/console/access/approvals").body())
        .contains("at approval, not before " + later);
    decide(maria, id, "approve", "");
    String mine = stuart.get("/console/access").body();
    assertThat(mine).contains("CHG-7 · tomorrow&#39;s change");
    assertThat(ScreenPages.testIds(mine, "time-left"))
        .anyMatch(t -> t.startsWith("starts in 23 h 5"));
    String grant = grantOf(mine, id);
    HttpResponse<String> given =
        stuart.follow(stuart.post("/console/access/release", form("grantId", grant)));
    assertThat(ScreenPages.testId(given.body(), "flash"))
        .isEqualTo("Grant " + grant + " given back: the sessions issued under it have ended.");
    HttpResponse<String> again =
        stuart.follow(stuart.post("/console/access/release", form("grantId", grant)));
    assertThat(ScreenPages.testId(again.body(), "flash")).startsWith("InvalidParameterValue");
  }

  @Test
  void withoutPermissionsEveryScreenShowsTheApisRefusal() throws Exception {
    FormClient carol = as("Carol", CAROL);
    String form = carol.get("/console/access/request?role=RoleGranted").body();
    assertThat(ScreenPages.testId(form, "policy-unreadable"))
        .contains("could not be read with your permissions");
    HttpResponse<String> refused =
        carol.post(
            "/console/access/request",
            form("role", "RoleGranted", "durationSeconds", "3600", "reason", "please"));
    assertThat(awsError(refused.body())).startsWith("AccessDenied: ");
    assertThat(refused.body())
        .contains("is not authorized to perform: gatehouse:RequestAccess on resource:");
    assertThat(awsError(carol.get("/console/access").body())).startsWith("AccessDenied: ");
    assertThat(awsError(carol.get("/console/access/approvals").body()))
        .startsWith("AccessDenied: ");
    HttpResponse<String> decided =
        carol.follow(
            carol.post(
                "/console/access/approvals/decide",
                form("requestId", "ar-0000", "decision", "approve")));
    assertThat(ScreenPages.testId(decided.body(), "flash")).startsWith("AccessDenied");
    // A role without a request policy shows no request card; one with a readable policy does.
    FormClient root = new FormClient(fx.base());
    root.signIn(ACCOUNT, "", fx.rootPassword());
    String plain = root.get("/console/roles/Plain").body();
    assertThat(plain).doesNotContain("data-testid=\"request-policy\"");
    assertThat(ScreenPages.testId(plain, "edit-request-policy"))
        .isEqualTo("Require access requests");
    String granted = root.get("/console/roles/RoleGranted").body();
    assertThat(ScreenPages.testId(granted, "longest-grant")).isEqualTo("4 h");
    assertThat(granted).contains("href=\"/console/access/request?role=RoleGranted\"");
    // The root user requests nothing: only IAM users do.
    root.get("/console/access/request?role=RoleGranted");
    assertThat(
            root.post(
                    "/console/access/request",
                    form("role", "RoleGranted", "durationSeconds", "3600", "reason", "root"))
                .body())
        .contains("Access requests are made by IAM users");
  }

  @Test
  void approvalsDenyQuorumSelfApprovalBreakGlassAndWithdraw() throws Exception {
    FormClient stuart = as("Stuart", STUART);
    FormClient maria = as("Maria", MARIA);
    FormClient alex = as("Alex", ALEX);

    // Self-approval is refused by the API; the approvals page marks the request as his own.
    String own = request(stuart, "RoleDeny", "3600", "my change");
    String mine = stuart.get("/console/access/approvals").body();
    assertThat(ScreenPages.testIds(mine, "request-id")).contains(own);
    assertThat(ScreenPages.testId(mine, "own-request")).isEqualTo("This is your own request.");
    assertThat(mine).doesNotContain("aria-label=\"Approve " + own + "\"");
    HttpResponse<String> self = decide(stuart, own, "approve", "me");
    assertThat(ScreenPages.testId(self.body(), "flash"))
        .startsWith("AccessDenied: A requester cannot approve their own request (" + own + ")");
    HttpResponse<String> denied = decide(maria, own, "deny", "not this week");
    assertThat(ScreenPages.testId(denied.body(), "flash"))
        .isEqualTo("Access request " + own + " denied.");
    assertThat(ScreenPages.testIds(stuart.get("/console/access").body(), "grant-status"))
        .contains("DENIED");

    // Withdrawn by the requester from My grants.
    String withdrawn = request(stuart, "RoleDeny", "900", "changed my mind");
    stuart.get("/console/access");
    HttpResponse<String> gone =
        stuart.follow(stuart.post("/console/access/withdraw", form("requestId", withdrawn)));
    assertThat(ScreenPages.testId(gone.body(), "flash"))
        .isEqualTo("Access request " + withdrawn + " withdrawn.");
    HttpResponse<String> twice =
        stuart.follow(stuart.post("/console/access/withdraw", form("requestId", withdrawn)));
    assertThat(ScreenPages.testId(twice.body(), "flash")).contains(withdrawn);

    // A quorum of two: Maria's approval is recorded, Alex's makes the grant.
    String quorum = request(stuart, "RoleQuorum", "3600", "two approvers");
    HttpResponse<String> one = decide(maria, quorum, "approve", "one");
    assertThat(ScreenPages.testId(one.body(), "flash"))
        .isEqualTo("Your approval of " + quorum + " is recorded; it needs 2 different approvers.");
    String forAlex = alex.get("/console/access/approvals").body();
    assertThat(forAlex).contains(quorum);
    assertThat(ScreenPages.testIds(forAlex, "approvals")).contains("1 of 2");
    assertThat(ScreenPages.testId(decide(maria, quorum, "approve", "again").body(), "flash"))
        .contains("has already approved");
    assertThat(ScreenPages.testId(decide(alex, quorum, "approve", "two").body(), "flash"))
        .contains("approved: grant ag-");

    // Break-glass: his own request, approved by himself with a reason, and flagged.
    String glass = request(stuart, "RoleGlass", "3600", "prod down INC-9");
    String page = stuart.get("/console/access/approvals").body();
    assertThat(page).contains("Approve (break-glass)");
    assertThat(ScreenPages.testIds(page, "break-glass"))
        .contains("yes: you may approve your own request with a reason; it is flagged");
    assertThat(ScreenPages.testId(decide(stuart, glass, "approve", "").body(), "flash"))
        .startsWith("InvalidParameterValue: Break-glass self-approval");
    assertThat(ScreenPages.testId(decide(stuart, glass, "approve", "nobody awake").body(), "flash"))
        .startsWith("Access request " + glass + " approved under break-glass: grant ag-");
    String grants = stuart.get("/console/access").body();
    assertThat(grants).contains("BREAK-GLASS");
    for (Matcher m = GRANT.matcher(grants); m.find(); ) {
      stuart.post("/console/access/release", form("grantId", m.group(1)));
      stuart.get("/console/access");
    }
    assertThat(ScreenPages.testIds(stuart.get("/console/access").body(), "grant-status"))
        .doesNotContain("ACTIVE");
    String none = alex.get("/console/access/approvals").body();
    assertThat(ScreenPages.testIds(none, "request-id")).isEmpty();
    assertThat(ScreenPages.testId(none, "none")).isEqualTo("No access request is waiting for you.");
  }

  @Test
  void unusualPoliciesSwitchRefusalsWithoutAListAndARoleAsApprover() throws Exception {
    fx.role("RoleOdd", "arn:aws:iam::" + ACCOUNT + ":user/Stuart", "");
    Map<String, String> odd = new LinkedHashMap<>();
    odd.put("RoleName", "RoleOdd");
    odd.put("MaxDurationSeconds", "5400");
    odd.put("BreakGlass", "true");
    odd.put("ReasonRequired", "false");
    odd.put("TicketRequired", "true");
    odd.put("SingleUse", "true");
    assertThat(admin.call("PutRoleRequestPolicy", odd).status()).isEqualTo(200);
    FormClient stuart = as("Stuart", STUART);
    String page = stuart.get("/console/access/request?role=RoleOdd").body();
    assertThat(page)
        .contains("1 h 30 min (the longest)")
        .contains("none (break-glass only)")
        .contains("each grant allows one Switch Role")
        .contains("Ticket ID (required)");
    assertThat(ScreenPages.testId(page, "request-needs")).isEqualTo("a ticket ID");

    // Dave may read the policy but not list grants: the page says what the role needs.
    FormClient dave = as("Dave", DAVE);
    dave.get("/console/switchrole");
    String refused =
        dave.post("/console/switchrole", form("account", ACCOUNT, "roleName", "RoleGranted"))
            .body();
    assertThat(refused).contains("This role requires a live access grant - request access.");
    // Another account's role: only the API's refusal.
    String other =
        dave.post("/console/switchrole", form("account", "210987654321", "roleName", "RoleGranted"))
            .body();
    assertThat(other).doesNotContain("no-live-grant");

    // A role as approver: Maria approves in a session of RoleApprovers.
    fx.role("RoleApprovers", "arn:aws:iam::" + ACCOUNT + ":user/Maria", "");
    fx.root.putRolePolicy(
        r ->
            r.roleName("RoleApprovers")
                .policyName("Decide")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"gatehouse:*\",\"Resource\":\"*\"}]}"));
    fx.mayAssume("Maria", "RoleApprovers");
    Map<String, String> byRole = new LinkedHashMap<>();
    byRole.put("RoleName", "RoleDeny");
    byRole.put("MaxDurationSeconds", "14400");
    byRole.put("Approvers.member.1", "arn:aws:iam::" + ACCOUNT + ":role/RoleApprovers");
    assertThat(admin.call("PutRoleRequestPolicy", byRole).status()).isEqualTo(200);
    String id = request(stuart, "RoleDeny", "900", "approved by a role");
    FormClient maria = as("Maria", MARIA);
    // Not named by the policy herself, Maria does not see it until she acts as the role.
    assertThat(maria.get("/console/access/approvals").body()).doesNotContain(id);
    maria.get("/console/switchrole");
    String switched =
        maria
            .follow(
                maria.post(
                    "/console/switchrole", form("account", ACCOUNT, "roleName", "RoleApprovers")))
            .body();
    assertThat(ScreenPages.testId(switched, "identity")).isEqualTo("RoleApprovers @ " + ACCOUNT);
    assertThat(switched).doesNotContain("role-grant");
    assertThat(ScreenPages.testId(decide(maria, id, "approve", "as the role").body(), "flash"))
        .startsWith("Access request " + id + " approved: grant ag-");
    String grant = grantOf(stuart.get("/console/access").body(), id);
    stuart.post("/console/access/release", form("grantId", grant));
    policy("RoleDeny", 1, false, false);
  }

  @Test
  void aGroupApproverSeesTheRequestAndAnotherApproverNot() throws Exception {
    fx.role("RoleGroup", "arn:aws:iam::" + ACCOUNT + ":user/Stuart", "");
    fx.root.createGroup(r -> r.groupName("GrantApprovers"));
    fx.root.addUserToGroup(r -> r.groupName("GrantApprovers").userName("Alex"));
    Map<String, String> byGroup = new LinkedHashMap<>();
    byGroup.put("RoleName", "RoleGroup");
    byGroup.put("MaxDurationSeconds", "3600");
    byGroup.put("Approvers.member.1", "arn:aws:iam::" + ACCOUNT + ":group/GrantApprovers");
    assertThat(admin.call("PutRoleRequestPolicy", byGroup).status()).isEqualTo(200);
    FormClient stuart = as("Stuart", STUART);
    String id = request(stuart, "RoleGroup", "900", "approved by a group");
    FormClient maria = as("Maria", MARIA);
    FormClient alex = as("Alex", ALEX);
    // Without iam:ListGroupsForUser the page cannot tell: it lists the request, the API decides.
    assertThat(maria.get("/console/access/approvals").body()).contains(id);
    assertThat(ScreenPages.testId(decide(maria, id, "approve", "not mine").body(), "flash"))
        .startsWith("AccessDenied: ")
        .contains("is not an approver of access requests for role");
    try {
      allow("Maria", "gatehouse:*", "iam:ListGroupsForUser");
      allow("Alex", "gatehouse:*", "iam:ListGroupsForUser");
      assertThat(maria.get("/console/access/approvals").body())
          .as("Maria is in no group the policy names")
          .doesNotContain(id);
      assertThat(alex.get("/console/access/approvals").body()).contains(id);
      assertThat(ScreenPages.testId(decide(alex, id, "approve", "as a member").body(), "flash"))
          .startsWith("Access request " + id + " approved: grant ag-");
      stuart.post(
          "/console/access/release",
          form("grantId", grantOf(stuart.get("/console/access").body(), id)));
    } finally {
      allow("Maria", "gatehouse:*");
      allow("Alex", "gatehouse:*");
    }
  }
}

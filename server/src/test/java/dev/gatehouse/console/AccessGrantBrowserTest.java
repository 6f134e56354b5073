package dev.gatehouse.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.gatehouse.server.e2e.GatehouseApiClient;
import dev.gatehouse.sigv4.SigningCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporary access with approval in a real browser (DESIGN.md decision 12): Stuart is refused
 * Switch Role and told why, requests access with a reason, Maria sees the request pending and
 * approves it, Stuart sees the grant in My grants and in the Switch Role header, switches, gives it
 * back and is refused again. Each page fits a 1280x800 screen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessGrantBrowserTest {
  static final String ACCOUNT = ConsoleFixture.ACCOUNT;
  static final String ROLE = "RoleS3FullAccess";
  static final String STUART = "stuart-Pa55word!";
  static final String MARIA = "maria-Pa55word!";

  @TempDir static Path dir;
  ConsoleFixture fx;
  BrowserSession browser;

  @BeforeAll
  void start() throws Exception {
    fx =
        new ConsoleFixture(
            dir,
            List.of(
                new ConsoleFixture.Login("Stuart", STUART, false),
                new ConsoleFixture.Login("Maria", MARIA, false)));
    fx.role(ROLE, "arn:aws:iam::" + ACCOUNT + ":user/Stuart", "");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("RoleName", ROLE);
    p.put("MaxDurationSeconds", "14400");
    p.put("Approvers.member.1", "arn:aws:iam::" + ACCOUNT + ":user/Maria");
    p.put("ReasonRequired", "true");
    GatehouseApiClient.Response r =
        new GatehouseApiClient(
                URI.create(fx.base()), SigningCredentials.of(fx.rootKeyId, fx.rootSecret))
            .call("PutRoleRequestPolicy", p);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    policy(
        "Stuart",
        "sts:AssumeRole",
        "gatehouse:RequestAccess",
        "gatehouse:GetRoleRequestPolicy",
        "gatehouse:ListAccessRequests",
        "gatehouse:ReleaseAccessGrant");
    policy("Maria", "gatehouse:*", "iam:Get*", "iam:List*");
    browser = new BrowserSession(fx.base());
  }

  void policy(String user, String... actions) {
    fx.root.putUserPolicy(
        r ->
            r.userName(user)
                .policyName("AccessGrants")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\""
                        + String.join("\",\"", actions)
                        + "\"],\"Resource\":\"*\"}]}"));
  }

  @AfterAll
  void stop() {
    browser.close();
    fx.close();
  }

  private static Page.GetByRoleOptions named(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }

  /** Nothing on the page is wider than the 1280x800 window. */
  private static void fits(Page page) {
    assertThat(
            page.evaluate(
                "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
                    + " ? [...document.querySelectorAll('main *')]"
                    + ".filter(e => e.getBoundingClientRect().right"
                    + " > document.documentElement.clientWidth)"
                    + ".map(e => e.tagName + '.' + e.className).join(' ') : ''"))
        .isEqualTo("");
  }

  private Page person(String user, String password) {
    Page page = browser.person();
    page.setViewportSize(1280, 800);
    browser.signIn(page, user, password);
    assertThat(browser.identity(page)).hasText(user + " @ " + ACCOUNT);
    return page;
  }

  @Test
  void stuartRequestsMariaApprovesHeSwitchesAndGivesItBack() {
    // 1. Switch Role is refused, and the page says why and where to go.
    Page stuart = person("Stuart", STUART);
    browser.switchRole(stuart, ROLE, "green");
    assertThat(stuart.getByTestId("aws-error")).containsText("has no live grant for it");
    Locator why = stuart.getByTestId("no-live-grant");
    assertThat(why).containsText("No live grant for this role - request access.");
    fits(stuart);
    browser.screenshot(stuart, "grants-01-switch-role-refused");

    // 2. Request access: two hours with a reason.
    why.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Request access")).click();
    assertThat(stuart.getByTestId("longest-grant")).hasText("4 h");
    assertThat(stuart.getByLabel("Role name")).hasValue(ROLE);
    stuart.getByLabel("Duration").selectOption("7200");
    stuart.getByLabel("Reason (required)").fill("OPS-123 fix the upload bucket");
    fits(stuart);
    browser.screenshot(stuart, "grants-02-request-access");
    stuart.getByRole(AriaRole.BUTTON, named("Request access")).click();
    assertThat(stuart.getByTestId("flash")).containsText("waits for approval");
    assertThat(stuart.getByTestId("grant-status")).hasText("PENDING");
    browser.screenshot(stuart, "grants-03-my-grants-pending");

    // 3. Maria sees it pending and approves it with a comment.
    Page maria = person("Maria", MARIA);
    maria.getByRole(AriaRole.LINK, named("Pending approvals")).first().click();
    Locator request = maria.getByTestId("pending-request");
    assertThat(request).hasCount(1);
    assertThat(request.getByTestId("requester"))
        .hasText("arn:aws:iam::" + ACCOUNT + ":user/Stuart");
    assertThat(request.getByTestId("duration")).hasText("2 h");
    assertThat(request.getByTestId("reason")).hasText("OPS-123 fix the upload bucket");
    request.getByRole(AriaRole.TEXTBOX).fill("ok for two hours");
    fits(maria);
    browser.screenshot(maria, "grants-04-pending-approvals");
    request
        .getByRole(
            AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Approve ")))
        .click();
    assertThat(maria.getByTestId("flash")).containsText("approved: grant ag-");
    assertThat(maria.getByTestId("none")).hasText("No access request is waiting for you.");

    // 4. Stuart sees the grant, switches, and the header shows it.
    stuart.getByRole(AriaRole.LINK, named("My grants")).click();
    assertThat(stuart.getByTestId("grant-status")).hasText("ACTIVE");
    assertThat(stuart.getByTestId("time-left")).hasText(Pattern.compile("(2 h|1 h 59 min) left"));
    String grant = stuart.getByTestId("grant-id").textContent();
    fits(stuart);
    browser.screenshot(stuart, "grants-05-my-grants-active");
    stuart.getByRole(AriaRole.LINK, named("Switch role to " + ROLE)).click();
    assertThat(stuart.getByLabel("Role name")).hasValue(ROLE);
    stuart.getByRole(AriaRole.BUTTON, named("Switch role")).click();
    assertThat(browser.identity(stuart)).hasText(ROLE + " @ " + ACCOUNT);
    assertThat(stuart.getByTestId("role-grant"))
        .hasText(Pattern.compile("Access grant " + grant + ": (1 h 59 min|2 h) left\\."));
    assertThat(browser.check(stuart, "s3:ListAllMyBuckets", "*"))
        .hasText("Allowed: s3:ListAllMyBuckets on *");
    fits(stuart);
    browser.screenshot(stuart, "grants-06-role-header-with-grant");

    // 5. He gives it back: the role session ends with the grant, and Switch Role is refused again.
    stuart.getByRole(AriaRole.LINK, named("My grants")).click();
    // Give back is a danger button: the browser asks first.
    stuart.onceDialog(dialog -> dialog.accept());
    stuart.getByRole(AriaRole.BUTTON, named("Give back grant " + grant + " for " + ROLE)).click();
    assertThat(stuart.getByTestId("flash")).containsText("is no longer valid (it was revoked)");
    assertThat(browser.identity(stuart)).hasText("Stuart @ " + ACCOUNT);
    stuart.getByRole(AriaRole.LINK, named("My grants")).click();
    assertThat(stuart.getByTestId("grant-status")).hasText("RELEASED");
    browser.switchRole(stuart, ROLE, "green");
    assertThat(stuart.getByTestId("no-live-grant"))
        .containsText("No live grant for this role - request access.");
    browser.screenshot(stuart, "grants-07-refused-again");
  }
}

package dev.gatehouse.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.gatehouse.core.iam.ConsoleSignIn;
import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refusals of the founding scenario in a real browser: an untrusted user, a user without the
 * identity permission when the trust names the account, a role requiring MFA without and with an
 * MFA sign-in, a wrong password, an expired role session, a form without its CSRF token, the
 * content security policy, and the sign-in form used with the keyboard only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleNegativePathsBrowserTest {
  static final String ACCOUNT = ConsoleFixture.ACCOUNT;
  static final String PASSWORD = "a-Good-Pa55word!";

  @TempDir static Path dir;
  ConsoleFixture fx;
  BrowserSession browser;
  byte[] daveSeed;

  @BeforeAll
  void start() throws Exception {
    fx =
        new ConsoleFixture(
            dir,
            List.of(
                new ConsoleFixture.Login("Bob", PASSWORD, false),
                new ConsoleFixture.Login("Carol", PASSWORD, false),
                new ConsoleFixture.Login("Dave", PASSWORD, false),
                new ConsoleFixture.Login("Eve", PASSWORD, false),
                new ConsoleFixture.Login("Frank", PASSWORD, false)));
    // A trust naming a user must name one that exists (MalformedPolicyDocument otherwise).
    fx.root.createUser(r -> r.userName("Stuart"));
    fx.role("OnlyStuart", "arn:aws:iam::" + ACCOUNT + ":user/Stuart", "");
    fx.role("AccountTrust", "arn:aws:iam::" + ACCOUNT + ":root", "");
    fx.role(
        "NeedsMfa",
        "arn:aws:iam::" + ACCOUNT + ":root",
        ",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}");
    // Inside the role, listing users needs MFA: only a session that carries the sign-in's MFA.
    fx.root.putRolePolicy(
        r ->
            r.roleName("NeedsMfa")
                .policyName("ListUsersWithMfa")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"iam:ListUsers\",\"Resource\":\"*\",\"Condition\":"
                        + "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}"));
    fx.mayAssume("Bob", "OnlyStuart");
    fx.mayAssume("Dave", "NeedsMfa");
    fx.mayAssume("Eve", "NeedsMfa");
    fx.mayAssume("Frank", "AccountTrust");
    var device =
        fx.root
            .createVirtualMFADevice(r -> r.virtualMFADeviceName("dave-phone"))
            .virtualMFADevice();
    daveSeed = Base32.decode(device.base32StringSeed().asUtf8String());
    long t = Totp.DEFAULT.step(fx.clock.instant());
    fx.root.enableMFADevice(
        r ->
            r.userName("Dave")
                .serialNumber(device.serialNumber())
                .authenticationCode1(Totp.DEFAULT.code(daveSeed, t - 1))
                .authenticationCode2(Totp.DEFAULT.code(daveSeed, t)));
    browser = new BrowserSession(fx.base());
  }

  @AfterAll
  void stop() {
    browser.close();
    fx.close();
  }

  private static String denied(String user, String role) {
    return "User: arn:aws:iam::"
        + ACCOUNT
        + ":user/"
        + user
        + " is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::"
        + ACCOUNT
        + ":role/"
        + role;
  }

  @Test
  @Order(1)
  void aUserTheTrustPolicyDoesNotNameIsRefused() {
    Page bob = browser.person();
    browser.signIn(bob, "Bob", PASSWORD);
    browser.switchRole(bob, "OnlyStuart", "red");
    assertThat(bob.getByTestId("aws-error"))
        .containsText("AccessDenied: " + denied("Bob", "OnlyStuart"));
    assertThat(browser.identity(bob)).hasText("Bob @ " + ACCOUNT);
    browser.screenshot(bob, "11-switch-role-denied");
  }

  @Test
  @Order(2)
  void trustingTheAccountStillNeedsTheUsersOwnPermission() {
    Page carol = browser.person();
    browser.signIn(carol, "Carol", PASSWORD);
    browser.switchRole(carol, "AccountTrust", "green");
    assertThat(carol.getByTestId("aws-error")).containsText(denied("Carol", "AccountTrust"));
    assertThat(browser.identity(carol)).hasText("Carol @ " + ACCOUNT);
    // Frank, whose own policy allows it, gets in.
    Page frank = browser.person();
    browser.signIn(frank, "Frank", PASSWORD);
    browser.switchRole(frank, "AccountTrust", "green");
    assertThat(browser.identity(frank)).hasText("AccountTrust @ " + ACCOUNT);
  }

  @Test
  @Order(3)
  void aRoleRequiringMfaRefusesASignInWithoutMfa() {
    Page eve = browser.person();
    browser.signIn(eve, "Eve", PASSWORD);
    browser.switchRole(eve, "NeedsMfa", "orange");
    assertThat(eve.getByTestId("aws-error")).containsText(denied("Eve", "NeedsMfa"));
  }

  @Test
  @Order(4)
  void aRoleRequiringMfaAcceptsAnMfaSignIn() {
    Page dave = browser.person();
    browser.signIn(dave, "Dave", PASSWORD);
    assertThat(
            dave.getByRole(
                AriaRole.HEADING,
                new Page.GetByRoleOptions().setName("Multi-factor authentication")))
        .isVisible();
    browser.screenshot(dave, "12-mfa-code");
    dave.getByLabel("MFA code").fill("000000".equals(code(1)) ? "111111" : "000000");
    dave.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit")).click();
    assertThat(dave.getByTestId("form-error")).hasText(ConsoleSignIn.REFUSED_MESSAGE);
    dave.getByLabel("MFA code").fill(code(1));
    dave.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit")).click();
    assertThat(browser.identity(dave)).hasText("Dave @ " + ACCOUNT);
    browser.switchRole(dave, "NeedsMfa", "orange");
    assertThat(browser.identity(dave)).hasText("NeedsMfa @ " + ACCOUNT);
    // The role session carries the sign-in's MFA: its MFA-conditioned permission applies.
    dave.navigate(browser.url("/console/users"));
    assertThat(dave.getByTestId("aws-error")).hasCount(0);
    assertThat(dave.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Eve")))
        .isVisible();
  }

  private String code(int stepsAhead) {
    return Totp.DEFAULT.code(daveSeed, Totp.DEFAULT.step(fx.clock.instant()) + stepsAhead);
  }

  @Test
  @Order(5)
  void aWrongPasswordGetsTheSameMessageAsAnUnknownUser() {
    Page page = browser.person();
    browser.signIn(page, "Bob", "wrong-Pa55word!");
    assertThat(page.getByTestId("form-error")).hasText(ConsoleSignIn.REFUSED_MESSAGE);
    browser.screenshot(page, "13-signin-refused");
    browser.signIn(page, "Nobody", PASSWORD);
    assertThat(page.getByTestId("form-error")).hasText(ConsoleSignIn.REFUSED_MESSAGE);
  }

  @Test
  @Order(6)
  void aFormPostedWithoutItsTokenIsRefusedAndPagesCarryTheCsp() {
    Page frank = browser.person();
    Response signInPage = frank.navigate(browser.url("/console/signin"));
    assertThat(signInPage.headers().get("content-security-policy"))
        .isEqualTo(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    browser.signIn(frank, "Frank", PASSWORD);
    APIResponse forged =
        frank
            .request()
            .post(
                browser.url("/console/access-check"),
                RequestOptions.create()
                    .setForm(
                        FormData.create().set("action", "s3:ListAllMyBuckets").set("resource", "*"))
                    .setMaxRedirects(0));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.text()).contains("did not come from this console");
  }

  @Test
  @Order(7)
  void theSignInFormWorksWithTheKeyboard() {
    Page page = browser.person();
    page.navigate(browser.url("/console/signin"));
    // The account field has the focus (wait for it: typing before the page has focused it would
    // lose keys); Tab goes to the kind of user, the name, the password.
    assertThat(page.getByLabel("Account ID (12 digits) or account alias")).isFocused();
    page.keyboard().type(ACCOUNT);
    page.keyboard().press("Tab");
    assertThat(page.getByLabel("IAM user", new Page.GetByLabelOptions().setExact(true)))
        .isFocused();
    page.keyboard().press("Tab");
    assertThat(page.getByLabel("IAM user name")).isFocused();
    page.keyboard().type("Frank");
    page.keyboard().press("Tab");
    page.keyboard().type(PASSWORD);
    page.keyboard().press("Enter");
    assertThat(browser.identity(page)).hasText("Frank @ " + ACCOUNT);
    // The skip link is the first stop on every page.
    page.keyboard().press("Tab");
    assertThat(
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Skip to content")))
        .isFocused();
  }

  @Test
  @Order(8)
  void anExpiredRoleSessionSendsTheUserBackToTheirIdentity() {
    Page frank = browser.person();
    browser.signIn(frank, "Frank", PASSWORD);
    browser.switchRole(frank, "AccountTrust", "purple");
    assertThat(browser.identity(frank)).hasText("AccountTrust @ " + ACCOUNT);
    // Within the console's idle timeout, but past the role session's hour.
    fx.clock.advance(Duration.ofMinutes(40));
    frank.reload();
    assertThat(browser.identity(frank)).hasText("AccountTrust @ " + ACCOUNT);
    fx.clock.advance(Duration.ofMinutes(21));
    frank.navigate(browser.url("/console/roles"));
    assertThat(frank.getByTestId("flash"))
        .hasText(
            "Your session as role AccountTrust in account "
                + ACCOUNT
                + " has expired. You are back to your own permissions as Frank.");
    assertThat(browser.identity(frank)).hasText("Frank @ " + ACCOUNT);
    browser.screenshot(frank, "14-role-session-expired");
  }
}

package dev.gatehouse.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root user's MFA in a real browser: the dashboard's "Add MFA for root user" warning leads to
 * the root user's QR code page; once two codes enable the device the warning is gone and the next
 * sign-in asks for a code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RootMfaBrowserTest {
  @TempDir static Path dir;
  ConsoleFixture fx;
  BrowserSession browser;

  @BeforeAll
  void start() throws Exception {
    fx = new ConsoleFixture(dir, List.of());
    browser = new BrowserSession(fx.base());
  }

  @AfterAll
  void stop() {
    browser.close();
    fx.close();
  }

  private static Page.GetByRoleOptions named(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }

  @Test
  void theWarningLeadsToTheRootUsersDeviceAndTheNextSignInAsksForACode() {
    Page root = browser.person();
    browser.signIn(root, "", fx.rootPassword());
    assertThat(root.getByTestId("root-mfa-warning")).hasText("Add MFA for root user");
    browser.screenshot(root, "root-mfa-01-dashboard-warning");
    root.getByRole(AriaRole.LINK, named("Assign an MFA device to the root user")).click();
    assertThat(root.getByLabel("Device name")).hasValue("root-account-mfa-device");
    root.getByRole(AriaRole.BUTTON, named("Next")).click();
    assertThat(root.getByTestId("mfa-qr")).isVisible();
    byte[] seed = Base32.decode(root.getByTestId("mfa-secret").textContent());
    long t = Totp.DEFAULT.step(fx.clock.instant());
    root.getByLabel("MFA code 1").fill(Totp.DEFAULT.code(seed, t - 1));
    root.getByLabel("MFA code 2").fill(Totp.DEFAULT.code(seed, t));
    root.getByRole(AriaRole.BUTTON, named("Add MFA")).click();
    String serial = "arn:aws:iam::" + ConsoleFixture.ACCOUNT + ":mfa/root-account-mfa-device";
    assertThat(root.getByTestId("flash"))
        .hasText("MFA device " + serial + " assigned to the root user.");
    assertThat(root.getByTestId("mfa-serial")).hasText(serial);
    browser.screenshot(root, "root-mfa-02-security-credentials");
    root.getByRole(AriaRole.LINK, named("Dashboard")).click();
    assertThat(root.getByTestId("root-mfa-warning")).hasCount(0);

    Page again = browser.person();
    browser.signIn(again, "", fx.rootPassword());
    assertThat(again.getByRole(AriaRole.HEADING, named("Multi-factor authentication"))).isVisible();
    fx.clock.advance(Duration.ofSeconds(Totp.DEFAULT.stepSeconds()));
    again
        .getByLabel("MFA code", new Page.GetByLabelOptions().setExact(true))
        .fill(Totp.DEFAULT.code(seed, Totp.DEFAULT.step(fx.clock.instant())));
    again.getByRole(AriaRole.BUTTON, named("Submit")).click();
    assertThat(again.getByTestId("acting-arn"))
        .hasText("arn:aws:iam::" + ConsoleFixture.ACCOUNT + ":root");
  }
}

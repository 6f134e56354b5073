package dev.gatehouse.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user, policy and simulator screens in a real browser: create a user with a console password
 * and an access key (the secret shown once, its CSV downloaded), assign a virtual MFA device from
 * its QR code page, create a customer policy after fixing a JSON error, and simulate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleScreensBrowserTest {
  static final String ACCOUNT = ConsoleFixture.ACCOUNT;
  static final String DANA_PASSWORD = "dana-Pa55word!";

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

  private static Page.GetByLabelOptions exact() {
    return new Page.GetByLabelOptions().setExact(true);
  }

  private static Page.GetByRoleOptions named(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }

  /**
   * At 1280x800 the dashboard fits its width (its resource counts wrap within their card instead of
   * pushing the page sideways), and the identity menu breaks a long ARN only between its parts.
   */
  @Test
  void dashboardFitsALaptopScreenAndArnsBreakBetweenTheirParts() {
    Page admin = browser.person();
    admin.setViewportSize(1280, 800);
    browser.signIn(admin, "", fx.rootPassword());
    admin.navigate(browser.url("/console"));
    Object sideways =
        admin.evaluate(
            "() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
    assertThat(sideways).isEqualTo(false);
    Object overflowing =
        admin.evaluate(
            "() => [...document.querySelectorAll('dl.counts')]"
                + ".some(d => d.scrollWidth > d.clientWidth"
                + " || d.getBoundingClientRect().right"
                + " > d.closest('.card').getBoundingClientRect().right)");
    assertThat(overflowing).isEqualTo(false);
    browser.screenshot(admin, "screens-00-dashboard-1280x800");
    browser.identity(admin).click();
    String arnCell =
        (String)
            admin.evaluate("() => document.querySelector('details.identity .menu dd').innerHTML");
    assertThat(arnCell).contains(":<wbr>").contains("arn:<wbr>aws:<wbr>iam:<wbr>");

    // The S3 page and a bucket whose keys are long fit the same width.
    admin.navigate(browser.url("/console/s3"));
    String bucket = "a-bucket-whose-name-takes-most-of-the-sixty-three-characters-ok";
    admin.getByLabel("Bucket name").fill(bucket);
    admin.getByRole(AriaRole.BUTTON, named("Create bucket")).click();
    assertThat(admin.getByTestId("flash")).hasText("Bucket " + bucket + " created.");
    String longName = "report-" + "0123456789".repeat(14) + ".csv";
    admin
        .getByLabel("File", exact())
        .setInputFiles(
            new com.microsoft.playwright.options.FilePayload(
                longName, "text/csv", "a,b\n".getBytes(StandardCharsets.UTF_8)));
    admin.getByRole(AriaRole.BUTTON, named("Upload")).click();
    assertThat(admin.getByTestId("object")).hasText(longName);
    assertThat(
            admin.evaluate(
                "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
                    + " ? [...document.querySelectorAll('main *')]"
                    + ".filter(e => e.getBoundingClientRect().right"
                    + " > document.documentElement.clientWidth)"
                    + ".map(e => e.tagName + '.' + e.className).join(' ') : ''"))
        .isEqualTo("");
    browser.screenshot(admin, "screens-00b-s3-bucket-1280x800");
    admin.navigate(browser.url("/console/s3"));
    assertThat(
            admin.evaluate(
                "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"))
        .isEqualTo(false);
  }

  @Test
  void createUserWithPasswordAndAccessKeyThenAssignMfa() throws Exception {
    Page admin = browser.person();
    browser.signIn(admin, "", fx.rootPassword());
    admin.getByRole(AriaRole.LINK, named("Users")).click();
    admin.getByRole(AriaRole.LINK, named("Create user")).click();
    admin.getByLabel("User name", exact()).fill("Dana");
    admin.getByLabel("Give this user a console password").check();
    admin.getByLabel("Console password", exact()).fill(DANA_PASSWORD);
    admin.getByLabel("Create an access key (the secret is shown once)").check();
    admin.getByLabel("Tag key 1").fill("team");
    admin.getByLabel("Tag value 1").fill("data");
    browser.screenshot(admin, "screens-01-create-user");
    admin.getByRole(AriaRole.BUTTON, named("Create user")).click();
    assertThat(admin.getByTestId("created")).containsText("Console password set.");
    String keyId = admin.getByTestId("access-key-id").textContent();
    String secret = admin.getByTestId("secret-access-key").textContent();
    assertThat(secret).hasSize(40);
    browser.screenshot(admin, "screens-02-access-key-once");
    Download download = admin.waitForDownload(() -> admin.getByTestId("download-csv").click());
    assertThat(download.suggestedFilename()).isEqualTo("Dana_accessKeys.csv");
    assertThat(Files.readString(download.path(), StandardCharsets.UTF_8))
        .isEqualTo("Access key ID,Secret access key\n" + keyId + "," + secret + "\n");

    // The secret is gone once the page is left.
    admin.getByRole(AriaRole.LINK, named("View user Dana")).click();
    admin.getByRole(AriaRole.LINK, named("Security credentials")).click();
    assertThat(admin.getByTestId("access-keys")).containsText(keyId);
    assertThat(admin.locator("main")).not().containsText(secret);
    assertThat(admin.getByTestId("password-status")).containsText("Enabled");

    // MFA: the QR code and the secret; two consecutive codes computed from the secret shown.
    admin.getByRole(AriaRole.LINK, named("Assign MFA device")).click();
    assertThat(admin.getByLabel("Device name")).hasValue("Dana");
    admin.getByRole(AriaRole.BUTTON, named("Next")).click();
    assertThat(admin.getByTestId("mfa-qr")).isVisible();
    Object width = admin.getByTestId("mfa-qr").evaluate("img => img.naturalWidth");
    assertThat(((Number) width).intValue()).isGreaterThan(20);
    browser.screenshot(admin, "screens-03-mfa-qr");
    byte[] seed = Base32.decode(admin.getByTestId("mfa-secret").textContent());
    long t = Totp.DEFAULT.step(fx.clock.instant());
    admin.getByLabel("MFA code 1").fill(Totp.DEFAULT.code(seed, t - 1));
    admin.getByLabel("MFA code 2").fill(Totp.DEFAULT.code(seed, t));
    admin.getByRole(AriaRole.BUTTON, named("Add MFA")).click();
    String serial = "arn:aws:iam::" + ACCOUNT + ":mfa/Dana";
    assertThat(admin.getByTestId("flash")).hasText("MFA device " + serial + " assigned to Dana.");
    assertThat(admin.getByTestId("mfa-serial")).hasText(serial);
    browser.screenshot(admin, "screens-04-security-credentials");

    // Dana signs in with the password the console set, and a code of the new device.
    Page dana = browser.person();
    browser.signIn(dana, "Dana", DANA_PASSWORD);
    fx.clock.advance(java.time.Duration.ofSeconds(30));
    dana.getByLabel("MFA code", exact())
        .fill(Totp.DEFAULT.code(seed, Totp.DEFAULT.step(fx.clock.instant())));
    dana.getByRole(AriaRole.BUTTON, named("Submit")).click();
    assertThat(browser.identity(dana)).hasText("Dana @ " + ACCOUNT);
  }

  @Test
  void createCustomerPolicyAfterAJsonErrorThenSimulate() {
    fx.root.createUser(r -> r.userName("Sam"));
    Page admin = browser.person();
    browser.signIn(admin, "", fx.rootPassword());
    admin.getByRole(AriaRole.LINK, named("Policies")).click();
    admin.getByLabel("Type", exact()).selectOption("AWS");
    admin.getByLabel("Search by policy name").fill("S3ReadOnly");
    admin.getByRole(AriaRole.BUTTON, named("Filter")).click();
    assertThat(admin.getByRole(AriaRole.LINK, named("AmazonS3ReadOnlyAccess"))).isVisible();
    admin.getByRole(AriaRole.LINK, named("Create policy")).click();
    admin
        .getByLabel("Policy document")
        .fill(
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
                + " \"Action\": \"s3:GetObject\"}]}");
    admin.getByLabel("Policy name", exact()).fill("ReadReports");
    admin.getByRole(AriaRole.BUTTON, named("Create policy")).click();
    assertThat(admin.getByTestId("findings")).containsText("MalformedPolicyDocument");
    browser.screenshot(admin, "screens-05-policy-json-error");
    admin
        .getByLabel("Policy document")
        .fill(
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
                + " \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::reports/*\"}]}");
    admin.getByRole(AriaRole.BUTTON, named("Create policy")).click();
    assertThat(admin.getByTestId("flash")).hasText("Policy ReadReports created.");
    assertThat(admin.getByTestId("policy-json")).containsText("arn:aws:s3:::reports/*");
    browser.screenshot(admin, "screens-06-policy-created");

    // Attach it to Sam, then simulate with the keyboard only.
    admin.navigate(browser.url("/console/users/Sam/attach?q=ReadReports"));
    admin.getByLabel("ReadReports (Customer managed)").check();
    admin.getByRole(AriaRole.BUTTON, named("Attach policies")).click();
    assertThat(admin.getByTestId("flash")).hasText("1 policy attached.");
    admin.getByRole(AriaRole.LINK, named("Policy simulator")).click();
    admin.getByLabel("User or role").focus();
    admin.getByLabel("User or role").selectOption("arn:aws:iam::" + ACCOUNT + ":user/Sam");
    admin.keyboard().press("Tab");
    admin.keyboard().type("s3:GetObject\ns3:PutObject");
    admin.keyboard().press("Tab");
    admin.keyboard().type("arn:aws:s3:::reports/q1.csv");
    admin.keyboard().press("Enter");
    assertThat(admin.getByTestId("decision"))
        .hasText(new String[] {"Allowed", "Denied (implicit deny: no statement allows it)"});
    assertThat(admin.getByTestId("simulation-results")).containsText("ReadReports (user-managed)");
    browser.screenshot(admin, "screens-07-simulator");
  }
}

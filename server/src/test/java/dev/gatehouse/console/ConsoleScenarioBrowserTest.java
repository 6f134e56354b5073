package dev.gatehouse.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The founding scenario in a real browser: the root user creates RoleS3FullAccess with the wizard,
 * narrows its trust to Stuart, gives Stuart the inline policy AssumeRoleS3; Stuart cannot use S3,
 * switches role, can use S3 but not IAM, switches back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleScenarioBrowserTest {
  static final String ACCOUNT = ConsoleFixture.ACCOUNT;
  static final String STUART_PASSWORD = "stuart-Pa55word!";
  static final String ROLE = "RoleS3FullAccess";

  @TempDir static Path dir;
  ConsoleFixture fx;
  BrowserSession browser;

  @BeforeAll
  void start() throws Exception {
    fx =
        new ConsoleFixture(
            dir, List.of(new ConsoleFixture.Login("Stuart", STUART_PASSWORD, false)));
    browser = new BrowserSession(fx.base());
  }

  @AfterAll
  void stop() {
    browser.close();
    fx.close();
  }

  @Test
  void theFoundingScenario() {
    Page admin = browser.person();
    browser.signIn(admin, "", fx.rootPassword());
    assertThat(browser.identity(admin)).hasText("root user @ " + ACCOUNT);
    assertThat(admin.getByTestId("signin-link")).containsText("/console/signin?account=" + ACCOUNT);
    browser.screenshot(admin, "01-dashboard-root");

    // 1. The role, trusting this account, with AmazonS3FullAccess.
    admin
        .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Roles").setExact(true))
        .click();
    admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create role")).click();
    admin.getByLabel("Search policies by name").fill("AmazonS3FullAccess");
    admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
    admin.getByLabel("AmazonS3FullAccess (AWS managed)").check();
    admin.getByLabel("Role name").fill(ROLE);
    admin.getByLabel("Description").fill("Temporary full S3 access for Stuart");
    browser.screenshot(admin, "02-create-role-wizard");
    admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next: review")).click();
    assertThat(admin.getByLabel("Trust policy (created as shown)"))
        .hasValue(
            java.util.regex.Pattern.compile(
                ".*arn:aws:iam::" + ACCOUNT + ":root.*", java.util.regex.Pattern.DOTALL));
    browser.screenshot(admin, "03-create-role-review");
    admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create role")).click();
    assertThat(admin.getByTestId("flash")).hasText("Role " + ROLE + " created.");
    assertThat(
            admin.getByRole(
                AriaRole.CELL,
                new Page.GetByRoleOptions().setName("AmazonS3FullAccess").setExact(true)))
        .isVisible();
    assertThat(admin.getByTestId("switch-link"))
        .hasText(fx.base() + "/console/switchrole?account=" + ACCOUNT + "&roleName=" + ROLE);

    // 2. Trust relationships: the account root; edited to trust only Stuart.
    admin
        .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Trust relationships"))
        .click();
    assertThat(admin.getByTestId("trusted-entity")).hasText("arn:aws:iam::" + ACCOUNT + ":root");
    admin
        .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit trust policy"))
        .click();
    admin
        .getByLabel("Trust policy")
        .fill(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::"
                + ACCOUNT
                + ":user/Stuart\"},\"Action\":\"sts:AssumeRole\"}]}");
    admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Validate")).click();
    assertThat(admin.getByTestId("findings")).hasCount(0);
    browser.screenshot(admin, "04-edit-trust-policy");
    admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Update policy")).click();
    assertThat(admin.getByTestId("trusted-entity"))
        .hasText("arn:aws:iam::" + ACCOUNT + ":user/Stuart");
    assertThat(
            admin.getByRole(
                AriaRole.CELL, new Page.GetByRoleOptions().setName("IAM user").setExact(true)))
        .isVisible();
    browser.screenshot(admin, "05-trust-relationships");

    // 3. Stuart's inline policy AssumeRoleS3.
    admin
        .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users").setExact(true))
        .click();
    admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Stuart")).click();
    admin
        .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create inline policy"))
        .click();
    admin
        .getByLabel("Policy document")
        .fill(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::"
                + ACCOUNT
                + ":role/"
                + ROLE
                + "\"}]}");
    admin.getByLabel("Policy name").fill("AssumeRoleS3");
    browser.screenshot(admin, "06-inline-policy-editor");
    admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create policy")).click();
    assertThat(admin.getByTestId("flash")).hasText("Inline policy AssumeRoleS3 created.");
    assertThat(
            admin.getByRole(
                AriaRole.LINK, new Page.GetByRoleOptions().setName("AssumeRoleS3").setExact(true)))
        .isVisible();
    browser.signOut(admin);

    // 4. Stuart signs in: no S3.
    Page stuart = browser.person();
    browser.signIn(stuart, "Stuart", STUART_PASSWORD);
    assertThat(browser.identity(stuart)).hasText("Stuart @ " + ACCOUNT);
    assertThat(browser.check(stuart, "s3:ListAllMyBuckets", "*"))
        .hasText(
            "Denied: User: arn:aws:iam::"
                + ACCOUNT
                + ":user/Stuart is not authorized to perform: s3:ListAllMyBuckets on resource: *"
                + " because no identity-based policy allows the s3:ListAllMyBuckets action");
    browser.screenshot(stuart, "07-stuart-denied-s3");
    stuart
        .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("S3").setExact(true))
        .click();
    assertThat(stuart.getByTestId("aws-error"))
        .containsText(
            "AccessDenied: User: arn:aws:iam::"
                + ACCOUNT
                + ":user/Stuart is not authorized to perform: s3:ListAllMyBuckets");
    browser.screenshot(stuart, "07b-stuart-s3-page-denied");

    // 5. Switch Role: the header shows the role; S3 is allowed, IAM is not.
    stuart.navigate(browser.url("/console/switchrole"));
    browser.screenshot(stuart, "08-switch-role-form");
    browser.switchRole(stuart, ROLE, "blue");
    assertThat(browser.identity(stuart)).hasText(ROLE + " @ " + ACCOUNT);
    assertThat(stuart.getByTestId("acting-arn"))
        .hasText("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + ROLE + "/Stuart");
    assertThat(browser.check(stuart, "s3:ListAllMyBuckets", "*"))
        .hasText("Allowed: s3:ListAllMyBuckets on *");
    browser.screenshot(stuart, "09-role-mode-s3-allowed");

    // 5b. As the role, on the S3 page: a bucket, a file uploaded under a prefix, downloaded back.
    stuart
        .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("S3").setExact(true))
        .click();
    assertThat(stuart.getByTestId("aws-error")).hasCount(0);
    stuart.getByLabel("Bucket name").fill("stuart-reports");
    stuart.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create bucket")).click();
    assertThat(stuart.getByTestId("flash")).hasText("Bucket stuart-reports created.");
    stuart.navigate(browser.url("/console/s3/buckets/stuart-reports?prefix=reports%2F"));
    byte[] report = "quarterly figures\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    stuart
        .getByLabel("File", new Page.GetByLabelOptions().setExact(true))
        .setInputFiles(
            new com.microsoft.playwright.options.FilePayload("q3.txt", "text/plain", report));
    stuart.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
    assertThat(stuart.getByTestId("flash")).hasText("Uploaded reports/q3.txt (18 bytes).");
    stuart
        .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("stuart-reports"))
        .first()
        .click();
    stuart
        .getByTestId("folder")
        .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("reports/"))
        .click();
    assertThat(stuart.getByTestId("object")).hasText("q3.txt");
    browser.screenshot(stuart, "09b-role-mode-s3-bucket");
    com.microsoft.playwright.Download download =
        stuart.waitForDownload(() -> stuart.getByTestId("object").click());
    org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("q3.txt");
    try {
      org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.readAllBytes(download.path()))
          .isEqualTo(report);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(browser.check(stuart, "iam:CreateUser", "arn:aws:iam::" + ACCOUNT + ":user/x"))
        .containsText(
            "Denied: User: arn:aws:sts::"
                + ACCOUNT
                + ":assumed-role/"
                + ROLE
                + "/Stuart is not authorized to perform: iam:CreateUser");
    browser.identity(stuart).click();
    browser.screenshot(stuart, "10-identity-menu");

    // 6. Switch Back: Stuart's own permissions again; the role stays in the history.
    stuart.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Switch back")).click();
    assertThat(browser.identity(stuart)).hasText("Stuart @ " + ACCOUNT);
    assertThat(browser.check(stuart, "s3:ListAllMyBuckets", "*")).containsText("Denied");
    stuart.navigate(browser.url("/console/s3/buckets/stuart-reports?prefix=reports%2F"));
    assertThat(stuart.getByTestId("aws-error"))
        .containsText("AccessDenied: User: arn:aws:iam::" + ACCOUNT + ":user/Stuart");
    browser.screenshot(stuart, "11-switched-back-s3-denied");
    browser.identity(stuart).click();
    stuart
        .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ROLE + " @ " + ACCOUNT))
        .click();
    assertThat(browser.identity(stuart)).hasText(ROLE + " @ " + ACCOUNT);
  }
}

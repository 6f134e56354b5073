package dev.gatehouse.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.SelectOption;
import dev.gatehouse.core.saml.TestIdp;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a real browser at 1280x800: the root user adds a SAML provider by uploading its IdP's metadata
 * file, sees its ARN and signing certificate, then creates a role with the wizard's SAML 2.0
 * federation trusted entity; the role gets the trust policy the preview showed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamlFederationBrowserTest {
  static final String ACCOUNT = ConsoleFixture.ACCOUNT;
  static final String PROVIDER = "arn:aws:iam::" + ACCOUNT + ":saml-provider/CorpIdP";

  @TempDir static Path dir;
  ConsoleFixture fx;
  BrowserSession browser;
  TestIdp idp;

  @BeforeAll
  void start() throws Exception {
    fx = new ConsoleFixture(dir, List.of());
    browser = new BrowserSession(fx.base());
    idp = TestIdp.create("https://idp.corp.example/metadata");
  }

  @AfterAll
  void stop() {
    browser.close();
    fx.close();
  }

  private static Page.GetByRoleOptions named(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }

  private static Page.GetByLabelOptions exact() {
    return new Page.GetByLabelOptions().setExact(true);
  }

  /** Follows a link of the left navigation. */
  private static void nav(Page page, String name) {
    page.getByLabel("Identity and Access Management")
        .getByRole(
            AriaRole.LINK,
            new com.microsoft.playwright.Locator.GetByRoleOptions().setName(name).setExact(true))
        .click();
  }

  /** Whether the page scrolls sideways (something wider than the window). */
  private static Object sideways(Page page) {
    return page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
            + " ? [...document.querySelectorAll('main *')]"
            + ".filter(e => e.getBoundingClientRect().right"
            + " > document.documentElement.clientWidth)"
            + ".map(e => e.tagName + '.' + e.className).join(' ') : ''");
  }

  @Test
  void aSamlProviderFromAMetadataFileAndARoleThatTrustsIt() {
    Page admin = browser.person();
    admin.setViewportSize(1280, 800);
    browser.signIn(admin, "", fx.rootPassword());

    nav(admin, "Identity providers");
    assertThat(admin.getByText("No SAML providers in this account.")).isVisible();
    admin.getByRole(AriaRole.LINK, named("Add SAML provider")).click();
    admin.getByLabel("Provider name").fill("CorpIdP");
    admin
        .getByLabel("Metadata file", exact())
        .setInputFiles(
            new FilePayload(
                "corp-idp-metadata.xml",
                "text/xml",
                idp.metadata().getBytes(StandardCharsets.UTF_8)));
    admin.getByLabel("Key 1", exact()).fill("team");
    admin.getByLabel("Value 1", exact()).fill("identity");
    browser.screenshot(admin, "saml-01-add-provider");
    admin.getByRole(AriaRole.BUTTON, named("Add provider")).click();
    assertThat(admin.getByTestId("flash")).hasText("SAML provider " + PROVIDER + " added.");
    assertThat(admin.getByTestId("provider-arn")).hasText(PROVIDER);
    assertThat(admin.getByTestId("entity-id")).hasText(idp.entityId());
    assertThat(admin.getByTestId("certificate")).hasCount(1);
    assertThat(admin.getByTestId("certificate")).containsText("CN=Test IdP");
    assertThat(admin.getByTestId("cert-expires"))
        .hasText(idp.certificate().getNotAfter().toInstant().toString());
    assertThat(admin.getByRole(AriaRole.CELL, named("identity"))).isVisible();
    org.assertj.core.api.Assertions.assertThat(sideways(admin)).isEqualTo("");
    browser.screenshot(admin, "saml-02-provider-1280x800");

    nav(admin, "Identity providers");
    assertThat(admin.getByTestId("saml-provider")).hasText("CorpIdP");
    org.assertj.core.api.Assertions.assertThat(sideways(admin)).isEqualTo("");
    browser.screenshot(admin, "saml-03-identity-providers-1280x800");

    // The wizard: SAML 2.0 federation with console access.
    nav(admin, "Roles");
    admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create role")).click();
    admin.getByLabel("SAML 2.0 federation", exact()).check();
    admin.getByLabel("SAML provider", exact()).selectOption(new SelectOption().setLabel("CorpIdP"));
    admin.getByLabel("Allow programmatic and AWS Management Console access", exact()).check();
    admin.getByLabel("Role name").fill("CorpAdmins");
    org.assertj.core.api.Assertions.assertThat(sideways(admin)).isEqualTo("");
    browser.screenshot(admin, "saml-04-role-wizard-1280x800");
    admin.getByRole(AriaRole.BUTTON, named("Next: review")).click();
    assertThat(admin.getByLabel("Trust policy (created as shown)"))
        .hasValue(
            Pattern.compile(
                ".*\"Federated\" : \""
                    + PROVIDER
                    + "\".*\"sts:AssumeRoleWithSAML\".*\"SAML:aud\" : "
                    + "\"https://signin.aws.amazon.com/saml\".*",
                Pattern.DOTALL));
    browser.screenshot(admin, "saml-05-role-review");
    admin.getByRole(AriaRole.BUTTON, named("Create role")).click();
    assertThat(admin.getByTestId("flash")).hasText("Role CorpAdmins created.");

    String trust =
        URLDecoder.decode(
                fx.root.getRole(r -> r.roleName("CorpAdmins")).role().assumeRolePolicyDocument(),
                StandardCharsets.UTF_8)
            .replaceAll("\\s", "");
    org.assertj.core.api.Assertions.assertThat(trust)
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Federated\":\""
                + PROVIDER
                + "\"},\"Action\":\"sts:AssumeRoleWithSAML\",\"Condition\":{\"StringEquals\":"
                + "{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}}]}");
    admin.getByRole(AriaRole.LINK, named("Trust relationships")).click();
    assertThat(admin.getByTestId("trusted-entity")).hasText(PROVIDER);
    browser.screenshot(admin, "saml-06-role-trust");
  }
}

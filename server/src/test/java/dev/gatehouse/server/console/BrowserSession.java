package dev.gatehouse.server.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * The system chromium driven by Playwright (no browser download), and the console's steps as a
 * person takes them: sign in, switch role, check access. One browser per test class; one context
 * (cookie jar) per person.
 */
final class BrowserSession implements AutoCloseable {
  static final Path SCREENSHOTS = Paths.get("target", "console-screenshots");

  private final Playwright playwright;
  private final Browser browser;
  private final String base;

  BrowserSession(String base) {
    this.base = base;
    this.playwright =
        Playwright.create(
            new Playwright.CreateOptions()
                .setEnv(
                    Map.of(
                        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
                        "PLAYWRIGHT_NODEJS_PATH", "/usr/bin/node")));
    this.browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(Paths.get("/usr/bin/chromium"))
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync")));
  }

  /** A fresh browser profile (no cookies) with one page. */
  Page person() {
    BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860));
    context.setDefaultTimeout(15_000);
    return context.newPage();
  }

  String url(String path) {
    return base + path;
  }

  void signIn(Page page, String user, String password) {
    page.navigate(url("/console/signin"));
    page.getByLabel("Account ID (12 digits) or account alias").fill(ConsoleFixture.ACCOUNT);
    if (user.isEmpty()) {
      page.getByLabel("Root user").check();
    } else {
      page.getByLabel("IAM user name").fill(user);
    }
    page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
  }

  Locator identity(Page page) {
    return page.getByTestId("identity");
  }

  /** Switch Role through the form; the page then shows the dashboard or the refusal. */
  void switchRole(Page page, String role, String colour) {
    page.navigate(url("/console/switchrole"));
    page.getByLabel("Account ID or alias").fill(ConsoleFixture.ACCOUNT);
    page.getByLabel("Role name").fill(role);
    page.getByLabel(colour, new Page.GetByLabelOptions().setExact(true)).check();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Switch role")).click();
  }

  /** Runs the dashboard's access check; returns the verdict. */
  Locator check(Page page, String action, String resource) {
    page.navigate(url("/console"));
    page.getByLabel("Action", new Page.GetByLabelOptions().setExact(true)).fill(action);
    page.getByLabel("Resource ARN").fill(resource);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check")).click();
    return page.getByTestId("verdict");
  }

  void switchBack(Page page) {
    identity(page).click();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Switch back")).click();
  }

  void signOut(Page page) {
    identity(page).click();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in")))
        .isVisible();
  }

  void screenshot(Page page, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}

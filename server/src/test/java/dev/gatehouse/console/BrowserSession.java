package dev.gatehouse.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.impl.driver.Driver;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chromium driven by Playwright, and the console's steps as a person takes them: sign in, switch
 * role, check access. One browser per test class; one context (cookie jar) per person.
 *
 * <p>The system chromium ({@code /usr/bin/chromium}) when there is one, with the system Node.js
 * when there is one (it halves Playwright's start-up); otherwise Playwright's own chromium,
 * downloaded once into Playwright's cache on first use.
 */
final class BrowserSession implements AutoCloseable {
  static final Path SCREENSHOTS = Paths.get("target", "console-screenshots");
  private static final Path SYSTEM_CHROMIUM = Paths.get("/usr/bin/chromium");
  private static final Path SYSTEM_NODE = Paths.get("/usr/bin/node");

  private final Playwright playwright;
  private final Browser browser;
  private final String base;

  BrowserSession(String base) {
    this.base = base;
    boolean systemChromium = Files.isExecutable(SYSTEM_CHROMIUM);
    Map<String, String> env = new HashMap<>();
    if (Files.isExecutable(SYSTEM_NODE)) {
      env.put("PLAYWRIGHT_NODEJS_PATH", SYSTEM_NODE.toString());
    }
    // Playwright.create would download every browser it supports; chromium alone is enough.
    env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    if (!systemChromium) {
      installChromium(env);
    }
    this.playwright = Playwright.create(new Playwright.CreateOptions().setEnv(env));
    BrowserType.LaunchOptions launch =
        new BrowserType.LaunchOptions()
            .setHeadless(true)
            .setArgs(
                List.of(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync"));
    if (systemChromium) {
      launch.setExecutablePath(SYSTEM_CHROMIUM);
    }
    this.browser = playwright.chromium().launch(launch);
  }

  /**
   * {@code playwright install chromium} through Playwright's driver (what its CLI runs); a no-op
   * once the browser is in Playwright's cache.
   */
  private static synchronized void installChromium(Map<String, String> env) {
    try {
      ProcessBuilder install = Driver.ensureDriverInstalled(env, false).createProcessBuilder();
      install.command().addAll(List.of("install", "chromium"));
      install.environment().remove("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD");
      install.inheritIO();
      int exit = install.start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException(
            "there is no "
                + SYSTEM_CHROMIUM
                + " and `playwright install chromium` failed (exit "
                + exit
                + "; its output is above)");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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

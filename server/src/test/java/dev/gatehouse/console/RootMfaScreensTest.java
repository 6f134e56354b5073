package dev.gatehouse.console;

import static dev.gatehouse.console.ScreenPages.attribute;
import static dev.gatehouse.console.ScreenPages.testId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.iam.ConsoleSignIn;
import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;

/**
 * The root user's MFA in the console, over HTTP: the dashboard's warning while the root user has
 * none, assigning a virtual device on the root user's Security credentials page, the code asked for
 * at the root user's next sign-in, and removing the device. The tests run in order on one server:
 * the root user's sign-in changes once it has a device.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RootMfaScreensTest {
  private static final String SERIAL =
      "arn:aws:iam::" + ConsoleFixture.ACCOUNT + ":mfa/root-account-mfa-device";

  @TempDir static Path dir;
  ConsoleFixture fx;

  /** The seed of the root user's device, from the one page that showed it (test 2). */
  byte[] seed = new byte[0];

  @BeforeAll
  void start() throws Exception {
    fx =
        new ConsoleFixture(
            dir, List.of(new ConsoleFixture.Login("Reader", "reader-Pa55word!", false)));
    fx.root.attachUserPolicy(
        r -> r.userName("Reader").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  private int accountMfaEnabled() {
    return fx.root.getAccountSummary().summaryMap().get(SummaryKeyType.ACCOUNT_MFA_ENABLED);
  }

  @Test
  @Order(1)
  void withoutRootMfaOthersSeeTheWarningButNotTheRootUsersPages() throws Exception {
    FormClient reader = new FormClient(fx.base());
    HttpResponse<String> dashboard =
        reader.signIn(ConsoleFixture.ACCOUNT, "Reader", "reader-Pa55word!");
    assertThat(testId(dashboard.body(), "root-mfa-warning")).isEqualTo("Add MFA for root user");
    assertThat(dashboard.body())
        .contains("Ask the root user to assign an MFA device")
        .doesNotContain("href=\"/console/security-credentials");
    for (String path :
        List.of("/console/security-credentials", "/console/security-credentials/mfa")) {
      HttpResponse<String> refused = reader.get(path);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(testId(refused.body(), "error-text")).contains("Only the root user");
    }
    HttpResponse<String> posted =
        reader.post(
            "/console/security-credentials/mfa", Map.of("deviceName", "root-account-mfa-device"));
    assertThat(posted.statusCode()).isEqualTo(403);
    assertThat(fx.root.listVirtualMFADevices().virtualMFADevices()).isEmpty();
  }

  @Test
  @Order(2)
  void theRootUserAssignsAVirtualDeviceToItselfAndTheWarningGoes() throws Exception {
    FormClient root = new FormClient(fx.base());
    HttpResponse<String> dashboard = root.signIn(ConsoleFixture.ACCOUNT, "", fx.rootPassword());
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(testId(dashboard.body(), "root-mfa-warning")).isEqualTo("Add MFA for root user");
    assertThat(dashboard.body())
        .contains("href=\"/console/security-credentials/mfa\"")
        .contains("href=\"/console/security-credentials\"");
    assertThat(accountMfaEnabled()).isZero();

    HttpResponse<String> page = root.get("/console/security-credentials");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(testId(page.body(), "root-arn"))
        .isEqualTo("arn:aws:iam::" + ConsoleFixture.ACCOUNT + ":root");
    assertThat(page.body()).contains("No MFA device assigned.");
    assertThat(root.get("/console/security-credentials/mfa").body())
        .contains("value=\"root-account-mfa-device\"");

    HttpResponse<String> setup =
        root.post(
            "/console/security-credentials/mfa", Map.of("deviceName", "root-account-mfa-device"));
    assertThat(setup.statusCode()).isEqualTo(200);
    assertThat(attribute(setup.body(), "mfa-qr", "src")).startsWith("data:image/png;base64,");
    byte[] deviceSeed = Base32.decode(testId(setup.body(), "mfa-secret"));
    long t = Totp.DEFAULT.step(fx.clock.instant());
    // Codes that are not consecutive are refused; nothing is assigned.
    HttpResponse<String> bad =
        root.post(
            "/console/security-credentials/mfa/enable",
            Map.of(
                "serial",
                SERIAL,
                "code1",
                Totp.DEFAULT.code(deviceSeed, t - 3),
                "code2",
                Totp.DEFAULT.code(deviceSeed, t)));
    assertThat(bad.statusCode()).isEqualTo(403);
    assertThat(bad.body()).contains("InvalidAuthenticationCode").contains("name=\"code1\"");
    assertThat(fx.root.listMFADevices().mfaDevices()).isEmpty();

    HttpResponse<String> ok =
        root.follow(
            root.post(
                "/console/security-credentials/mfa/enable",
                Map.of(
                    "serial",
                    SERIAL,
                    "code1",
                    Totp.DEFAULT.code(deviceSeed, t - 1),
                    "code2",
                    Totp.DEFAULT.code(deviceSeed, t))));
    assertThat(testId(ok.body(), "flash"))
        .isEqualTo("MFA device " + SERIAL + " assigned to the root user.");
    assertThat(testId(ok.body(), "mfa-serial")).isEqualTo(SERIAL);
    assertThat(ok.body()).doesNotContain(testId(setup.body(), "mfa-secret"));
    seed = deviceSeed;

    // The API sees the root user's device.
    var listed = fx.root.listMFADevices().mfaDevices();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).serialNumber()).isEqualTo(SERIAL);
    assertThat(accountMfaEnabled()).isEqualTo(1);
    // No IAM user has it.
    assertThat(fx.root.listMFADevices(r -> r.userName("Reader")).mfaDevices()).isEmpty();

    assertThat(root.get("/console").body()).doesNotContain("root-mfa-warning");
    FormClient reader = new FormClient(fx.base());
    assertThat(reader.signIn(ConsoleFixture.ACCOUNT, "Reader", "reader-Pa55word!").body())
        .contains("IAM dashboard")
        .doesNotContain("root-mfa-warning");
  }

  @Test
  @Order(3)
  void theRootUsersSignInThenAsksForACode() throws Exception {
    FormClient root = new FormClient(fx.base());
    HttpResponse<String> asked = root.signIn(ConsoleFixture.ACCOUNT, "", fx.rootPassword());
    assertThat(asked.body()).contains("Multi-factor authentication");
    // The password alone does not sign in.
    assertThat(root.get("/console").statusCode()).isEqualTo(303);
    long t = Totp.DEFAULT.step(fx.clock.instant());
    String good = Totp.DEFAULT.code(seed, t + 1);
    String wrong = good.equals("000000") ? "111111" : "000000";
    HttpResponse<String> refused = root.post("/console/signin/mfa", Map.of("code", wrong));
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains(ConsoleSignIn.REFUSED_MESSAGE);
    assertThat(root.get("/console").statusCode()).isEqualTo(303);
    HttpResponse<String> in = root.follow(root.post("/console/signin/mfa", Map.of("code", good)));
    assertThat(in.statusCode()).isEqualTo(200);
    assertThat(testId(in.body(), "acting-arn"))
        .isEqualTo("arn:aws:iam::" + ConsoleFixture.ACCOUNT + ":root");
    // The code is used up: the same code does not sign in again.
    FormClient replay = new FormClient(fx.base());
    replay.signIn(ConsoleFixture.ACCOUNT, "", fx.rootPassword());
    assertThat(replay.post("/console/signin/mfa", Map.of("code", good)).statusCode())
        .isEqualTo(401);
  }

  @Test
  @Order(4)
  void removingTheDeviceBringsTheWarningBack() throws Exception {
    FormClient root = signInWithCode();
    HttpResponse<String> removed =
        root.follow(
            root.post("/console/security-credentials/mfa/remove", Map.of("serial", SERIAL)));
    assertThat(testId(removed.body(), "flash")).isEqualTo("MFA device " + SERIAL + " removed.");
    assertThat(fx.root.listMFADevices().mfaDevices()).isEmpty();
    assertThat(fx.root.listVirtualMFADevices().virtualMFADevices()).isEmpty();
    assertThat(accountMfaEnabled()).isZero();
    assertThat(testId(root.get("/console").body(), "root-mfa-warning"))
        .isEqualTo("Add MFA for root user");
    // And the password alone signs in again.
    FormClient again = new FormClient(fx.base());
    assertThat(again.signIn(ConsoleFixture.ACCOUNT, "", fx.rootPassword()).body())
        .contains("IAM dashboard");
  }

  /** Signs the root user in with the password and a code of a step after every used one. */
  private FormClient signInWithCode() throws Exception {
    fx.clock.advance(Duration.ofSeconds(Totp.DEFAULT.stepSeconds()));
    FormClient c = new FormClient(fx.base());
    c.signIn(ConsoleFixture.ACCOUNT, "", fx.rootPassword());
    String code = Totp.DEFAULT.code(seed, Totp.DEFAULT.step(fx.clock.instant()) + 1);
    HttpResponse<String> in = c.follow(c.post("/console/signin/mfa", Map.of("code", code)));
    assertThat(testId(in.body(), "acting-arn")).endsWith(":root");
    return c;
  }
}

package dev.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.iam.ConsoleSignIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The console over plain HTTP: mounting, security headers, CSRF, sign-in, timeouts, escaping. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleHttpTest {
  @TempDir static Path dir;
  ConsoleFixture fx;

  @BeforeAll
  void start() throws Exception {
    fx =
        new ConsoleFixture(
            dir,
            java.util.List.of(
                new ConsoleFixture.Login("Walter", "walter-Pa55word!", false),
                new ConsoleFixture.Login("Reset", "first-Pa55word!", true)));
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  @Test
  void pagesCarryTheSecurityHeadersAndTheSessionCookie() throws Exception {
    FormClient c = new FormClient(fx.base());
    HttpResponse<String> r = c.get("/console/signin");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Security-Policy"))
        .hasValue(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .matches("gatehouse_console=[A-Za-z0-9_-]{43}; Path=/console; HttpOnly; SameSite=Strict");
    assertThat(r.body())
        .contains("name=\"_csrf\"")
        .doesNotContain("<script>")
        .doesNotContain(" style=");
  }

  @Test
  void aPostWithoutTheFormTokenIsRefused() throws Exception {
    FormClient c = new FormClient(fx.base());
    c.get("/console/signin");
    Map<String, String> form =
        Map.of("account", ConsoleFixture.ACCOUNT, "who", "root", "password", fx.rootPassword());
    assertThat(c.postRaw("/console/signin", form).statusCode()).isEqualTo(403);
    Map<String, String> wrong = new java.util.HashMap<>(form);
    wrong.put("_csrf", "A".repeat(43));
    assertThat(c.postRaw("/console/signin", wrong).statusCode()).isEqualTo(403);
    // Another browser's token does not fit this session either.
    FormClient other = new FormClient(fx.base());
    other.get("/console/signin");
    wrong.put("_csrf", other.csrf());
    assertThat(c.postRaw("/console/signin", wrong).statusCode()).isEqualTo(403);
    // The same form with its own token is accepted.
    HttpResponse<String> ok = c.post("/console/signin", form);
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(ok.headers().firstValue("Location")).hasValue("/console");
  }

  @Test
  void signInRefusesUnknownNamesAndWrongPasswordsAlike() throws Exception {
    FormClient c = new FormClient(fx.base());
    HttpResponse<String> wrongPassword = c.signIn(ConsoleFixture.ACCOUNT, "Walter", "nope");
    HttpResponse<String> unknownUser = c.signIn(ConsoleFixture.ACCOUNT, "Nobody", "nope");
    HttpResponse<String> unknownAccount = c.signIn("999999999999", "Walter", "walter-Pa55word!");
    for (HttpResponse<String> r : java.util.List.of(wrongPassword, unknownUser, unknownAccount)) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).contains(ConsoleSignIn.REFUSED_MESSAGE);
    }
    HttpResponse<String> in = c.signIn(ConsoleFixture.ACCOUNT, "Walter", "walter-Pa55word!");
    assertThat(in.statusCode()).isEqualTo(200);
    assertThat(in.body()).contains("Walter @ " + ConsoleFixture.ACCOUNT);
  }

  @Test
  void signInStartsAFreshSession() throws Exception {
    FormClient c = new FormClient(fx.base());
    HttpResponse<String> form = c.get("/console/signin");
    String before = form.headers().firstValue("Set-Cookie").orElseThrow();
    HttpResponse<String> posted =
        c.post(
            "/console/signin",
            Map.of(
                "account", ConsoleFixture.ACCOUNT, "who", "root", "password", fx.rootPassword()));
    String after = posted.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(after.substring(0, after.indexOf(';')))
        .isNotEqualTo(before.substring(0, before.indexOf(';')));
  }

  @Test
  void aRequiredPasswordResetAsksForANewPasswordFirst() throws Exception {
    FormClient c = new FormClient(fx.base());
    HttpResponse<String> r = c.signIn(ConsoleFixture.ACCOUNT, "Reset", "first-Pa55word!");
    assertThat(r.body()).contains("Change your password");
    // Signed-in pages are not reachable yet.
    assertThat(c.get("/console/roles").statusCode()).isEqualTo(303);
    c.get("/console/signin/password");
    HttpResponse<String> mismatch =
        c.post(
            "/console/signin/password",
            Map.of("oldPassword", "first-Pa55word!", "newPassword", "a-Pa55word!", "confirm", "b"));
    assertThat(mismatch.body()).contains("do not match");
    HttpResponse<String> done =
        c.follow(
            c.post(
                "/console/signin/password",
                Map.of(
                    "oldPassword",
                    "first-Pa55word!",
                    "newPassword",
                    "second-Pa55word!",
                    "confirm",
                    "second-Pa55word!")));
    assertThat(done.body())
        .contains("Reset @ " + ConsoleFixture.ACCOUNT)
        .contains("Your password was changed.");
  }

  @Test
  void signedInPagesNeedASessionAndComeBackAfterSignIn() throws Exception {
    FormClient c = new FormClient(fx.base());
    HttpResponse<String> r = c.get("/console/roles");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location"))
        .hasValue("/console/signin?next=%2Fconsole%2Froles");
    c.get("/console/signin?next=%2Fconsole%2Froles");
    HttpResponse<String> in =
        c.post(
            "/console/signin",
            Map.of(
                "account",
                ConsoleFixture.ACCOUNT,
                "who",
                "root",
                "password",
                fx.rootPassword(),
                "next",
                "/console/roles"));
    assertThat(in.headers().firstValue("Location")).hasValue("/console/roles");
  }

  @Test
  void redirectsNeverLeaveTheConsole() throws Exception {
    FormClient c = new FormClient(fx.base());
    c.signIn(ConsoleFixture.ACCOUNT, "", fx.rootPassword());
    // Signed in, the sign-in page sends the browser on to "next": only a local console path.
    assertThat(c.get("/console/signin?next=%2Fconsole%2Froles").headers().firstValue("Location"))
        .hasValue("/console/roles");
    for (String evil :
        java.util.List.of(
            "//evil.example/x",
            "https://evil.example",
            "/console//evil.example",
            "/console/../x",
            "/consolex",
            "/console\\evil",
            "/console/\r\nSet-Cookie:x")) {
      HttpResponse<String> r =
          c.get(
              "/console/signin?next="
                  + java.net.URLEncoder.encode(evil, java.nio.charset.StandardCharsets.UTF_8));
      assertThat(r.headers().firstValue("Location")).as(evil).hasValue("/console");
    }
  }

  @Test
  void anIdleSessionTimesOut() throws Exception {
    FormClient c = new FormClient(fx.base());
    assertThat(c.signIn(ConsoleFixture.ACCOUNT, "", fx.rootPassword()).statusCode()).isEqualTo(200);
    fx.clock.advance(Duration.ofMinutes(59));
    assertThat(c.get("/console").statusCode()).isEqualTo(200);
    // Each request restarts the idle clock; an hour without one ends the session.
    fx.clock.advance(Duration.ofMinutes(60));
    HttpResponse<String> r = c.get("/console");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(c.follow(r).body()).contains("Your session timed out. Sign in again.");
  }

  @Test
  void aBrowserAtTheRootIsSentToTheConsoleAndTheApiStaysWhereItWas() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> browser =
        http.send(
            HttpRequest.newBuilder(URI.create(fx.base() + "/"))
                .header("Accept", "text/html")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(browser.statusCode()).isEqualTo(302);
    assertThat(browser.headers().firstValue("Location")).hasValue("/console");
    HttpResponse<String> api =
        http.send(
            HttpRequest.newBuilder(URI.create(fx.base() + "/?Action=ListUsers&Version=2010-05-08"))
                .header("Accept", "text/html")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(api.statusCode()).isEqualTo(403);
    assertThat(api.body()).contains("MissingAuthenticationToken");
    assertThat(fx.root.listUsers().users()).isNotEmpty();
  }

  @Test
  void staticFilesAndUnknownPages() throws Exception {
    FormClient c = new FormClient(fx.base());
    HttpResponse<String> css = c.get("/console/static/console.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(c.get("/console/static/../../etc/passwd").statusCode()).isEqualTo(404);
    assertThat(c.get("/console/static/nope.js").statusCode()).isEqualTo(404);
    assertThat(c.get("/console/nowhere").statusCode()).isEqualTo(404);
    assertThat(c.postRaw("/console/nowhere", Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void dataIsEscapedInPages() throws Exception {
    fx.root.createRole(
        r ->
            r.roleName("Escaped")
                .description("<script>alert(1)</script> & \"quotes\"")
                .assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                        + "{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}"));
    FormClient c = new FormClient(fx.base());
    c.signIn(ConsoleFixture.ACCOUNT, "", fx.rootPassword());
    for (String page : java.util.List.of("/console/roles", "/console/roles/Escaped")) {
      String body = c.get(page).body();
      assertThat(body)
          .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;")
          .doesNotContain("<script>alert");
    }
  }

  @Test
  void consoleActionsAreAuditedAsTheSignedInPrincipal() throws Exception {
    FormClient c = new FormClient(fx.base());
    c.signIn(ConsoleFixture.ACCOUNT, "Walter", "walter-Pa55word!");
    HttpResponse<String> roles = c.get("/console/roles");
    // Walter has no permissions: the list is refused with AWS's message.
    assertThat(roles.body())
        .contains(
            "User: arn:aws:iam::123456789012:user/Walter is not authorized to perform:"
                + " iam:ListRoles");
    assertThat(fx.auditLines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("\"eventName\":\"ListRoles\"")
                    .contains("\"userAgent\":\"gatehouse-console\"")
                    .contains("\"userName\":\"Walter\"")
                    .contains("\"errorCode\":\"AccessDenied\""));
  }
}

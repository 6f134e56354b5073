package dev.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTest {
  @Test
  void routesMatchMethodAndSegments() {
    Routes.Route a = v -> Reply.redirect("/console");
    Routes.Route b = v -> Reply.redirect("/console");
    Routes routes =
        new Routes().get("/roles/{name}", a).post("/roles/{name}/trust", b).publicGet("/signin", a);
    var m = routes.match("GET", "/roles/RoleS3FullAccess").orElseThrow();
    assertThat(m.entry().route()).isSameAs(a);
    assertThat(m.entry().signedIn()).isTrue();
    assertThat(m.params()).isEqualTo(Map.of("name", "RoleS3FullAccess"));
    assertThat(routes.match("POST", "/roles/x/trust").orElseThrow().entry().route()).isSameAs(b);
    assertThat(routes.match("GET", "/roles/x/trust")).isEmpty();
    assertThat(routes.knowsPath("/roles/x/trust")).isTrue();
    assertThat(routes.match("GET", "/roles")).isEmpty();
    assertThat(routes.knowsPath("/nowhere")).isFalse();
    assertThat(routes.match("GET", "/signin/").orElseThrow().entry().signedIn()).isFalse();
  }

  @Test
  void redirectsGoOnlyToLocalConsolePaths() {
    assertThat(Reply.localPath("/console")).isEqualTo("/console");
    assertThat(Reply.localPath("/console/roles/x?tab=trust"))
        .isEqualTo("/console/roles/x?tab=trust");
    assertThat(Reply.localPath("/console?x=1")).isEqualTo("/console?x=1");
    for (String bad :
        new String[] {
          null,
          "",
          "//evil",
          "http://evil/console",
          "/consoles",
          "/console/../admin",
          "/console/./x",
          "/console//evil",
          "/console\\x",
          "/console/a b",
          "/console/\r\nx",
          "/console/\u007f"
        }) {
      assertThat(Reply.localPath(bad)).as(String.valueOf(bad)).isEqualTo("/console");
    }
    assertThat(((Reply.Redirect) Reply.redirect("//evil")).location()).isEqualTo("/console");
  }

  @Test
  void formsParseRepeatedFieldsAndBadEscapes() {
    var form = ConsoleRequest.parseForm("policy=a&policy=b&x=%ZZ&flag&&y=1+2");
    assertThat(form.get("policy")).containsExactly("a", "b");
    assertThat(form.get("x")).containsExactly("%ZZ");
    assertThat(form.get("flag")).containsExactly("");
    assertThat(form.get("y")).containsExactly("1 2");
    assertThat(ConsoleRequest.parseForm(null)).isEmpty();
  }

  @Test
  void cookiesAreServerSideIdsOnly() {
    assertThat(Console.cookie("abc", false))
        .isEqualTo("gatehouse_console=abc; Path=/console; HttpOnly; SameSite=Strict");
    assertThat(Console.cookie("abc", true)).endsWith("; Secure");
    assertThat(Console.cookie("", true)).endsWith("; Secure; Max-Age=0");
    ConsoleRequest r =
        new ConsoleRequest(
            "GET",
            "/",
            Map.of(),
            Map.of(),
            Map.of(),
            "127.0.0.1",
            false,
            "a=1; gatehouse_console=xyz; b=2",
            "h");
    assertThat(r.cookie("gatehouse_console")).isEqualTo("xyz");
    assertThat(r.cookie("c")).isNull();
  }

  @Test
  void paletteAcceptsItsNamesAndAwsHexValues() {
    assertThat(Palette.of("blue")).isEqualTo("blue");
    assertThat(Palette.of("99bce3")).isEqualTo("blue");
    assertThat(Palette.of("F2B0A9")).isEqualTo("red");
    assertThat(Palette.of("javascript:")).isEqualTo("red");
  }
}

package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.List;
import java.util.Map;

/**
 * Users: the list (ListUsers) and a user's page with the policies the founding scenario needs
 * (inline policies listed, added in the JSON editor, edited and deleted; attached policies listed).
 */
final class UserPages {
  private UserPages() {}

  static void register(Routes routes) {
    routes.get("/users", UserPages::list).get("/users/{name}", UserPages::show);
  }

  static String path(String name) {
    return "/console/users/" + Visit.segment(name);
  }

  static List<Crumb> crumbs(String name) {
    return List.of(
        new Crumb("IAM", "/console"),
        new Crumb("Users", "/console/users"),
        new Crumb(name, path(name)));
  }

  private static Reply list(Visit v) {
    Html h = new Html();
    h.open("div", "class", "title-row").element("h1", "Users");
    h.link("/console/users/create", "Create user", "class", "button primary").close("div");
    try {
      List<JsonNode> users = RolesPages.all(v, "ListUsers", Map.of(), "users");
      Tables.open(h, "Users", List.of("User name", "Path", "Created"));
      for (JsonNode u : users) {
        String name = u.path("userName").asText();
        Tables.row(
            h,
            List.of(
                Tables.link(path(name), name),
                Tables.text(u.path("path").asText()),
                Tables.text(u.path("createDate").asText())));
      }
      Tables.close(h, users.size(), 3, "No users yet.");
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
    }
    return v.page("Users", List.of(new Crumb("IAM", "/console"), Crumb.here("Users")), h);
  }

  private static Reply show(Visit v) {
    String name = v.request().pathParam("name");
    JsonNode user = v.iam("GetUser", Map.of("UserName", name)).path("user");
    Html h = new Html();
    h.element("h1", name);
    h.open("section", "class", "card").element("h2", "Summary");
    h.open("dl", "class", "facts");
    h.element("dt", "ARN").open("dd").element("code", user.path("arn").asText()).close("dd");
    h.element("dt", "Created").element("dd", user.path("createDate").asText());
    h.close("dl").close("section");
    UserTabs.nav(h, name, "permissions");
    h.open("section", "class", "card");
    PermissionsTable.render(v, h, "User", name, path(name), "User policies");
    h.close("section");
    return v.page(
        name,
        List.of(
            new Crumb("IAM", "/console"), new Crumb("Users", "/console/users"), Crumb.here(name)),
        h);
  }
}

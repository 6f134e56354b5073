package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** User groups: the list (ListGroups) and create group (CreateGroup, then AddUserToGroup). */
final class GroupsPages {
  private GroupsPages() {}

  static final List<Crumb> CRUMBS =
      List.of(new Crumb("IAM", "/console"), new Crumb("User groups", "/console/groups"));

  static void register(Routes routes) {
    routes
        .get("/groups", GroupsPages::list)
        .get("/groups/create", v -> form(v, List.of()))
        .post("/groups/create", GroupsPages::create);
  }

  private static Reply list(Visit v) {
    Html h = new Html();
    h.open("div", "class", "title-row");
    h.element("h1", "User groups");
    h.link("/console/groups/create", "Create group", "class", "button primary");
    h.close("div");
    h.element(
        "p",
        "A group's policies apply to every user in it; users take them on when they join.",
        "class",
        "lead");
    try {
      List<JsonNode> groups = RolesPages.all(v, "ListGroups", Map.of(), "groups");
      Tables.open(h, "User groups", List.of("Group name", "Path", "Created"));
      for (JsonNode g : groups) {
        String name = g.path("groupName").asText();
        Tables.row(
            h,
            List.of(
                Tables.link(GroupPage.path(name), name),
                Tables.text(g.path("path").asText()),
                Tables.text(g.path("createDate").asText())));
      }
      Tables.close(h, groups.size(), 3, "No user groups yet.");
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
    }
    return v.page("User groups", List.of(CRUMBS.get(0), Crumb.here("User groups")), h);
  }

  private static Reply form(Visit v, List<String> errors) {
    ConsoleRequest r = v.request();
    Html h = new Html();
    h.element("h1", "Create user group");
    Forms.errors(h, errors);
    Forms.open(v, h, "/console/groups/create", "data-testid", "group-create");
    h.open("section", "class", "card");
    Forms.text(
        h,
        "groupName",
        "User group name",
        r.param("groupName"),
        "Up to 128 letters, digits and +=,.@_-",
        "required",
        "",
        "maxlength",
        "128");
    Forms.text(
        h,
        "path",
        "Path",
        r.param("path").isEmpty() ? "/" : r.param("path"),
        "Starts and ends with /.");
    h.close("section");
    h.open("section", "class", "card");
    try {
      List<JsonNode> users = RolesPages.all(v, "ListUsers", Map.of(), "users");
      h.open("fieldset").element("legend", "Add users to the group (optional)");
      for (JsonNode u : users) {
        String user = u.path("userName").asText();
        Forms.checkbox(h, "user", user, user, r.params("user").contains(user));
      }
      if (users.isEmpty()) {
        h.element("p", "There are no users yet.");
      }
      h.close("fieldset");
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
    }
    h.close("section");
    Forms.submit(h, "Create group");
    Forms.close(h);
    return v.page(
        "Create user group",
        List.of(CRUMBS.get(0), CRUMBS.get(1), Crumb.here("Create user group")),
        h);
  }

  private static Reply create(Visit v) {
    String name = v.request().param("groupName").trim();
    String path = v.request().param("path").trim();
    if (name.isEmpty()) {
      return form(v, List.of("Enter a user group name."));
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("GroupName", name);
    if (!path.isEmpty()) {
      params.put("Path", path);
    }
    try {
      v.iam("CreateGroup", params);
    } catch (GatehouseException e) {
      return form(v, List.of(Screens.error(e)));
    }
    List<String> added = new ArrayList<>();
    for (String user : v.request().params("user")) {
      try {
        v.iam("AddUserToGroup", Map.of("GroupName", name, "UserName", user));
        added.add(user);
      } catch (GatehouseException e) {
        return v.failed(
            GroupPage.path(name), "Group " + name + " created, but " + Screens.error(e));
      }
    }
    return v.done(
        GroupPage.path(name),
        "Group "
            + name
            + " created"
            + (added.isEmpty() ? "." : " with " + String.join(", ", added) + "."));
  }
}

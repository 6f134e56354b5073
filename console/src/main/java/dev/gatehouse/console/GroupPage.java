package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One user group: its summary and the tabs Users (add and remove members) and Permissions (attached
 * policies with detach, inline policies in the JSON editor of {@link RoleEditors}), and delete
 * group (members removed and policies detached or deleted first, as AWS's console does).
 */
final class GroupPage {
  private GroupPage() {}

  static void register(Routes routes) {
    routes
        .get("/groups/{name}", GroupPage::show)
        .post("/groups/{name}/users/add", GroupPage::addUsers)
        .post("/groups/{name}/users/remove", GroupPage::removeUser)
        .post("/groups/{name}/detach", GroupPage::detach)
        .get("/groups/{name}/delete", v -> confirmDelete(v, List.of()))
        .post("/groups/{name}/delete", GroupPage::delete);
  }

  static String path(String name) {
    return "/console/groups/" + Visit.segment(name);
  }

  static List<Crumb> crumbs(String name) {
    return List.of(
        GroupsPages.CRUMBS.get(0), GroupsPages.CRUMBS.get(1), new Crumb(name, path(name)));
  }

  private static Reply show(Visit v) {
    String name = v.request().pathParam("name");
    String tab = v.request().param("tab").equals("permissions") ? "permissions" : "users";
    JsonNode got = v.iam("GetGroup", Map.of("GroupName", name));
    JsonNode group = got.path("group");
    Html h = new Html();
    h.open("div", "class", "title-row");
    h.element("h1", name);
    h.link(path(name) + "/delete", "Delete group", "class", "button danger");
    h.close("div");
    h.open("section", "class", "card").element("h2", "Summary");
    h.open("dl", "class", "facts");
    h.element("dt", "ARN")
        .open("dd")
        .element("code", group.path("arn").asText(), "data-testid", "group-arn")
        .close("dd");
    h.element("dt", "Created").element("dd", group.path("createDate").asText());
    h.close("dl").close("section");
    h.open("nav", "class", "tabs", "aria-label", "User group details");
    h.link(path(name), "Users", "aria-current", tab.equals("users") ? "page" : null);
    h.link(
        path(name) + "?tab=permissions",
        "Permissions",
        "aria-current",
        tab.equals("permissions") ? "page" : null);
    h.close("nav");
    h.open("section", "class", "card tab-panel");
    if (tab.equals("permissions")) {
      PermissionsTable.render(v, h, "Group", name, path(name), "Group policies");
    } else {
      users(v, h, name, got.path("users"));
    }
    h.close("section");
    return v.page(
        name, List.of(GroupsPages.CRUMBS.get(0), GroupsPages.CRUMBS.get(1), Crumb.here(name)), h);
  }

  private static void users(Visit v, Html h, String name, JsonNode members) {
    h.element("h2", "Users in this group");
    Set<String> in = new HashSet<>();
    Tables.open(h, "Group members", List.of("User name", "Path", ""));
    for (JsonNode u : members) {
      String user = u.path("userName").asText();
      in.add(user);
      Tables.row(
          h,
          List.of(
              Tables.link(UserPages.path(user), user),
              Tables.text(u.path("path").asText()),
              Screens.button(
                  v,
                  path(name) + "/users/remove",
                  "Remove",
                  "Remove " + user + " from the group",
                  "",
                  "user",
                  user)));
    }
    Tables.close(h, in.size(), 3, "No users in this group.");
    try {
      List<JsonNode> others = new ArrayList<>();
      for (JsonNode u : RolesPages.all(v, "ListUsers", Map.of(), "users")) {
        if (!in.contains(u.path("userName").asText())) {
          others.add(u);
        }
      }
      h.element("h3", "Add users");
      if (others.isEmpty()) {
        h.element("p", "Every user is in this group already.");
        return;
      }
      Forms.open(v, h, path(name) + "/users/add", "data-testid", "add-users");
      h.open("fieldset").element("legend", "Users");
      for (JsonNode u : others) {
        String user = u.path("userName").asText();
        Forms.checkbox(h, "user", user, user, false);
      }
      h.close("fieldset");
      Forms.submit(h, "Add users");
      Forms.close(h);
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
    }
  }

  private static Reply addUsers(Visit v) {
    String name = v.request().pathParam("name");
    List<String> users = v.request().params("user");
    if (users.isEmpty()) {
      return v.failed(path(name), "Choose at least one user.");
    }
    for (String user : users) {
      try {
        v.iam("AddUserToGroup", Map.of("GroupName", name, "UserName", user));
      } catch (GatehouseException e) {
        return v.failed(path(name), Screens.error(e));
      }
    }
    return v.done(path(name), String.join(", ", users) + " added to " + name + ".");
  }

  private static Reply removeUser(Visit v) {
    String name = v.request().pathParam("name");
    String user = v.request().param("user");
    try {
      v.iam("RemoveUserFromGroup", Map.of("GroupName", name, "UserName", user));
    } catch (GatehouseException e) {
      return v.failed(path(name), Screens.error(e));
    }
    return v.done(path(name), user + " removed from " + name + ".");
  }

  private static Reply detach(Visit v) {
    String name = v.request().pathParam("name");
    String arn = v.request().param("policyArn");
    String back = path(name) + "?tab=permissions";
    try {
      v.iam("DetachGroupPolicy", Map.of("GroupName", name, "PolicyArn", arn));
    } catch (GatehouseException e) {
      return v.failed(back, Screens.error(e));
    }
    return v.done(back, "Policy " + arn + " detached.");
  }

  private static Reply confirmDelete(Visit v, List<String> errors) {
    String name = v.request().pathParam("name");
    v.iam("GetGroup", Map.of("GroupName", name));
    return Screens.confirm(
        v,
        "Delete group",
        Screens.with(crumbs(name), "Delete"),
        List.of(
            "Group " + name + " is deleted; its users lose the permissions it gave them.",
            "Its inline policies are deleted and its managed policies detached."),
        path(name) + "/delete",
        name,
        errors);
  }

  private static Reply delete(Visit v) {
    String name = v.request().pathParam("name");
    if (!Screens.confirmed(v, name)) {
      return confirmDelete(v, List.of("Type the group name " + name + " to confirm."));
    }
    Map<String, String> group = Map.of("GroupName", name);
    try {
      for (JsonNode u : RolesPages.all(v, "GetGroup", group, "users")) {
        v.iam(
            "RemoveUserFromGroup",
            Map.of("GroupName", name, "UserName", u.path("userName").asText()));
      }
      for (JsonNode p : RolesPages.all(v, "ListGroupPolicies", group, "policyNames")) {
        v.iam("DeleteGroupPolicy", Map.of("GroupName", name, "PolicyName", p.asText()));
      }
      for (JsonNode p : RolesPages.all(v, "ListAttachedGroupPolicies", group, "attachedPolicies")) {
        v.iam(
            "DetachGroupPolicy",
            Map.of("GroupName", name, "PolicyArn", p.path("policyArn").asText()));
      }
      v.iam("DeleteGroup", group);
    } catch (GatehouseException e) {
      return confirmDelete(v, List.of(Screens.error(e)));
    }
    return v.done("/console/groups", "Group " + name + " deleted.");
  }
}

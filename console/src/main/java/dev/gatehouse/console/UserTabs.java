package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's tabs besides Permissions (which is {@link UserPages}' page): Groups (add to and remove
 * from groups), Tags (add and remove), the detach button of attached policies, and delete user
 * (everything the user holds is removed first, through the API, as AWS's console does).
 */
final class UserTabs {
  private UserTabs() {}

  static final List<String[]> TABS =
      List.of(
          new String[] {"permissions", "Permissions", ""},
          new String[] {"groups", "Groups", "/groups"},
          new String[] {"credentials", "Security credentials", "/credentials"},
          new String[] {"tags", "Tags", "/tags"});

  static void register(Routes routes) {
    routes
        .get("/users/{name}/groups", UserTabs::groups)
        .post("/users/{name}/groups/add", UserTabs::addToGroups)
        .post("/users/{name}/groups/remove", UserTabs::removeFromGroup)
        .get("/users/{name}/tags", UserTabs::tags)
        .post("/users/{name}/tags", UserTabs::tag)
        .post("/users/{name}/untag", UserTabs::untag)
        .post("/users/{name}/detach", UserTabs::detach)
        .get("/users/{name}/delete", v -> confirmDelete(v, List.of()))
        .post("/users/{name}/delete", UserTabs::delete);
  }

  /** The tab bar of a user's pages, and the delete link. */
  static void nav(Html h, String name, String current) {
    h.open("div", "class", "title-row");
    h.open("nav", "class", "tabs", "aria-label", "User details");
    for (String[] t : TABS) {
      h.link(
          UserPages.path(name) + t[2], t[1], "aria-current", t[0].equals(current) ? "page" : null);
    }
    h.close("nav");
    h.link(UserPages.path(name) + "/delete", "Delete user", "class", "button danger");
    h.close("div");
  }

  /** The heading and tabs of a user's tab page. */
  static Html header(String name, String tab) {
    Html h = new Html();
    h.element("h1", name);
    nav(h, name, tab);
    return h;
  }

  static List<Crumb> crumbs(String name, String here) {
    return Screens.with(UserPages.crumbs(name), here);
  }

  private static Reply groups(Visit v) {
    String name = v.request().pathParam("name");
    v.iam("GetUser", Map.of("UserName", name));
    Html h = header(name, "groups");
    h.open("section", "class", "card tab-panel");
    h.element("h2", "User groups membership");
    try {
      List<JsonNode> mine =
          RolesPages.all(v, "ListGroupsForUser", Map.of("UserName", name), "groups");
      Set<String> member = new HashSet<>();
      Tables.open(h, "Groups of the user", List.of("Group name", "Path", ""));
      for (JsonNode g : mine) {
        String group = g.path("groupName").asText();
        member.add(group);
        Tables.row(
            h,
            List.of(
                Tables.link(GroupPage.path(group), group),
                Tables.text(g.path("path").asText()),
                Screens.button(
                    v,
                    UserPages.path(name) + "/groups/remove",
                    "Remove",
                    "Remove from " + group,
                    "",
                    "group",
                    group)));
      }
      Tables.close(h, mine.size(), 3, "The user is in no group.");
      List<JsonNode> others = new ArrayList<>();
      for (JsonNode g : RolesPages.all(v, "ListGroups", Map.of(), "groups")) {
        if (!member.contains(g.path("groupName").asText())) {
          others.add(g);
        }
      }
      h.element("h3", "Add user to groups");
      if (others.isEmpty()) {
        h.element("p", "There is no other group.");
      } else {
        Forms.open(v, h, UserPages.path(name) + "/groups/add", "data-testid", "add-to-groups");
        h.open("fieldset").element("legend", "Groups");
        for (JsonNode g : others) {
          String group = g.path("groupName").asText();
          Forms.checkbox(h, "group", group, group, false);
        }
        h.close("fieldset");
        Forms.submit(h, "Add to groups");
        Forms.close(h);
      }
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
    }
    h.close("section");
    return v.page(name, crumbs(name, "Groups"), h);
  }

  private static Reply addToGroups(Visit v) {
    String name = v.request().pathParam("name");
    String back = UserPages.path(name) + "/groups";
    List<String> groups = v.request().params("group");
    if (groups.isEmpty()) {
      return v.failed(back, "Choose at least one group.");
    }
    for (String g : groups) {
      try {
        v.iam("AddUserToGroup", Map.of("UserName", name, "GroupName", g));
      } catch (GatehouseException e) {
        return v.failed(back, Screens.error(e));
      }
    }
    return v.done(back, "User " + name + " added to " + String.join(", ", groups) + ".");
  }

  private static Reply removeFromGroup(Visit v) {
    String name = v.request().pathParam("name");
    String back = UserPages.path(name) + "/groups";
    String group = v.request().param("group");
    try {
      v.iam("RemoveUserFromGroup", Map.of("UserName", name, "GroupName", group));
    } catch (GatehouseException e) {
      return v.failed(back, Screens.error(e));
    }
    return v.done(back, "User " + name + " removed from " + group + ".");
  }

  private static Reply tags(Visit v) {
    String name = v.request().pathParam("name");
    List<JsonNode> tags = RolesPages.all(v, "ListUserTags", Map.of("UserName", name), "tags");
    Html h = header(name, "tags");
    h.open("section", "class", "card tab-panel");
    h.element("h2", "Tags");
    Tables.open(h, "Tags", List.of("Key", "Value", ""));
    for (JsonNode t : tags) {
      String key = t.path("key").asText();
      Tables.row(
          h,
          List.of(
              Tables.text(key),
              Tables.text(t.path("value").asText()),
              Screens.button(
                  v,
                  UserPages.path(name) + "/untag",
                  "Remove",
                  "Remove tag " + key,
                  "",
                  "key",
                  key)));
    }
    Tables.close(h, tags.size(), 3, "No tags.");
    Forms.open(v, h, UserPages.path(name) + "/tags", "class", "inline-form");
    Forms.text(h, "key", "Key", "", "", "required", "");
    Forms.text(h, "value", "Value", "", "");
    Forms.submit(h, "Add tag");
    Forms.close(h);
    h.close("section");
    return v.page(name, crumbs(name, "Tags"), h);
  }

  private static Reply tag(Visit v) {
    String name = v.request().pathParam("name");
    String back = UserPages.path(name) + "/tags";
    try {
      v.iam(
          "TagUser",
          Map.of(
              "UserName",
              name,
              "Tags.member.1.Key",
              v.request().param("key"),
              "Tags.member.1.Value",
              v.request().param("value")));
    } catch (GatehouseException e) {
      return v.failed(back, Screens.error(e));
    }
    return v.done(back, "Tag " + v.request().param("key") + " saved.");
  }

  private static Reply untag(Visit v) {
    String name = v.request().pathParam("name");
    String back = UserPages.path(name) + "/tags";
    try {
      v.iam("UntagUser", Map.of("UserName", name, "TagKeys.member.1", v.request().param("key")));
    } catch (GatehouseException e) {
      return v.failed(back, Screens.error(e));
    }
    return v.done(back, "Tag " + v.request().param("key") + " removed.");
  }

  private static Reply detach(Visit v) {
    String name = v.request().pathParam("name");
    String arn = v.request().param("policyArn");
    try {
      v.iam("DetachUserPolicy", Map.of("UserName", name, "PolicyArn", arn));
    } catch (GatehouseException e) {
      return v.failed(UserPages.path(name), Screens.error(e));
    }
    return v.done(UserPages.path(name), "Policy " + arn + " detached.");
  }

  private static Reply confirmDelete(Visit v, List<String> errors) {
    String name = v.request().pathParam("name");
    v.iam("GetUser", Map.of("UserName", name));
    return Screens.confirm(
        v,
        "Delete user",
        crumbs(name, "Delete"),
        List.of(
            "User " + name + " is deleted with its console password, access keys and MFA devices.",
            "Its inline policies are deleted; managed policies are detached from it.",
            "It is removed from its groups."),
        UserPages.path(name) + "/delete",
        name,
        errors);
  }

  private static Reply delete(Visit v) {
    String name = v.request().pathParam("name");
    if (!Screens.confirmed(v, name)) {
      return confirmDelete(v, List.of("Type the user name " + name + " to confirm."));
    }
    Map<String, String> user = Map.of("UserName", name);
    try {
      try {
        v.iam("DeleteLoginProfile", user);
      } catch (GatehouseException e) {
        if (e.code() != ErrorCode.NO_SUCH_ENTITY) {
          throw e;
        }
      }
      for (JsonNode k : RolesPages.all(v, "ListAccessKeys", user, "accessKeyMetadata")) {
        v.iam(
            "DeleteAccessKey",
            Map.of("UserName", name, "AccessKeyId", k.path("accessKeyId").asText()));
      }
      for (JsonNode d : v.iam("ListMFADevices", user).path("mFADevices")) {
        String serial = d.path("serialNumber").asText();
        v.iam("DeactivateMFADevice", Map.of("UserName", name, "SerialNumber", serial));
        v.iam("DeleteVirtualMFADevice", Map.of("SerialNumber", serial));
      }
      for (JsonNode p : RolesPages.all(v, "ListUserPolicies", user, "policyNames")) {
        v.iam("DeleteUserPolicy", Map.of("UserName", name, "PolicyName", p.asText()));
      }
      for (JsonNode p : RolesPages.all(v, "ListAttachedUserPolicies", user, "attachedPolicies")) {
        v.iam(
            "DetachUserPolicy",
            Map.of("UserName", name, "PolicyArn", p.path("policyArn").asText()));
      }
      for (JsonNode g : RolesPages.all(v, "ListGroupsForUser", user, "groups")) {
        v.iam(
            "RemoveUserFromGroup",
            Map.of("UserName", name, "GroupName", g.path("groupName").asText()));
      }
      v.iam("DeleteUser", user);
    } catch (GatehouseException e) {
      return confirmDelete(v, List.of(Screens.error(e)));
    }
    return v.done("/console/users", "User " + name + " deleted.");
  }
}

package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One role: its summary (ARN, description, maximum session, the link to switch roles in the
 * console) and the tabs Permissions (attached and inline, detach, delete), Trust relationships (the
 * JSON and the trusted entities), Tags and Revoke sessions.
 */
final class RolePage {
  private RolePage() {}

  static final List<String[]> TABS =
      List.of(
          new String[] {"permissions", "Permissions"},
          new String[] {"trust", "Trust relationships"},
          new String[] {"tags", "Tags"},
          new String[] {"sessions", "Revoke sessions"});

  static void register(Routes routes) {
    routes
        .get("/roles/{name}", RolePage::show)
        .post("/roles/{name}/detach", RolePage::detach)
        .post("/roles/{name}/tags", RolePage::tag)
        .post("/roles/{name}/untag", RolePage::untag)
        .post("/roles/{name}/revoke", RolePage::revoke);
  }

  static String path(String name) {
    return "/console/roles/" + Visit.segment(name);
  }

  static List<Crumb> crumbs(String name) {
    return List.of(RolesPages.CRUMBS.get(0), RolesPages.CRUMBS.get(1), new Crumb(name, path(name)));
  }

  private static Reply show(Visit v) {
    String name = v.request().pathParam("name");
    String tab = v.request().param("tab").isEmpty() ? "permissions" : v.request().param("tab");
    JsonNode role = v.iam("GetRole", Map.of("RoleName", name)).path("role");
    Html h = new Html();
    h.element("h1", name);
    h.open("section", "class", "card").element("h2", "Summary");
    h.open("dl", "class", "facts");
    h.element("dt", "ARN")
        .open("dd")
        .element("code", role.path("arn").asText(), "data-testid", "role-arn")
        .close("dd");
    h.element("dt", "Description").element("dd", role.path("description").asText(""));
    h.element("dt", "Created").element("dd", role.path("createDate").asText());
    h.element("dt", "Maximum session duration")
        .element("dd", role.path("maxSessionDuration").asLong(3600) / 3600 + " hour(s)");
    String account = role.path("arn").asText().split(":")[4];
    String roleName = role.path("path").asText("/").substring(1) + name;
    String link =
        SwitchRolePages.link(v.request().host(), v.request().secure(), account, roleName, "");
    h.element("dt", "Link to switch roles in console")
        .open("dd")
        .link(link, link, "data-testid", "switch-link")
        .close("dd");
    h.close("dl").close("section");
    RequestAccessPage.onRolePage(v, h, roleName, name, role.path("arn").asText());
    h.open("nav", "class", "tabs", "aria-label", "Role details");
    for (String[] t : TABS) {
      h.link(path(name) + "?tab=" + t[0], t[1], "aria-current", t[0].equals(tab) ? "page" : null);
    }
    h.close("nav");
    h.open("section", "class", "card tab-panel");
    switch (tab) {
      case "trust" -> trust(h, name, role);
      case "tags" -> tags(v, h, name);
      case "sessions" -> sessions(v, h, name);
      default -> PermissionsTable.render(v, h, "Role", name, path(name), "Permissions policies");
    }
    h.close("section");
    List<Crumb> crumbs = new ArrayList<>(crumbs(name).subList(0, 2));
    crumbs.add(Crumb.here(name));
    return v.page(name, crumbs, h);
  }

  private static void trust(Html h, String name, JsonNode role) {
    String document = JsonEditor.decoded(role.path("assumeRolePolicyDocument").asText());
    h.open("div", "class", "title-row").element("h2", "Trusted entities");
    h.link(path(name) + "/trust", "Edit trust policy", "class", "button");
    h.close("div");
    List<TrustSummary.Entity> entities = TrustSummary.entities(document);
    Tables.open(h, "Trusted entities", List.of("Type", "Principal", "Conditions"));
    for (TrustSummary.Entity e : entities) {
      Tables.row(
          h,
          List.of(
              Tables.text(e.type()),
              new Html().element("code", e.value(), "data-testid", "trusted-entity"),
              Tables.text(e.conditions())));
    }
    Tables.close(h, entities.size(), 3, "The trust policy names no principal.");
    h.element("h3", "Trust policy");
    h.element("pre", document, "class", "code", "data-testid", "trust-json");
  }

  private static void tags(Visit v, Html h, String name) {
    h.element("h2", "Tags");
    List<JsonNode> tags = RolesPages.all(v, "ListRoleTags", Map.of("RoleName", name), "tags");
    Tables.open(h, "Tags", List.of("Key", "Value", ""));
    for (JsonNode t : tags) {
      Html remove = new Html();
      Forms.open(v, remove, path(name) + "/untag", "class", "inline");
      Layout.hidden(remove, "key", t.path("key").asText());
      remove.element(
          "button",
          "Remove",
          "type",
          "submit",
          "aria-label",
          "Remove tag " + t.path("key").asText());
      Forms.close(remove);
      Tables.row(
          h,
          List.of(
              Tables.text(t.path("key").asText()), Tables.text(t.path("value").asText()), remove));
    }
    Tables.close(h, tags.size(), 3, "No tags.");
    Forms.open(v, h, path(name) + "/tags", "class", "inline-form");
    Forms.text(h, "key", "Key", "", "", "required", "");
    Forms.text(h, "value", "Value", "", "");
    Forms.submit(h, "Add tag");
    Forms.close(h);
  }

  private static void sessions(Visit v, Html h, String name) {
    h.element("h2", "Revoke active sessions");
    h.element(
        "p",
        "Adds the inline policy AWSRevokeOlderSessions, which denies every action to sessions of"
            + " this role issued before now. Sessions started after it are not affected. Anyone"
            + " using the role in the console must switch to it again.");
    Layout.postButton(v, h, path(name) + "/revoke", "Revoke active sessions", "danger");
  }

  private static Reply detach(Visit v) {
    String name = v.request().pathParam("name");
    String arn = v.request().param("policyArn");
    try {
      v.iam("DetachRolePolicy", Map.of("RoleName", name, "PolicyArn", arn));
    } catch (GatehouseException e) {
      return v.failed(path(name), e.code().awsCode() + ": " + e.getMessage());
    }
    return v.done(path(name), "Policy " + arn + " detached.");
  }

  private static Reply tag(Visit v) {
    String name = v.request().pathParam("name");
    try {
      v.iam(
          "TagRole",
          Map.of(
              "RoleName",
              name,
              "Tags.member.1.Key",
              v.request().param("key"),
              "Tags.member.1.Value",
              v.request().param("value")));
    } catch (GatehouseException e) {
      return v.failed(path(name) + "?tab=tags", e.code().awsCode() + ": " + e.getMessage());
    }
    return v.done(path(name) + "?tab=tags", "Tag " + v.request().param("key") + " saved.");
  }

  private static Reply untag(Visit v) {
    String name = v.request().pathParam("name");
    try {
      v.iam("UntagRole", Map.of("RoleName", name, "TagKeys.member.1", v.request().param("key")));
    } catch (GatehouseException e) {
      return v.failed(path(name) + "?tab=tags", e.code().awsCode() + ": " + e.getMessage());
    }
    return v.done(path(name) + "?tab=tags", "Tag " + v.request().param("key") + " removed.");
  }

  private static Reply revoke(Visit v) {
    String name = v.request().pathParam("name");
    try {
      v.call("gatehouse", "RevokeRoleSessions", Map.of("RoleName", name));
    } catch (GatehouseException e) {
      return v.failed(path(name) + "?tab=sessions", e.code().awsCode() + ": " + e.getMessage());
    }
    return v.done(
        path(name) + "?tab=sessions", "Sessions of " + name + " issued before now are revoked.");
  }
}

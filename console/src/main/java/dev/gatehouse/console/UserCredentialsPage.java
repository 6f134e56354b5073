package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.List;
import java.util.Map;

/**
 * A user's Security credentials tab: console password (Get/Create/Update/DeleteLoginProfile), MFA
 * devices ({@link MfaPages}) and access keys (create with the secret shown once, deactivate,
 * activate, delete after typing the key's ID).
 */
final class UserCredentialsPage {
  private UserCredentialsPage() {}

  static void register(Routes routes) {
    routes
        .get("/users/{name}/credentials", UserCredentialsPage::show)
        .post("/users/{name}/keys/create", UserCredentialsPage::createKey)
        .post("/users/{name}/keys/{key}/status", UserCredentialsPage::status)
        .get("/users/{name}/keys/{key}/delete", v -> confirmDelete(v, List.of()))
        .post("/users/{name}/keys/{key}/delete", UserCredentialsPage::deleteKey)
        .post("/users/{name}/password", UserCredentialsPage::password)
        .post("/users/{name}/password/delete", UserCredentialsPage::deletePassword);
  }

  static String path(String name) {
    return UserPages.path(name) + "/credentials";
  }

  private static Reply show(Visit v) {
    String name = v.request().pathParam("name");
    v.iam("GetUser", Map.of("UserName", name));
    Html h = UserTabs.header(name, "credentials");
    consolePassword(v, h, name);
    MfaPages.section(v, h, MfaPages.Holder.user(name));
    accessKeys(v, h, name);
    return v.page(name, UserTabs.crumbs(name, "Security credentials"), h);
  }

  private static void consolePassword(Visit v, Html h, String name) {
    h.open("section", "class", "card", "data-testid", "console-password");
    h.element("h2", "Console sign-in");
    JsonNode profile = null;
    try {
      profile = v.iam("GetLoginProfile", Map.of("UserName", name)).path("loginProfile");
    } catch (GatehouseException e) {
      if (e.code() != ErrorCode.NO_SUCH_ENTITY) {
        ErrorPages.aws(h, e);
        h.close("section");
        return;
      }
    }
    h.open("dl", "class", "facts");
    h.element("dt", "Console password");
    if (profile == null) {
      h.element("dd", "Not enabled", "data-testid", "password-status");
    } else {
      h.element(
          "dd",
          "Enabled (set "
              + profile.path("createDate").asText()
              + (profile.path("passwordResetRequired").asBoolean(false)
                  ? "; a new one must be chosen at next sign-in)"
                  : ")"),
          "data-testid",
          "password-status");
    }
    h.close("dl");
    Forms.open(v, h, UserPages.path(name) + "/password", "data-testid", "password-form");
    Layout.hidden(h, "mode", profile == null ? "create" : "update");
    h.open("fieldset")
        .element(
            "legend", profile == null ? "Enable console access" : "Set a new console password");
    Forms.text(
        h,
        "password",
        "New console password",
        "",
        "Must meet the account's password policy.",
        "type",
        "password",
        "autocomplete",
        "new-password",
        "required",
        "");
    Forms.checkbox(
        h, "resetRequired", "yes", "User must create a new password at next sign-in", false);
    h.close("fieldset");
    Forms.submit(h, profile == null ? "Enable console access" : "Update password");
    Forms.close(h);
    if (profile != null) {
      h.add(
          Screens.button(
              v,
              UserPages.path(name) + "/password/delete",
              "Disable console access",
              "Disable console access of " + name,
              "danger"));
    }
    h.close("section");
  }

  private static void accessKeys(Visit v, Html h, String name) {
    h.open("section", "class", "card", "data-testid", "access-keys");
    h.open("div", "class", "title-row").element("h2", "Access keys");
    h.add(
        Screens.button(
            v,
            UserPages.path(name) + "/keys/create",
            "Create access key",
            "Create access key for " + name,
            "primary"));
    h.close("div");
    try {
      List<JsonNode> keys =
          RolesPages.all(v, "ListAccessKeys", Map.of("UserName", name), "accessKeyMetadata");
      Tables.open(h, "Access keys", List.of("Access key ID", "Status", "Created", ""));
      for (JsonNode k : keys) {
        String id = k.path("accessKeyId").asText();
        boolean active = k.path("status").asText().equals("Active");
        String base = UserPages.path(name) + "/keys/" + Visit.segment(id);
        Html actions =
            Screens.button(
                v,
                base + "/status",
                active ? "Deactivate" : "Activate",
                (active ? "Deactivate " : "Activate ") + id,
                "",
                "status",
                active ? "Inactive" : "Active");
        actions.link(base + "/delete", "Delete", "aria-label", "Delete " + id, "class", "button");
        Tables.row(
            h,
            List.of(
                new Html().element("code", id),
                Tables.text(k.path("status").asText()),
                Tables.text(k.path("createDate").asText()),
                actions));
      }
      Tables.close(h, keys.size(), 4, "No access keys.");
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
    }
    h.close("section");
  }

  private static Reply createKey(Visit v) {
    String name = v.request().pathParam("name");
    JsonNode key;
    try {
      key = v.iam("CreateAccessKey", Map.of("UserName", name)).path("accessKey");
    } catch (GatehouseException e) {
      return v.failed(path(name), Screens.error(e));
    }
    Html h = UserTabs.header(name, "credentials");
    Screens.newAccessKey(
        h, name, key.path("accessKeyId").asText(), key.path("secretAccessKey").asText());
    h.open("p").link(path(name), "Done", "class", "button").close("p");
    return v.page("Access key created", UserTabs.crumbs(name, "Access key created"), h);
  }

  private static Reply status(Visit v) {
    String name = v.request().pathParam("name");
    String id = v.request().pathParam("key");
    String status = v.request().param("status");
    try {
      v.iam("UpdateAccessKey", Map.of("UserName", name, "AccessKeyId", id, "Status", status));
    } catch (GatehouseException e) {
      return v.failed(path(name), Screens.error(e));
    }
    return v.done(
        path(name),
        "Access key " + id + (status.equals("Active") ? " activated." : " deactivated."));
  }

  private static Reply confirmDelete(Visit v, List<String> errors) {
    String name = v.request().pathParam("name");
    String id = v.request().pathParam("key");
    return Screens.confirm(
        v,
        "Delete access key",
        UserTabs.crumbs(name, "Delete access key"),
        List.of(
            "Access key " + id + " of " + name + " stops working at once and cannot be restored.",
            "Deactivate it first to find out whether something still uses it."),
        UserPages.path(name) + "/keys/" + Visit.segment(id) + "/delete",
        id,
        errors);
  }

  private static Reply deleteKey(Visit v) {
    String name = v.request().pathParam("name");
    String id = v.request().pathParam("key");
    if (!Screens.confirmed(v, id)) {
      return confirmDelete(v, List.of("Type the access key ID " + id + " to confirm."));
    }
    try {
      v.iam("DeleteAccessKey", Map.of("UserName", name, "AccessKeyId", id));
    } catch (GatehouseException e) {
      return confirmDelete(v, List.of(Screens.error(e)));
    }
    return v.done(path(name), "Access key " + id + " deleted.");
  }

  private static Reply password(Visit v) {
    String name = v.request().pathParam("name");
    boolean create = !v.request().param("mode").equals("update");
    if (v.request().param("password").isEmpty()) {
      return v.failed(path(name), "Enter a console password.");
    }
    try {
      v.iam(
          create ? "CreateLoginProfile" : "UpdateLoginProfile",
          Map.of(
              "UserName",
              name,
              "Password",
              v.request().param("password"),
              "PasswordResetRequired",
              Boolean.toString(!v.request().param("resetRequired").isEmpty())));
    } catch (GatehouseException e) {
      return v.failed(path(name), Screens.error(e));
    }
    return v.done(
        path(name), create ? "Console access enabled for " + name + "." : "Password updated.");
  }

  private static Reply deletePassword(Visit v) {
    String name = v.request().pathParam("name");
    try {
      v.iam("DeleteLoginProfile", Map.of("UserName", name));
    } catch (GatehouseException e) {
      return v.failed(path(name), Screens.error(e));
    }
    return v.done(path(name), "Console access disabled for " + name + ".");
  }
}

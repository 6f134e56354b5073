package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Create user on one form: name, path and tags (CreateUser), an optional console password with
 * "require reset" (CreateLoginProfile) and an optional access key (CreateAccessKey). The result
 * page is the only place the new secret access key appears, with its CSV download in the page.
 */
final class UserCreatePage {
  private UserCreatePage() {}

  static void register(Routes routes) {
    routes
        .get("/users/create", v -> form(v, List.of()))
        .post("/users/create", UserCreatePage::create);
  }

  private static List<Crumb> crumbs() {
    return List.of(
        new Crumb("IAM", "/console"),
        new Crumb("Users", "/console/users"),
        Crumb.here("Create user"));
  }

  private static Reply form(Visit v, List<String> errors) {
    ConsoleRequest r = v.request();
    Html h = new Html();
    h.element("h1", "Create user");
    Forms.errors(h, errors);
    Forms.open(v, h, "/console/users/create", "data-testid", "user-create");
    h.open("section", "class", "card").element("h2", "User details");
    Forms.text(
        h,
        "userName",
        "User name",
        r.param("userName"),
        "Up to 64 letters, digits and +=,.@_-",
        "required",
        "",
        "maxlength",
        "64",
        "autocomplete",
        "off");
    Forms.text(
        h,
        "path",
        "Path",
        r.param("path").isEmpty() ? "/" : r.param("path"),
        "Starts and ends with /, for example /engineering/.");
    h.close("section");
    h.open("section", "class", "card").element("h2", "Console access");
    Forms.checkbox(
        h, "console", "yes", "Give this user a console password", !r.param("console").isEmpty());
    Forms.text(
        h,
        "password",
        "Console password",
        "",
        "Must meet the account's password policy.",
        "type",
        "password",
        "autocomplete",
        "new-password");
    Forms.checkbox(
        h,
        "resetRequired",
        "yes",
        "User must create a new password at next sign-in",
        !r.param("resetRequired").isEmpty());
    h.close("section");
    h.open("section", "class", "card").element("h2", "Programmatic access");
    Forms.checkbox(
        h,
        "accessKey",
        "yes",
        "Create an access key (the secret is shown once)",
        !r.param("accessKey").isEmpty());
    h.close("section");
    h.open("section", "class", "card");
    Screens.tagFields(h, r);
    h.close("section");
    Forms.submit(h, "Create user");
    Forms.close(h);
    return v.page("Create user", crumbs(), h);
  }

  private static Reply create(Visit v) {
    ConsoleRequest r = v.request();
    String name = r.param("userName").trim();
    String path = r.param("path").trim();
    boolean console = !r.param("console").isEmpty();
    List<String> errors = new ArrayList<>();
    if (name.isEmpty()) {
      errors.add("Enter a user name.");
    }
    if (console && r.param("password").isEmpty()) {
      errors.add("Enter a console password, or clear \"Give this user a console password\".");
    }
    for (String[] t : Screens.tags(r)) {
      if (t[0].isEmpty()) {
        errors.add("Every tag needs a key.");
        break;
      }
    }
    if (!errors.isEmpty()) {
      return form(v, errors);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("UserName", name);
    if (!path.isEmpty()) {
      params.put("Path", path);
    }
    params.putAll(Screens.tagParams(Screens.tags(r)));
    try {
      v.iam("CreateUser", params);
    } catch (GatehouseException e) {
      return form(v, List.of(Screens.error(e)));
    }
    // The user exists now; what follows is reported step by step, as AWS's console does.
    List<String> done = new ArrayList<>(List.of("User " + name + " created."));
    List<String> failed = new ArrayList<>();
    if (console) {
      try {
        v.iam(
            "CreateLoginProfile",
            Map.of(
                "UserName",
                name,
                "Password",
                r.param("password"),
                "PasswordResetRequired",
                Boolean.toString(!r.param("resetRequired").isEmpty())));
        done.add(
            "Console password set"
                + (r.param("resetRequired").isEmpty()
                    ? "."
                    : "; a new one must be chosen at first sign-in."));
      } catch (GatehouseException e) {
        failed.add("Console password not set: " + Screens.error(e));
      }
    }
    JsonNode key = null;
    if (!r.param("accessKey").isEmpty()) {
      try {
        key = v.iam("CreateAccessKey", Map.of("UserName", name)).path("accessKey");
        done.add("Access key " + key.path("accessKeyId").asText() + " created.");
      } catch (GatehouseException e) {
        failed.add("Access key not created: " + Screens.error(e));
      }
    }
    Html h = new Html();
    h.element("h1", "User " + name + " created");
    h.open("div", "class", "flash flash-success", "role", "status", "data-testid", "created")
        .open("ul");
    for (String d : done) {
      h.element("li", d);
    }
    h.close("ul").close("div");
    Forms.errors(h, failed);
    if (key != null) {
      Screens.newAccessKey(
          h, name, key.path("accessKeyId").asText(), key.path("secretAccessKey").asText());
    }
    h.open("p").link(UserPages.path(name), "View user " + name, "class", "button").close("p");
    return v.page("User created", crumbs(), h);
  }
}

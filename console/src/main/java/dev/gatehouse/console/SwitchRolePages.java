package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Caller;
import dev.gatehouse.api.InProcessCalls;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Switch Role and Switch Back. The form takes AWS's link parameters ({@code account}, {@code
 * roleName}, {@code displayName}, {@code color}). Switching calls STS AssumeRole as the signed-in
 * identity (never as the current role: switching from a role to another starts from the identity
 * again, as AWS's console does), so the trust policy and the identity's own policies decide. The
 * credentials stay in the server-side session.
 */
final class SwitchRolePages {
  private SwitchRolePages() {}

  /** AWS's console text for a switch that fails for any reason but a denial. */
  static final String INVALID =
      "Invalid information in one or more fields. Check your information or contact your administrator.";

  static void register(Routes routes) {
    routes
        .get("/switchrole", v -> form(v, Optional.empty(), List.of(), Optional.empty()))
        .post("/switchrole", SwitchRolePages::switchRole)
        .post("/switchback", SwitchRolePages::switchBack);
  }

  private static Reply form(
      Visit v, Optional<GatehouseException> error, List<String> errors, Optional<Html> note) {
    ConsoleRequest r = v.request();
    Html h = new Html();
    h.element("h1", "Switch role");
    h.element(
        "p",
        "Work with the permissions of a role in this or another account. The role's trust policy"
            + " must name you (or your account, and then your own policies must allow"
            + " sts:AssumeRole on the role).",
        "class",
        "lead");
    error.ifPresent(e -> ErrorPages.aws(h, e));
    note.ifPresent(h::add);
    Forms.errors(h, errors);
    Forms.open(v, h, "/console/switchrole", "class", "card", "data-testid", "switchrole-form");
    Forms.text(
        h,
        "account",
        "Account ID or alias",
        r.param("account"),
        "The 12-digit ID or the alias of the account that owns the role.",
        "required",
        "");
    Forms.text(
        h,
        "roleName",
        "Role name",
        r.param("roleName"),
        "The role's name, with its path if it has one (path/name).",
        "required",
        "");
    Forms.text(
        h,
        "displayName",
        "Display name (optional)",
        r.param("displayName"),
        "Shown in the header while you use the role; the role name when empty.",
        "maxlength",
        "64");
    h.open("fieldset", "class", "palette").element("legend", "Display colour");
    String chosen = Palette.of(r.param("color"));
    for (String c : Palette.COLOURS) {
      String id = Forms.id("color-" + c);
      h.open("div", "class", "swatch");
      h.empty(
          "input",
          "type",
          "radio",
          "id",
          id,
          "name",
          "color",
          "value",
          c,
          "checked",
          c.equals(chosen) ? "" : null);
      h.open("label", "for", id, "class", "role-" + c).text(c).close("label");
      h.close("div");
    }
    h.close("fieldset");
    Forms.submit(h, "Switch role");
    Forms.close(h);
    return v.page(
        "Switch role", List.of(new Crumb("IAM", "/console"), Crumb.here("Switch role")), h);
  }

  private static Reply switchRole(Visit v) {
    ConsoleRequest r = v.request();
    ConsoleSession.Identity identity = v.actor().identity();
    if (!(identity.principal() instanceof Principal.User user)) {
      // spec: AWS's console: the root user cannot switch roles.
      return form(
          v,
          Optional.empty(),
          List.of(
              "You cannot switch roles while signed in as the root user. Sign in as an IAM user."),
          Optional.empty());
    }
    String roleName = r.param("roleName").trim();
    Optional<String> account = v.console().backend().accountId(r.param("account").trim());
    if (account.isEmpty() || roleName.isEmpty()) {
      return form(v, Optional.empty(), List.of(INVALID), Optional.empty());
    }
    String display =
        r.param("displayName").trim().isEmpty() ? roleName : r.param("displayName").trim();
    if (display.length() > 64) {
      display = display.substring(0, 64);
    }
    String roleArn = "arn:aws:iam::" + account.get() + ":role/" + roleName;
    Map<String, String> params = new LinkedHashMap<>();
    params.put("RoleArn", roleArn);
    params.put("RoleSessionName", user.userName());
    ObjectNode result;
    try {
      result =
          v.console()
              .calls()
              .call("sts", "AssumeRole", params, identityCaller(v), identityOrigin(v));
    } catch (GatehouseException e) {
      return form(
          v, Optional.of(e), List.of(), SwitchRoleGrants.refusal(v, account.get(), roleName));
    }
    JsonNode c = result.path("credentials");
    String keyId = c.path("accessKeyId").asText();
    String token = c.path("sessionToken").asText();
    ConsoleSession.RoleChoice choice =
        new ConsoleSession.RoleChoice(
            account.get(), roleName, display, Palette.of(r.param("color")));
    v.session()
        .switched(
            new ConsoleSession.RoleSession(
                choice,
                keyId,
                token,
                result.path("assumedRoleUser").path("arn").asText(),
                SwitchRoleGrants.endAtSwitch(v, keyId, token, roleArn)));
    return v.done("/console", "You are now working as " + display + " @ " + account.get() + ".");
  }

  /**
   * The identity as a caller of STS, with its sign-in's MFA facts: the role session carries them
   * (the sign-in's code is used up, so it cannot be passed as TokenCode).
   */
  private static Caller identityCaller(Visit v) {
    ConsoleSession.Identity identity = v.actor().identity();
    return new Caller(identity.principal(), "", Acting.REGION, "sts", identity.mfa());
  }

  private static InProcessCalls.Origin identityOrigin(Visit v) {
    ConsoleRequest r = v.request();
    return new InProcessCalls.Origin(
        r.sourceIp(),
        r.secure(),
        Acting.USER_AGENT,
        Acting.signInKeys(v.actor().identity().mfa(), v.console().clock().instant()));
  }

  private static Reply switchBack(Visit v) {
    v.session().switchBack();
    return v.done(
        "/console",
        "You are back to " + v.actor().identity().displayName() + " with your own permissions.");
  }

  /** AWS's link to switch into a role: {@code /console/switchrole?account=..&roleName=..}. */
  static String link(
      String host, boolean secure, String accountId, String roleName, String displayName) {
    List<String> parts = new ArrayList<>();
    parts.add("account=" + Visit.segment(accountId));
    parts.add("roleName=" + Visit.segment(roleName));
    if (!displayName.isEmpty()) {
      parts.add("displayName=" + Visit.segment(displayName));
    }
    return (secure ? "https://" : "http://")
        + host
        + "/console/switchrole?"
        + String.join("&", parts);
  }
}

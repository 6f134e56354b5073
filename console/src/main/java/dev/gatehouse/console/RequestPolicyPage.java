package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A role's request policy, edited: whether the role requires an approved access grant, who
 * approves, how many approvals, the longest grant and what a request must give
 * (PutRoleRequestPolicy), or no longer requiring grants (DeleteRoleRequestPolicy). Both calls are
 * made as who acts now; the API checks the terms (approver ARNs, quorum, duration) and its refusal
 * is shown above the form with what was entered kept.
 */
final class RequestPolicyPage {
  private RequestPolicyPage() {}

  /** The flags of a policy: parameter, label, default for a new policy. */
  private static final List<String[]> FLAGS =
      List.of(
          new String[] {"ReasonRequired", "A request must give a reason", "true"},
          new String[] {"TicketRequired", "A request must give a ticket ID", "false"},
          new String[] {"MfaToRequest", "Requesting needs a sign-in with MFA", "false"},
          new String[] {"MfaToApprove", "Approving needs a sign-in with MFA", "false"},
          new String[] {
            "BreakGlass", "Break-glass: a requester may approve their own request", "false"
          },
          new String[] {"SingleUse", "Single use: each grant allows one Switch Role", "false"});

  static void register(Routes routes) {
    routes
        .get("/roles/{name}/request-policy", RequestPolicyPage::show)
        .post("/roles/{name}/request-policy", RequestPolicyPage::save)
        .post("/roles/{name}/request-policy/delete", RequestPolicyPage::delete);
  }

  static String path(String roleName) {
    return RolePage.path(roleName) + "/request-policy";
  }

  /** The role page's link to this editor. */
  static void link(Html h, String roleName, boolean exists) {
    h.open("p", "class", "actions")
        .link(
            path(roleName),
            exists ? "Edit request policy" : "Require access requests",
            "class",
            "button",
            "data-testid",
            "edit-request-policy")
        .close("p");
  }

  private static Reply show(Visit v) {
    return show(v, Optional.empty());
  }

  /** The form filled from the role's policy as it is now, with {@code refused} above it. */
  private static Reply show(Visit v, Optional<GatehouseException> refused) {
    String name = v.request().pathParam("name");
    Optional<JsonNode> current;
    try {
      current =
          Optional.of(
              GrantCalls.asActor(v, "GetRoleRequestPolicy", Map.of("RoleName", name))
                  .path("requestPolicy"));
    } catch (GatehouseException e) {
      if (e.code() != ErrorCode.NO_SUCH_ENTITY) {
        return form(v, name, Optional.empty(), false, false, Optional.of(e), List.of());
      }
      current = Optional.empty();
    }
    return form(v, name, current, current.isPresent(), false, refused, List.of());
  }

  /**
   * The form, filled from {@code policy} when shown first, else from what was sent.
   *
   * @param exists whether the role has a request policy now (offers removing it)
   * @param sent whether the fields come from the request (a refused save) rather than {@code
   *     policy}
   */
  private static Reply form(
      Visit v,
      String name,
      Optional<JsonNode> policy,
      boolean exists,
      boolean sent,
      Optional<GatehouseException> error,
      List<String> errors) {
    ConsoleRequest r = v.request();
    Html h = new Html();
    h.element("h1", "Request policy of " + name);
    h.element(
        "p",
        "With a request policy the role can be assumed only under an approved access grant:"
            + " its users request access, the approvers named here decide, and Switch Role works"
            + " until the grant ends.",
        "class",
        "lead");
    error.ifPresent(e -> ErrorPages.aws(h, e));
    Forms.errors(h, errors);
    Forms.open(v, h, path(name), "class", "card", "data-testid", "request-policy-form");
    if (exists) {
      Layout.hidden(h, "exists", "true");
    }
    List<String> approvers = new ArrayList<>();
    policy.ifPresent(p -> p.path("approvers").forEach(a -> approvers.add(a.asText())));
    Forms.textarea(
        h,
        "approvers",
        "Approvers",
        sent ? r.param("approvers") : String.join("\n", approvers),
        "One ARN per line: a user, a group (its members) or a role (its sessions). None means"
            + " break-glass only.",
        "rows",
        "4");
    Forms.text(
        h,
        "quorum",
        "Approvals needed",
        sent ? r.param("quorum") : policy.map(p -> p.path("quorum").asText("1")).orElse("1"),
        "How many different approvers must agree.",
        "inputmode",
        "numeric");
    Forms.text(
        h,
        "maxDurationSeconds",
        "Longest grant, in seconds",
        sent
            ? r.param("maxDurationSeconds")
            : policy.map(p -> p.path("maxDurationSeconds").asText()).orElse("14400"),
        "From 900 (15 minutes) up to 604800 (7 days).",
        "inputmode",
        "numeric");
    for (String[] f : FLAGS) {
      String field = Character.toLowerCase(f[0].charAt(0)) + f[0].substring(1);
      boolean checked =
          sent
              ? r.param(field).equals("true")
              : policy.map(p -> p.path(field).asBoolean()).orElse(Boolean.parseBoolean(f[2]));
      Forms.checkbox(h, field, "true", f[1], checked);
    }
    Forms.submit(h, "Save request policy");
    Forms.close(h);
    if (exists) {
      Forms.open(v, h, path(name) + "/delete", "class", "card", "data-testid", "remove-policy");
      h.element(
          "p",
          "Without a request policy the role is assumed as its trust policy and the caller's"
              + " permissions allow, without a grant. Live grants stop mattering.");
      h.element("button", "Stop requiring access grants", "type", "submit", "class", "danger");
      Forms.close(h);
    }
    return v.page(
        "Request policy of " + name, Screens.with(RolePage.crumbs(name), "Request policy"), h);
  }

  private static Reply save(Visit v) {
    ConsoleRequest r = v.request();
    String name = r.pathParam("name");
    List<String> errors = new ArrayList<>();
    String quorum = r.param("quorum").trim();
    if (!quorum.matches("[0-9]{1,3}")) {
      errors.add("Approvals needed must be a whole number such as 1; got \"" + quorum + "\".");
    }
    String duration = r.param("maxDurationSeconds").trim();
    if (!duration.matches("[0-9]{1,6}")) {
      errors.add(
          "The longest grant must be a number of seconds such as 3600; got \"" + duration + "\".");
    }
    boolean exists = !r.param("exists").isEmpty();
    if (!errors.isEmpty()) {
      return form(v, name, Optional.empty(), exists, true, Optional.empty(), errors);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("RoleName", name);
    params.put("MaxDurationSeconds", duration);
    params.put("Quorum", quorum);
    int n = 0;
    for (String line : r.param("approvers").split("\\R")) {
      if (!line.isBlank()) {
        params.put("Approvers.member." + ++n, line.trim());
      }
    }
    for (String[] f : FLAGS) {
      String field = Character.toLowerCase(f[0].charAt(0)) + f[0].substring(1);
      params.put(f[0], Boolean.toString(r.param(field).equals("true")));
    }
    try {
      GrantCalls.asActor(v, "PutRoleRequestPolicy", params);
    } catch (GatehouseException e) {
      return form(v, name, Optional.empty(), exists, true, Optional.of(e), List.of());
    }
    return v.done(
        RolePage.path(name),
        "Request policy of " + name + " saved: the role now requires an approved access grant.");
  }

  private static Reply delete(Visit v) {
    String name = v.request().pathParam("name");
    try {
      GrantCalls.asActor(v, "DeleteRoleRequestPolicy", Map.of("RoleName", name));
    } catch (GatehouseException e) {
      return show(v, Optional.of(e));
    }
    return v.done(
        RolePage.path(name),
        "Request policy of " + name + " removed: the role no longer requires an access grant.");
  }
}

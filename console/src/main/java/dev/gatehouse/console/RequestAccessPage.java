package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.error.GatehouseException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Request access to a role that takes access requests: the request policy's terms (when the
 * identity may read them: GetRoleRequestPolicy), then duration (up to the longest grant), reason,
 * ticket id and an optional start time, sent as CreateAccessRequest by the signed-in identity. A
 * refusal (not allowed to request, MFA needed, reason missing, too long) is the API's, shown in
 * place with what was typed. The role page shows the same terms with a link here.
 */
final class RequestAccessPage {
  private RequestAccessPage() {}

  static final String PATH = "/console/access/request";

  /** The durations offered (seconds), kept up to the policy's longest grant. */
  static final long[] DURATIONS = {
    900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 12 * 3600, 86400, 2 * 86400, 3 * 86400, 7 * 86400
  };

  /** The longest grant any policy allows (core's RequestPolicy.MAX_DURATION). */
  static final long LONGEST = 7 * 86400;

  static void register(Routes routes) {
    routes
        .get("/access/request", RequestAccessPage::show)
        .post("/access/request", RequestAccessPage::send);
  }

  private static Reply show(Visit v) {
    return form(v, Optional.empty(), List.of());
  }

  private static Reply form(Visit v, Optional<GatehouseException> error, List<String> errors) {
    ConsoleRequest r = v.request();
    String role = r.param("role").trim();
    Html h = new Html();
    h.element("h1", "Request access");
    h.element(
        "p",
        "Ask for temporary access to a role that requires an approved access grant. Once the"
            + " approvers agree, Switch Role works until the grant ends; ending the grant ends"
            + " every session issued under it.",
        "class",
        "lead");
    error.ifPresent(e -> ErrorPages.aws(h, e));
    Forms.errors(h, errors);
    Optional<JsonNode> policy = role.isEmpty() ? Optional.empty() : GrantCalls.policy(v, role);
    long longest = policy.map(p -> p.path("maxDurationSeconds").asLong(LONGEST)).orElse(LONGEST);
    if (policy.isPresent()) {
      terms(h, policy.get());
    } else if (!role.isEmpty()) {
      h.element(
          "p",
          "The request policy of "
              + role
              + " could not be read with your permissions (gatehouse:GetRoleRequestPolicy); the"
              + " request is checked against it when you send it.",
          "class",
          "hint",
          "data-testid",
          "policy-unreadable");
    }
    Forms.open(v, h, PATH, "class", "card", "data-testid", "request-form");
    Forms.text(
        h,
        "role",
        "Role name",
        role,
        "The role's name, with its path if it has one (path/name).",
        "required",
        "");
    policy.ifPresent(p -> Layout.hidden(h, "roleArn", p.path("roleArn").asText()));
    String chosen = r.param("durationSeconds").isEmpty() ? "3600" : r.param("durationSeconds");
    List<String[]> options = new ArrayList<>();
    for (long d : DURATIONS) {
      if (d <= longest) {
        options.add(new String[] {Long.toString(d), GrantCalls.seconds(d)});
      }
    }
    if (options.isEmpty() || !options.get(options.size() - 1)[0].equals(Long.toString(longest))) {
      options.add(
          new String[] {Long.toString(longest), GrantCalls.seconds(longest) + " (the longest)"});
    }
    Forms.select(h, "durationSeconds", "Duration", chosen, options);
    boolean reasonRequired = policy.map(p -> p.path("reasonRequired").asBoolean()).orElse(false);
    boolean ticketRequired = policy.map(p -> p.path("ticketRequired").asBoolean()).orElse(false);
    Forms.textarea(
        h,
        "reason",
        reasonRequired ? "Reason (required)" : "Reason",
        r.param("reason"),
        "Why you need the role; approvers see it, and sessions under the grant carry it as a tag.",
        "rows",
        "3",
        "maxlength",
        "1000");
    Forms.text(
        h,
        "ticketId",
        ticketRequired ? "Ticket ID (required)" : "Ticket ID",
        r.param("ticketId"),
        "A change or incident ticket, such as OPS-123.",
        "maxlength",
        "128");
    Forms.text(
        h,
        "startTime",
        "Start time, UTC (optional)",
        r.param("startTime"),
        "Leave empty to start when approved. The grant starts at approval or at this time,"
            + " whichever is later.",
        "type",
        "datetime-local");
    Forms.submit(h, "Request access");
    Forms.close(h);
    return v.page("Request access", Screens.with(MyGrantsPage.CRUMBS, "Request access"), h);
  }

  /** The terms of a request policy, as the request form and the role page show them. */
  static void terms(Html h, JsonNode p) {
    h.open("section", "class", "card", "data-testid", "request-policy");
    h.element("h2", "Access requests");
    h.element(
        "p",
        "This role requires an approved access grant: it can be assumed only while you hold a"
            + " live grant for it.");
    h.open("dl", "class", "facts");
    h.element("dt", "Role").open("dd").breakable(p.path("roleArn").asText()).close("dd");
    h.element("dt", "Longest grant")
        .element(
            "dd",
            GrantCalls.seconds(p.path("maxDurationSeconds").asLong()),
            "data-testid",
            "longest-grant");
    List<String> approvers = new ArrayList<>();
    p.path("approvers").forEach(a -> approvers.add(a.asText()));
    h.element("dt", "Approvers").open("dd");
    if (approvers.isEmpty()) {
      h.text("none (break-glass only)");
    } else {
      h.open("ul", "class", "plain");
      for (String a : approvers) {
        h.open("li").breakable(a).close("li");
      }
      h.close("ul");
    }
    h.close("dd");
    h.element("dt", "Approvals needed").element("dd", p.path("quorum").asText("1"));
    h.element("dt", "A request must give").element("dd", needs(p), "data-testid", "request-needs");
    h.element("dt", "Break-glass")
        .element(
            "dd",
            p.path("breakGlass").asBoolean()
                ? "allowed: you may approve your own request with a reason; it is flagged"
                : "not allowed: someone else must approve");
    if (p.path("singleUse").asBoolean()) {
      h.element("dt", "Single use").element("dd", "each grant allows one Switch Role");
    }
    h.close("dl").close("section");
  }

  private static String needs(JsonNode p) {
    List<String> out = new ArrayList<>();
    if (p.path("reasonRequired").asBoolean()) {
      out.add("a reason");
    }
    if (p.path("ticketRequired").asBoolean()) {
      out.add("a ticket ID");
    }
    if (p.path("mfaToRequest").asBoolean()) {
      out.add("a sign-in with MFA");
    }
    return out.isEmpty() ? "nothing more" : String.join(", ", out);
  }

  /**
   * The role page's card: the role's request policy and the link to request it, when it has one the
   * signed-in identity may read; and the link to edit it when IAM allows who acts now
   * gatehouse:PutRoleRequestPolicy on the role.
   */
  static void onRolePage(Visit v, Html h, String roleName, String name, String roleArn) {
    Optional<JsonNode> policy = GrantCalls.policy(v, roleName);
    boolean editable = GrantCalls.allows(v, "gatehouse:PutRoleRequestPolicy", roleArn);
    if (policy.isPresent()) {
      terms(h, policy.get());
      h.open("p", "class", "actions")
          .link(GrantCalls.requestPath(roleName), "Request access", "class", "button primary")
          .close("p");
    }
    if (editable) {
      RequestPolicyPage.link(h, name, policy.isPresent());
    }
  }

  private static Reply send(Visit v) {
    ConsoleRequest r = v.request();
    String role = r.param("role").trim();
    List<String> errors = new ArrayList<>();
    if (role.isEmpty()) {
      errors.add("Enter the name of the role.");
    }
    String duration = r.param("durationSeconds").trim();
    if (!duration.matches("[0-9]{1,9}")) {
      errors.add("Choose a duration.");
    }
    Optional<String> start = Optional.empty();
    String startText = r.param("startTime").trim();
    if (!startText.isEmpty()) {
      try {
        start = Optional.of(LocalDateTime.parse(startText).toInstant(ZoneOffset.UTC).toString());
      } catch (DateTimeParseException e) {
        errors.add(
            "The start time must be a date and time such as 2026-12-07T10:00 (UTC); got "
                + startText
                + ".");
      }
    }
    if (!errors.isEmpty()) {
      return form(v, Optional.empty(), errors);
    }
    String roleArn =
        r.param("roleArn").isEmpty()
            ? "arn:aws:iam::" + v.actor().identity().principal().accountId() + ":role/" + role
            : r.param("roleArn");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("RoleArn", roleArn);
    params.put("DurationSeconds", duration);
    params.put("Reason", r.param("reason").trim());
    params.put("TicketId", r.param("ticketId").trim());
    start.ifPresent(s -> params.put("StartTime", s));
    ObjectNode created;
    try {
      created = GrantCalls.asIdentity(v, "CreateAccessRequest", params);
    } catch (GatehouseException e) {
      return form(v, Optional.of(e), List.of());
    }
    JsonNode req = created.path("accessRequest");
    return v.done(
        MyGrantsPage.PATH,
        "Access request "
            + req.path("accessRequestId").asText()
            + " for "
            + role
            + " sent ("
            + GrantCalls.seconds(req.path("durationSeconds").asLong())
            + "); it waits for approval.");
  }
}

package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.error.GatehouseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pending approvals: the pending access requests (ListAccessRequests, as who acts now) that IAM
 * lets the actor decide ({@code gatehouse:ApproveAccessRequest} on the role), each with its
 * requester, role, duration, reason and whether break-glass applies; Approve or Deny with a
 * comment. The rules (a named approver, distinct approvers for a quorum, no self-approval but
 * break-glass, MFA) are the API's: a refusal is shown as it gives it.
 */
final class ApprovalsPage {
  private ApprovalsPage() {}

  static final String PATH = "/console/access/approvals";

  static void register(Routes routes) {
    routes
        .get("/access/approvals", ApprovalsPage::show)
        .post("/access/approvals/decide", ApprovalsPage::decide);
  }

  private static Reply show(Visit v) {
    Html h = new Html();
    h.open("div", "class", "title-row").element("h1", "Pending approvals");
    h.link(MyGrantsPage.PATH, "My grants", "class", "button");
    h.close("div");
    h.element(
        "p",
        "Access requests waiting for a decision that your permissions let you decide"
            + " (gatehouse:ApproveAccessRequest on the role). The role's request policy decides"
            + " whether your approval counts: a requester never approves their own request, except"
            + " under break-glass with a reason.",
        "class",
        "lead");
    List<JsonNode> pending;
    try {
      pending =
          GrantCalls.requests(
              GrantCalls.asActor(v, "ListAccessRequests", Map.of("Status", "PENDING")));
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
      return v.page("Pending approvals", crumbs(), h);
    }
    Map<String, Optional<JsonNode>> policies = new HashMap<>();
    MyGroups groups = new MyGroups(v);
    String me = v.actor().identity().principal().arn();
    int shown = 0;
    for (JsonNode r : pending) {
      String roleArn = r.path("roleArn").asText();
      boolean own = r.path("requester").asText().equals(me) && !v.actor().inRole();
      if (!own && !GrantCalls.allows(v, "gatehouse:ApproveAccessRequest", roleArn)) {
        continue;
      }
      Optional<JsonNode> policy =
          policies.computeIfAbsent(roleArn, a -> GrantCalls.policy(v, GrantCalls.roleName(a)));
      if (!own && policy.isPresent() && !named(v, policy.get(), groups)) {
        continue;
      }
      request(v, h, r, own, policy);
      shown++;
    }
    if (shown == 0) {
      h.element(
          "p", "No access request is waiting for you.", "class", "empty", "data-testid", "none");
    }
    return v.page("Pending approvals", crumbs(), h);
  }

  private static List<Crumb> crumbs() {
    return List.of(new Crumb("IAM", "/console"), Crumb.here("Pending approvals"));
  }

  /**
   * Whether the request policy names the actor as an approver: its user, a group the user is in, or
   * (in a role session) its role. When the actor's groups cannot be read (a role session, or no
   * iam:ListGroupsForUser on itself), a request naming groups stays listed and the API decides.
   */
  private static boolean named(Visit v, JsonNode policy, MyGroups groups) {
    Actor a = v.actor();
    String me =
        a.role()
            .map(r -> "arn:aws:iam::" + r.accountId() + ":role/" + r.roleName())
            .orElse(a.identity().principal().arn());
    for (JsonNode approver : policy.path("approvers")) {
      String arn = approver.asText();
      if (arn.equals(me)
          || (arn.contains(":group/") && groups.arns().map(g -> g.contains(arn)).orElse(true))) {
        return true;
      }
    }
    return false;
  }

  /** The ARNs of the signed-in user's groups, read once per page when a policy names a group. */
  private static final class MyGroups {
    private final Visit v;
    private Optional<Set<String>> arns;

    MyGroups(Visit v) {
      this.v = v;
    }

    /** Empty when unknown: a role session or root acts, or IAM refuses the read. */
    Optional<Set<String>> arns() {
      if (arns == null) {
        arns = read();
      }
      return arns;
    }

    private Optional<Set<String>> read() {
      String arn = v.actor().identity().principal().arn();
      if (v.actor().inRole() || !arn.contains(":user/")) {
        return Optional.empty();
      }
      String user = arn.substring(arn.lastIndexOf('/') + 1);
      try {
        Set<String> out = new HashSet<>();
        for (JsonNode g :
            RolesPages.all(v, "ListGroupsForUser", Map.of("UserName", user), "groups")) {
          out.add(g.path("arn").asText());
        }
        return Optional.of(out);
      } catch (GatehouseException e) {
        return Optional.empty();
      }
    }
  }

  private static void request(Visit v, Html h, JsonNode r, boolean own, Optional<JsonNode> policy) {
    String id = r.path("accessRequestId").asText();
    String roleName = GrantCalls.roleName(r.path("roleArn").asText());
    String requester = r.path("requester").asText();
    h.open("section", "class", "card", "data-testid", "pending-request");
    h.open("h2").text(roleName + " for " + GrantCalls.shortName(requester)).close("h2");
    h.open("dl", "class", "facts");
    h.element("dt", "Request").element("dd", id, "data-testid", "request-id");
    h.element("dt", "Requester")
        .open("dd", "data-testid", "requester")
        .breakable(requester)
        .close("dd");
    h.element("dt", "Role").open("dd").breakable(r.path("roleArn").asText()).close("dd");
    h.element("dt", "Duration")
        .element(
            "dd",
            GrantCalls.seconds(r.path("durationSeconds").asLong()),
            "data-testid",
            "duration");
    h.element("dt", "Reason").element("dd", r.path("reason").asText(), "data-testid", "reason");
    if (!r.path("ticketId").asText().isEmpty()) {
      h.element("dt", "Ticket ID").element("dd", r.path("ticketId").asText());
    }
    h.element("dt", "Requested").element("dd", r.path("createDate").asText());
    h.element("dt", "Starts")
        .element(
            "dd",
            r.path("startTime").asText().isEmpty()
                ? "at approval"
                : "at approval, not before " + r.path("startTime").asText());
    h.element("dt", "Approvals")
        .element(
            "dd", approvals(r) + " of " + r.path("quorum").asInt(1), "data-testid", "approvals");
    boolean breakGlass = policy.map(p -> p.path("breakGlass").asBoolean()).orElse(false);
    h.element("dt", "Break-glass")
        .element(
            "dd",
            breakGlass
                ? (own
                    ? "yes: you may approve your own request with a reason; it is flagged"
                    : "allowed by the role")
                : policy.isPresent() ? "no" : "unknown (the request policy is not readable)",
            "data-testid",
            "break-glass");
    h.close("dl");
    if (own) {
      h.element(
          "p",
          "This is your own request.",
          "class",
          "badge" + (breakGlass ? " danger" : ""),
          "data-testid",
          "own-request");
    }
    Forms.open(v, h, PATH + "/decide", "class", "decide", "data-testid", "decide-form");
    Layout.hidden(h, "requestId", id);
    Forms.textarea(
        h,
        "comment-" + id,
        "Comment on " + id,
        "",
        own && breakGlass ? "Break-glass needs the reason here." : "Kept in the request's history.",
        "rows",
        "2",
        "maxlength",
        "1000");
    h.open("div", "class", "actions");
    if (!own || breakGlass || policy.isEmpty()) {
      h.element(
          "button",
          own ? "Approve (break-glass)" : "Approve",
          "type",
          "submit",
          "name",
          "decision",
          "value",
          "approve",
          "class",
          own ? "danger" : "primary",
          "aria-label",
          "Approve " + id);
    }
    h.element(
        "button",
        own ? "Withdraw" : "Deny",
        "type",
        "submit",
        "name",
        "decision",
        "value",
        "deny",
        "aria-label",
        (own ? "Withdraw " : "Deny ") + id);
    h.close("div");
    Forms.close(h);
    h.close("section");
  }

  /** The distinct approvals a request has so far (APPROVED steps of its history). */
  private static int approvals(JsonNode r) {
    List<String> actors = new ArrayList<>();
    for (JsonNode step : r.path("history")) {
      String actor = step.path("actor").asText();
      if (step.path("action").asText().equals("APPROVED") && !actors.contains(actor)) {
        actors.add(actor);
      }
    }
    return actors.size();
  }

  private static Reply decide(Visit v) {
    ConsoleRequest r = v.request();
    String id = r.param("requestId");
    String comment = r.param("comment-" + id).trim();
    boolean approve = r.param("decision").equals("approve");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccessRequestId", id);
    params.put("Comment", comment);
    ObjectNode out;
    try {
      out = GrantCalls.asActor(v, approve ? "ApproveAccessRequest" : "DenyAccessRequest", params);
    } catch (GatehouseException e) {
      return v.failed(PATH, Screens.error(e));
    }
    JsonNode req = out.path("accessRequest");
    if (!approve) {
      return v.done(PATH, "Access request " + id + " denied.");
    }
    if (req.path("grant").isMissingNode()) {
      return v.done(
          PATH,
          "Your approval of "
              + id
              + " is recorded; it needs "
              + req.path("quorum").asInt(1)
              + " different approvers.");
    }
    Instant end = Instant.parse(req.path("grant").path("endTime").asText());
    return v.done(
        PATH,
        "Access request "
            + id
            + " approved"
            + (req.path("breakGlass").asBoolean() ? " under break-glass" : "")
            + ": grant "
            + req.path("grant").path("grantId").asText()
            + " for "
            + GrantCalls.roleName(req.path("roleArn").asText())
            + " until "
            + end
            + ".");
  }
}

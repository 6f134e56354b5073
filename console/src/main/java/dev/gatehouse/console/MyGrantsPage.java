package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * My grants: the signed-in identity's access requests and grants (ListAccessRequests with
 * Requester, as the identity) with their state and the time left; Give back (ReleaseAccessGrant)
 * for a grant, Withdraw (DenyAccessRequest by the requester) for a pending request, and the Switch
 * Role link of a live grant.
 */
final class MyGrantsPage {
  private MyGrantsPage() {}

  static final String PATH = "/console/access";

  static final List<Crumb> CRUMBS =
      List.of(new Crumb("IAM", "/console"), new Crumb("My grants", PATH));

  static void register(Routes routes) {
    routes
        .get("/access", MyGrantsPage::show)
        .post("/access/release", MyGrantsPage::release)
        .post("/access/withdraw", MyGrantsPage::withdraw);
  }

  private static Reply show(Visit v) {
    Html h = new Html();
    h.open("div", "class", "title-row").element("h1", "My grants");
    h.link(ApprovalsPage.PATH, "Pending approvals", "class", "button");
    h.close("div");
    h.element(
        "p",
        "Your access requests and the grants they became. A role that requires a grant can be"
            + " used with Switch Role while its grant is active; give a grant back when you are"
            + " done.",
        "class",
        "lead");
    h.open("form", "method", "get", "action", RequestAccessPage.PATH, "class", "inline-form");
    Forms.text(h, "role", "Request access to role", "", "", "required", "");
    h.element("button", "Continue", "type", "submit");
    h.close("form");
    List<JsonNode> mine;
    try {
      mine = GrantCalls.mine(v, Map.of());
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
      return v.page("My grants", Screens.with(CRUMBS.subList(0, 1), "My grants"), h);
    }
    Instant now = v.console().clock().instant();
    Tables.open(
        h, "Access requests", List.of("Role", "Status", "Time left", "Duration", "Reason", ""));
    for (JsonNode r : mine) {
      row(v, h, r, now);
    }
    Tables.close(h, mine.size(), 6, "You have made no access requests.");
    return v.page("My grants", Screens.with(CRUMBS.subList(0, 1), "My grants"), h);
  }

  private static void row(Visit v, Html h, JsonNode r, Instant now) {
    String roleArn = r.path("roleArn").asText();
    String roleName = GrantCalls.roleName(roleArn);
    String status = r.path("status").asText();
    JsonNode grant = r.path("grant");
    String grantId = grant.path("grantId").asText();
    Html role = new Html();
    role.element("strong", roleName);
    role.open("div", "class", "hint").text(r.path("accessRequestId").asText());
    if (!grantId.isEmpty()) {
      role.text(" · grant ").element("span", grantId, "data-testid", "grant-id");
    }
    role.close("div");
    Html state =
        new Html().element("span", status, "class", "badge", "data-testid", "grant-status");
    if (r.path("breakGlass").asBoolean()) {
      state.text(" ").element("span", "BREAK-GLASS", "class", "badge danger");
    }
    Html actions = new Html();
    switch (status) {
      case "ACTIVE" -> {
        actions.link(
            "/console/switchrole?account="
                + Visit.segment(GrantCalls.account(roleArn))
                + "&roleName="
                + Visit.segment(roleName),
            "Switch role",
            "class",
            "button primary",
            "aria-label",
            "Switch role to " + roleName);
        actions.add(giveBack(v, grantId, roleName));
      }
      case "APPROVED" -> actions.add(giveBack(v, grantId, roleName));
      case "PENDING" ->
          actions.add(
              Screens.button(
                  v,
                  "/console/access/withdraw",
                  "Withdraw",
                  "Withdraw request " + r.path("accessRequestId").asText(),
                  "",
                  "requestId",
                  r.path("accessRequestId").asText()));
      default -> {}
    }
    String reason = r.path("reason").asText();
    String ticket = r.path("ticketId").asText();
    Tables.row(
        h,
        List.of(
            role,
            state,
            new Html().element("span", timeLeft(r, now), "data-testid", "time-left"),
            Tables.text(GrantCalls.seconds(r.path("durationSeconds").asLong())),
            Tables.text(ticket.isEmpty() ? reason : ticket + " · " + reason),
            actions));
  }

  /** What is left of a grant: until its end once started, until its start before. */
  static String timeLeft(JsonNode r, Instant now) {
    JsonNode grant = r.path("grant");
    Optional<Instant> start = GrantCalls.instant(grant.path("startTime").asText());
    Optional<Instant> end = GrantCalls.instant(grant.path("endTime").asText());
    return switch (r.path("status").asText()) {
      case "ACTIVE" -> end.map(e -> GrantCalls.left(now, e)).orElse("");
      case "APPROVED" ->
          start
              .map(s -> "starts in " + GrantCalls.duration(java.time.Duration.between(now, s)))
              .orElse("");
      case "PENDING" -> "waiting for approval";
      default -> "-";
    };
  }

  private static Html giveBack(Visit v, String grantId, String roleName) {
    return Screens.button(
        v,
        "/console/access/release",
        "Give back",
        "Give back grant " + grantId + " for " + roleName,
        "danger",
        "grantId",
        grantId);
  }

  private static Reply release(Visit v) {
    String grantId = v.request().param("grantId");
    try {
      GrantCalls.asIdentity(v, "ReleaseAccessGrant", Map.of("GrantId", grantId));
    } catch (GatehouseException e) {
      return v.failed(PATH, Screens.error(e));
    }
    return v.done(
        PATH, "Grant " + grantId + " given back: the sessions issued under it have ended.");
  }

  private static Reply withdraw(Visit v) {
    String requestId = v.request().param("requestId");
    try {
      GrantCalls.asIdentity(
          v,
          "DenyAccessRequest",
          Map.of("AccessRequestId", requestId, "Comment", "Withdrawn by the requester."));
    } catch (GatehouseException e) {
      return v.failed(PATH, Screens.error(e));
    }
    return v.done(PATH, "Access request " + requestId + " withdrawn.");
  }
}

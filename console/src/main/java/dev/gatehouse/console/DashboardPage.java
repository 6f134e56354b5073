package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.authz.Decision;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.error.GatehouseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard: the security recommendation to add MFA for the root user while it has none (from
 * GetAccountSummary's AccountMFAEnabled, as AWS's IAM dashboard shows it), account id and alias,
 * the counts of GetAccountSummary, the sign-in link, and the access check, which evaluates one
 * action on one resource for whoever acts now with the server's own authorizer (how a user sees
 * what the role would give them).
 */
final class DashboardPage {
  private DashboardPage() {}

  /** The counts shown, in order, with their labels. */
  private static final Map<String, String> COUNTS = counts();

  private static Map<String, String> counts() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Users", "Users");
    m.put("Groups", "User groups");
    m.put("Roles", "Roles");
    m.put("Policies", "Customer managed policies");
    m.put("MFADevicesInUse", "MFA devices in use");
    return m;
  }

  /** The result of an access check. */
  record Check(String action, String resource, Optional<Decision> allowed, String denial) {}

  static void register(Routes routes) {
    routes.get("/", v -> show(v, Optional.empty())).post("/access-check", DashboardPage::check);
  }

  static Reply show(Visit v, Optional<Check> check) {
    Actor actor = v.actor();
    String account = actor.accountId();
    Map<String, Long> values = new LinkedHashMap<>();
    Optional<GatehouseException> unreadable = Optional.empty();
    try {
      JsonNode summary = v.iam("GetAccountSummary", Map.of()).path("summaryMap").path("entry");
      for (JsonNode e : summary.isArray() ? summary : List.of(summary)) {
        values.put(e.path("key").asText(), e.path("value").asLong());
      }
    } catch (GatehouseException e) {
      unreadable = Optional.of(e);
    }
    Html h = new Html();
    h.element("h1", "IAM dashboard");
    if (unreadable.isEmpty() && values.getOrDefault("AccountMFAEnabled", 0L) == 0) {
      rootMfaWarning(v, h);
    }
    h.open("section", "class", "cards", "aria-label", "Account");
    h.open("div", "class", "card");
    h.element("h2", "AWS account");
    h.open("dl", "class", "facts");
    h.element("dt", "Account ID").element("dd", account, "data-testid", "account-id");
    h.element("dt", "Account alias")
        .element("dd", v.console().backend().alias(account).orElse("none"));
    h.element("dt", "Acting as")
        .element("dd", actor.caller().principal().arn(), "data-testid", "acting-arn");
    h.close("dl");
    String link =
        (v.request().secure() ? "https://" : "http://")
            + v.request().host()
            + "/console/signin?account="
            + Visit.segment(account);
    h.element("h3", "Sign-in URL for IAM users in this account");
    h.open("p").link(link, link, "data-testid", "signin-link").close("p");
    h.close("div");
    h.open("div", "class", "card");
    h.element("h2", "IAM resources");
    if (unreadable.isPresent()) {
      ErrorPages.aws(h, unreadable.get());
    } else {
      h.open("dl", "class", "counts");
      for (Map.Entry<String, String> c : COUNTS.entrySet()) {
        // Each count in its own box, so that the boxes wrap within the card.
        h.open("div", "class", "count")
            .element("dt", c.getValue())
            .element("dd", Long.toString(values.getOrDefault(c.getKey(), 0L)))
            .close("div");
      }
      h.close("dl");
    }
    h.close("div");
    h.close("section");
    accessCheck(v, h, check);
    return v.page("Dashboard", List.of(Crumb.here("IAM")), h);
  }

  /**
   * spec: IAM User Guide, root user best practices, "Enable MFA for the root user"; AWS Config's
   * root-account-mfa-enabled rule is NON_COMPLIANT without it. AWS's IAM dashboard shows "Add MFA
   * for root user" among its security recommendations.
   */
  private static void rootMfaWarning(Visit v, Html h) {
    h.open("div", "class", "flash flash-error", "role", "alert");
    h.element("strong", "Add MFA for root user", "data-testid", "root-mfa-warning");
    h.text(
        ": the root user, which can do everything in this account, signs in with a password"
            + " alone. ");
    if (RootCredentialsPage.isRoot(v)) {
      h.link(RootCredentialsPage.PATH + "/mfa", "Assign an MFA device to the root user");
    } else {
      h.text("Ask the root user to assign an MFA device on its Security credentials page.");
    }
    h.close("div");
  }

  private static void accessCheck(Visit v, Html h, Optional<Check> check) {
    h.open("section", "class", "card", "aria-labelledby", "access-check-title");
    h.element("h2", "Access check", "id", "access-check-title");
    h.element(
        "p",
        "Evaluates one action on one resource for the identity you act as now, with the server's"
            + " own authorization (identity policies, boundary, session).",
        "class",
        "hint");
    Forms.open(
        v, h, "/console/access-check", "class", "inline-form", "data-testid", "access-check");
    Forms.text(
        h,
        "action",
        "Action",
        check.map(Check::action).orElse(""),
        "For example s3:ListAllMyBuckets or iam:CreateUser.",
        "required",
        "",
        "spellcheck",
        "false");
    Forms.text(
        h,
        "resource",
        "Resource ARN",
        check.map(Check::resource).orElse("*"),
        "* when the action has no resource.",
        "spellcheck",
        "false");
    Forms.submit(h, "Check");
    Forms.close(h);
    if (check.isPresent()) {
      Check c = check.get();
      if (c.allowed().isPresent()) {
        h.open("div", "class", "verdict allowed", "role", "status", "data-testid", "verdict")
            .element("strong", "Allowed")
            .text(": " + c.action() + " on " + c.resource())
            .close("div");
      } else {
        h.open("div", "class", "verdict denied", "role", "status", "data-testid", "verdict")
            .element("strong", "Denied")
            .text(": " + c.denial())
            .close("div");
      }
    }
    h.close("section");
  }

  private static Reply check(Visit v) {
    String action = v.request().param("action").trim();
    String resource = v.request().param("resource").trim();
    if (resource.isEmpty()) {
      resource = "*";
    }
    if (!action.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
      return show(
          v,
          Optional.of(
              new Check(
                  action,
                  resource,
                  Optional.empty(),
                  "The action must look like service:Action, for example s3:GetObject.")));
    }
    Target target = resource.equals("*") ? new Target.Any() : new Target.Arn(resource);
    Actor a = v.actor();
    try {
      Decision d = v.console().calls().check(a.caller(), action, target, a.origin());
      return show(v, Optional.of(new Check(action, resource, Optional.of(d), "")));
    } catch (GatehouseException e) {
      return show(v, Optional.of(new Check(action, resource, Optional.empty(), e.getMessage())));
    }
  }
}

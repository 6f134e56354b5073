package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy simulator: a user or role, one or more actions and an optional resource ARN; runs
 * SimulatePrincipalPolicy as the signed-in principal and shows, per action, the decision, the
 * statements that decided it (policy and statement position) and the context values the policies
 * use but the simulation did not have.
 */
final class SimulatorPage {
  private SimulatorPage() {}

  /** Actions one simulation takes. */
  static final int MAX_ACTIONS = 50;

  static void register(Routes routes) {
    routes.get("/simulator", v -> page(v, List.of(), null)).post("/simulator", SimulatorPage::run);
  }

  private static List<Crumb> crumbs() {
    return List.of(new Crumb("IAM", "/console"), Crumb.here("Policy simulator"));
  }

  private static Reply page(Visit v, List<String> errors, Html results) {
    ConsoleRequest r = v.request();
    Html h = new Html();
    h.element("h1", "Policy simulator");
    h.element(
        "p",
        "Evaluates the identity-based policies of a user (with its groups' policies) or a role,"
            + " and its permissions boundary, for the actions you name. Nothing is run.",
        "class",
        "lead");
    Forms.errors(h, errors);
    h.open("section", "class", "card");
    Forms.open(v, h, "/console/simulator", "data-testid", "simulator-form");
    List<String[]> principals = new ArrayList<>();
    try {
      for (JsonNode u : RolesPages.all(v, "ListUsers", Map.of(), "users")) {
        principals.add(
            new String[] {u.path("arn").asText(), "User: " + u.path("userName").asText()});
      }
      for (JsonNode role : RolesPages.all(v, "ListRoles", Map.of(), "roles")) {
        principals.add(
            new String[] {role.path("arn").asText(), "Role: " + role.path("roleName").asText()});
      }
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
    }
    Forms.select(h, "principal", "User or role", r.param("principal"), principals);
    Forms.textarea(
        h,
        "actions",
        "Actions",
        r.param("actions"),
        "One action per line, for example s3:GetObject (up to " + MAX_ACTIONS + ").",
        "rows",
        "4",
        "spellcheck",
        "false",
        "class",
        "code");
    Forms.text(
        h,
        "resource",
        "Resource ARN (optional)",
        r.param("resource"),
        "Leave empty to simulate against every resource (*).");
    Forms.submit(h, "Run simulation");
    Forms.close(h);
    h.close("section");
    if (results != null) {
      h.add(results);
    }
    return v.page("Policy simulator", crumbs(), h);
  }

  /** The actions of the form: one a line (commas and spaces separate too), blanks skipped. */
  static List<String> actions(String text) {
    List<String> out = new ArrayList<>();
    for (String a : text.split("[\\s,]+")) {
      if (!a.isEmpty() && !out.contains(a)) {
        out.add(a);
      }
    }
    return out;
  }

  private static Reply run(Visit v) {
    String principal = v.request().param("principal");
    String resource = v.request().param("resource").trim();
    List<String> actions = actions(v.request().param("actions"));
    List<String> errors = new ArrayList<>();
    if (principal.isEmpty()) {
      errors.add("Choose a user or role.");
    }
    if (actions.isEmpty()) {
      errors.add("Enter at least one action.");
    } else if (actions.size() > MAX_ACTIONS) {
      errors.add("Enter at most " + MAX_ACTIONS + " actions.");
    }
    if (!errors.isEmpty()) {
      return page(v, errors, null);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("PolicySourceArn", principal);
    for (int i = 0; i < actions.size(); i++) {
      params.put("ActionNames.member." + (i + 1), actions.get(i));
    }
    if (!resource.isEmpty()) {
      params.put("ResourceArns.member.1", resource);
    }
    List<JsonNode> results;
    try {
      results = RolesPages.all(v, "SimulatePrincipalPolicy", params, "evaluationResults");
    } catch (GatehouseException e) {
      return page(v, List.of(Screens.error(e)), null);
    }
    return page(v, List.of(), results(results));
  }

  private static Html results(List<JsonNode> results) {
    Html h = new Html();
    h.open("section", "class", "card", "data-testid", "simulation-results");
    h.element("h2", "Results");
    h.open("div", "class", "table-wrap");
    h.open("table", "class", "data", "id", "simulation");
    h.element("caption", "Simulation results", "class", "visually-hidden");
    h.open("thead").open("tr");
    for (String heading :
        List.of("Action", "Resource", "Decision", "Matched statements", "Missing context values")) {
      h.element("th", heading, "scope", "col");
    }
    h.close("tr").close("thead").open("tbody");
    for (JsonNode r : results) {
      JsonNode detail = r;
      // spec: with resource ARNs, the statements and missing keys are per resource.
      if (r.path("resourceSpecificResults").size() > 0) {
        detail = r.path("resourceSpecificResults").get(0);
      }
      String decision = r.path("evalDecision").asText();
      Html statements = new Html();
      if (detail.path("matchedStatements").size() > 0) {
        statements.open("ul", "class", "plain");
        for (JsonNode m : detail.path("matchedStatements")) {
          statements.element("li", statement(m));
        }
        statements.close("ul");
      } else {
        statements.text("None");
      }
      List<String> missing = new ArrayList<>();
      detail.path("missingContextValues").forEach(k -> missing.add(k.asText()));
      Tables.row(
          h,
          List.of(
              new Html().element("code", r.path("evalActionName").asText()),
              Tables.text(r.path("evalResourceName").asText()),
              new Html()
                  .element(
                      "span",
                      label(decision),
                      "class",
                      "decision decision-" + decision,
                      "data-testid",
                      "decision"),
              statements,
              Tables.text(missing.isEmpty() ? "None" : String.join(", ", missing))));
    }
    h.close("tbody").close("table").close("div");
    h.close("section");
    return h;
  }

  /** "allowed", "implicitDeny" or "explicitDeny" as the console says it. */
  static String label(String decision) {
    return switch (decision) {
      case "allowed" -> "Allowed";
      case "explicitDeny" -> "Denied (explicit deny)";
      case "implicitDeny" -> "Denied (implicit deny: no statement allows it)";
      default -> decision;
    };
  }

  private static String statement(JsonNode m) {
    String where = "";
    if (m.has("startPosition")) {
      where =
          ", statement at line "
              + m.path("startPosition").path("line").asText()
              + ", column "
              + m.path("startPosition").path("column").asText();
    }
    return m.path("sourcePolicyId").asText()
        + " ("
        + m.path("sourcePolicyType").asText()
        + ")"
        + where;
  }
}

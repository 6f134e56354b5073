package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.policy.PolicyKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Managed policies: the list filtered by type (ListPolicies Scope AWS or Local) and by name, in
 * pages; and create policy (CreatePolicy) in the JSON editor with the validation findings.
 */
final class PoliciesPages {
  private PoliciesPages() {}

  /** Policies on one page of the list. */
  static final int PAGE_SIZE = 50;

  static final List<Crumb> CRUMBS =
      List.of(new Crumb("IAM", "/console"), new Crumb("Policies", "/console/policies"));

  static void register(Routes routes) {
    routes
        .get("/policies", PoliciesPages::list)
        .get(
            "/policies/create",
            v -> form(v, "", "", RoleEditors.NEW_POLICY, JsonEditor.none(), null))
        .post("/policies/create", PoliciesPages::create);
  }

  private static String scope(Visit v) {
    String s = v.request().param("scope");
    return s.equals("AWS") || s.equals("Local") ? s : "All";
  }

  private static Reply list(Visit v) {
    String scope = scope(v);
    String q = v.request().param("q").trim();
    int page = Math.max(1, parse(v.request().param("page")));
    Html h = new Html();
    h.open("div", "class", "title-row");
    h.element("h1", "Policies");
    h.link("/console/policies/create", "Create policy", "class", "button primary");
    h.close("div");
    h.open(
        "form",
        "method",
        "get",
        "action",
        "/console/policies",
        "class",
        "inline-form",
        "role",
        "search");
    Forms.select(
        h,
        "scope",
        "Type",
        scope,
        List.of(
            new String[] {"All", "All types"},
            new String[] {"AWS", "AWS managed"},
            new String[] {"Local", "Customer managed"}));
    Forms.text(h, "q", "Search by policy name", q, "", "type", "search");
    h.element("button", "Filter", "type", "submit");
    h.close("form");
    try {
      List<JsonNode> matching = new ArrayList<>();
      String needle = q.toLowerCase(Locale.ROOT);
      for (JsonNode p :
          RolesPages.all(
              v, "ListPolicies", Map.of("Scope", scope, "MaxItems", "1000"), "policies")) {
        if (p.path("policyName").asText().toLowerCase(Locale.ROOT).contains(needle)) {
          matching.add(p);
        }
      }
      int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
      page = Math.min(page, pages);
      int from = (page - 1) * PAGE_SIZE;
      List<JsonNode> shown = matching.subList(from, Math.min(matching.size(), from + PAGE_SIZE));
      h.element(
          "p",
          matching.size()
              + (matching.size() == 1 ? " policy" : " policies")
              + (matching.isEmpty()
                  ? ""
                  : ", showing " + (from + 1) + " to " + (from + shown.size())),
          "data-testid",
          "policy-count",
          "role",
          "status");
      h.open("div", "class", "table-wrap");
      h.open("table", "class", "data", "id", "policies");
      h.element("caption", "Policies", "class", "visually-hidden");
      h.open("thead").open("tr");
      for (String heading : List.of("Policy name", "Type", "Attached entities", "Updated")) {
        h.element("th", heading, "scope", "col");
      }
      h.close("tr").close("thead").open("tbody");
      for (JsonNode p : shown) {
        String arn = p.path("arn").asText();
        Tables.row(
            h,
            List.of(
                Tables.link(Screens.policyPath(arn), p.path("policyName").asText()),
                Tables.text(Screens.policyType(arn)),
                Tables.text(p.path("attachmentCount").asText("0")),
                Tables.text(p.path("updateDate").asText())));
      }
      Tables.close(h, shown.size(), 4, "No policy matches.");
      pager(h, scope, q, page, pages);
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
    }
    return v.page("Policies", List.of(CRUMBS.get(0), Crumb.here("Policies")), h);
  }

  private static void pager(Html h, String scope, String q, int page, int pages) {
    if (pages <= 1) {
      return;
    }
    String base = "/console/policies?scope=" + scope + "&q=" + Visit.segment(q) + "&page=";
    h.open("nav", "class", "pager", "aria-label", "Pages of policies");
    if (page > 1) {
      h.link(base + (page - 1), "Previous page", "rel", "prev");
    }
    h.element("span", "Page " + page + " of " + pages, "data-testid", "page-of");
    if (page < pages) {
      h.link(base + (page + 1), "Next page", "rel", "next");
    }
    h.close("nav");
  }

  private static int parse(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static Reply form(
      Visit v,
      String name,
      String description,
      String document,
      JsonEditor.Findings findings,
      GatehouseException error) {
    Html h = new Html();
    h.element("h1", "Create policy");
    if (error != null) {
      ErrorPages.aws(h, error);
    }
    Forms.open(v, h, "/console/policies/create", "data-testid", "policy-create");
    JsonEditor.render(h, "document", "Policy document", document, findings);
    Forms.text(
        h,
        "policyName",
        "Policy name",
        name,
        "Up to 128 letters, digits and +=,.@_-",
        "required",
        "",
        "maxlength",
        "128");
    Forms.textarea(
        h,
        "description",
        "Description",
        description,
        "Optional; up to 1000 characters.",
        "rows",
        "2",
        "maxlength",
        "1000");
    PolicyPage.editorActions(h, "Create policy", "/console/policies");
    Forms.close(h);
    return v.page(
        "Create policy", List.of(CRUMBS.get(0), CRUMBS.get(1), Crumb.here("Create policy")), h);
  }

  private static Reply create(Visit v) {
    String name = v.request().param("policyName").trim();
    String description = v.request().param("description");
    String document = v.request().param("document");
    JsonEditor.Findings findings = JsonEditor.validate(document, PolicyKind.IDENTITY);
    if (!findings.valid() || v.request().param("step").equals("validate")) {
      return form(v, name, description, document, findings, null);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("PolicyName", name);
    params.put("PolicyDocument", document);
    if (!description.isEmpty()) {
      params.put("Description", description);
    }
    String arn;
    try {
      arn = v.iam("CreatePolicy", params).path("policy").path("arn").asText();
    } catch (GatehouseException e) {
      return form(v, name, description, document, findings, e);
    }
    return v.done(Screens.policyPath(arn), "Policy " + name + " created.");
  }
}

package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The roles list (ListRoles, every page) with their trusted entities. */
final class RolesPages {
  private RolesPages() {}

  static final List<Crumb> CRUMBS =
      List.of(new Crumb("IAM", "/console"), new Crumb("Roles", "/console/roles"));

  static void register(Routes routes) {
    routes.get("/roles", RolesPages::list);
  }

  private static Reply list(Visit v) {
    Html h = new Html();
    h.open("div", "class", "title-row");
    h.element("h1", "Roles");
    h.link("/console/roles/create", "Create role", "class", "button primary");
    h.close("div");
    h.element(
        "p",
        "A role holds permissions that trusted principals take on for a while by switching to it.",
        "class",
        "lead");
    try {
      List<JsonNode> roles = all(v, "ListRoles", Map.of(), "roles");
      Tables.open(h, "Roles", List.of("Role name", "Trusted entities", "Description", "Created"));
      for (JsonNode r : roles) {
        String name = r.path("roleName").asText();
        List<String> trusted = new ArrayList<>();
        for (TrustSummary.Entity e :
            TrustSummary.entities(
                JsonEditor.decoded(r.path("assumeRolePolicyDocument").asText()))) {
          trusted.add(e.type() + ": " + e.value());
        }
        Tables.row(
            h,
            List.of(
                Tables.link("/console/roles/" + Visit.segment(name), name),
                Tables.text(String.join(", ", trusted)),
                Tables.text(r.path("description").asText()),
                Tables.text(r.path("createDate").asText())));
      }
      Tables.close(h, roles.size(), 4, "No roles yet.");
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
    }
    return v.page("Roles", List.of(CRUMBS.get(0), Crumb.here("Roles")), h);
  }

  /** Policies listed for one search. */
  static final int SEARCH_RESULTS = 25;

  /**
   * AWS managed and customer managed policies (ListPolicies, as the actor) whose name contains the
   * query: the exact name first, then names starting with it, then the rest, each by name.
   */
  static List<JsonNode> searchPolicies(Visit v, String q) {
    String needle = q.trim().toLowerCase(java.util.Locale.ROOT);
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p :
        all(v, "ListPolicies", Map.of("Scope", "All", "MaxItems", "1000"), "policies")) {
      if (p.path("policyName").asText().toLowerCase(java.util.Locale.ROOT).contains(needle)) {
        out.add(p);
      }
    }
    out.sort(
        java.util.Comparator.comparingInt(
                (JsonNode p) -> rank(p.path("policyName").asText(), needle))
            .thenComparing(p -> p.path("policyName").asText()));
    return out.size() > SEARCH_RESULTS ? List.copyOf(out.subList(0, SEARCH_RESULTS)) : out;
  }

  private static int rank(String name, String needle) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return n.equals(needle) ? 0 : n.startsWith(needle) ? 1 : 2;
  }

  /**
   * Every member of a paginated IAM list (IsTruncated/Marker), as the actor.
   *
   * @param member the list's field in the result ({@code roles}, {@code policies})
   */
  static List<JsonNode> all(Visit v, String action, Map<String, String> params, String member) {
    List<JsonNode> out = new ArrayList<>();
    Map<String, String> p = new HashMap<>(params);
    for (int pages = 0; pages < 100; pages++) {
      JsonNode result = v.iam(action, p);
      result.path(member).forEach(out::add);
      if (!result.path("isTruncated").asBoolean(false)) {
        break;
      }
      p.put("Marker", result.path("marker").asText());
    }
    return out;
  }
}

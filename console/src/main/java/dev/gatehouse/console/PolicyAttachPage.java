package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Attach managed policies to a user or a group: search AWS managed and customer managed policies by
 * name, tick the ones to attach (those already attached are left out), then
 * Attach{User,Group}Policy for each.
 */
final class PolicyAttachPage {
  private PolicyAttachPage() {}

  /** An entity that managed policies attach to. */
  record Target(
      String noun,
      String param,
      String attach,
      String listAttached,
      Function<String, String> path,
      Function<String, List<Crumb>> crumbs) {}

  static final Target USER =
      new Target(
          "users",
          "UserName",
          "AttachUserPolicy",
          "ListAttachedUserPolicies",
          UserPages::path,
          UserPages::crumbs);

  static final Target GROUP =
      new Target(
          "groups",
          "GroupName",
          "AttachGroupPolicy",
          "ListAttachedGroupPolicies",
          GroupPage::path,
          GroupPage::crumbs);

  static void register(Routes routes) {
    for (Target t : List.of(USER, GROUP)) {
      routes
          .get("/" + t.noun() + "/{name}/attach", v -> form(v, t, List.of()))
          .post("/" + t.noun() + "/{name}/attach", v -> attach(v, t));
    }
  }

  private static Reply form(Visit v, Target t, List<String> errors) {
    String name = v.request().pathParam("name");
    String q = v.request().param("q");
    Html h = new Html();
    h.element("h1", "Attach policies to " + name);
    Forms.errors(h, errors);
    String action = t.path().apply(name) + "/attach";
    h.open("form", "method", "get", "action", action, "class", "inline-form", "role", "search");
    Forms.text(
        h,
        "q",
        "Search policies by name",
        q,
        "AWS managed and customer managed policies.",
        "type",
        "search");
    h.element("button", "Search", "type", "submit");
    h.close("form");
    if (!q.isEmpty()) {
      try {
        Set<String> attached = new HashSet<>();
        for (JsonNode p :
            RolesPages.all(v, t.listAttached(), Map.of(t.param(), name), "attachedPolicies")) {
          attached.add(p.path("policyArn").asText());
        }
        Forms.open(v, h, action, "data-testid", "attach-form");
        h.open("fieldset").element("legend", "Matching policies");
        int shown = 0;
        for (JsonNode p : RolesPages.searchPolicies(v, q)) {
          String arn = p.path("arn").asText();
          if (!attached.contains(arn)) {
            shown++;
            Forms.checkbox(
                h,
                "policy",
                arn,
                p.path("policyName").asText() + " (" + Screens.policyType(arn) + ")",
                false);
          }
        }
        if (shown == 0) {
          h.element("p", "No policy matches that is not attached already.");
        }
        h.close("fieldset");
        Forms.submit(h, "Attach policies");
        Forms.close(h);
      } catch (GatehouseException e) {
        ErrorPages.aws(h, e);
      }
    }
    return v.page("Attach policies", Screens.with(t.crumbs().apply(name), "Attach policies"), h);
  }

  private static Reply attach(Visit v, Target t) {
    String name = v.request().pathParam("name");
    List<String> arns = v.request().params("policy");
    if (arns.isEmpty()) {
      return form(v, t, List.of("Choose at least one policy."));
    }
    for (String arn : arns) {
      try {
        v.iam(t.attach(), Map.of(t.param(), name, "PolicyArn", arn));
      } catch (GatehouseException e) {
        return v.failed(t.path().apply(name), Screens.error(e));
      }
    }
    return v.done(
        t.path().apply(name),
        arns.size() + (arns.size() == 1 ? " policy" : " policies") + " attached.");
  }
}

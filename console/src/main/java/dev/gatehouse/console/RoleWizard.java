package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.policy.PolicyKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The create-role wizard on one form: trusted entity (an AWS account: this one or another id, with
 * an optional external id and MFA; a web identity; SAML 2.0 federation), permissions picked by
 * searching AWS managed and customer managed policies, name, description, maximum session duration
 * and tags; then a review of what will be created; then CreateRole and AttachRolePolicy, as AWS's
 * console calls them. Every step posts the whole form back, so nothing needs a script.
 */
final class RoleWizard {
  private RoleWizard() {}

  static final int TAG_ROWS = 3;

  static void register(Routes routes) {
    routes.get("/roles/create", v -> edit(v, List.of())).post("/roles/create", RoleWizard::step);
  }

  private static Reply step(Visit v) {
    String step = v.request().param("step");
    return switch (step) {
      case "review" -> review(v);
      case "create" -> create(v);
      default -> edit(v, List.of());
    };
  }

  private static List<Crumb> crumbs() {
    return List.of(RolesPages.CRUMBS.get(0), RolesPages.CRUMBS.get(1), Crumb.here("Create role"));
  }

  /** The form, its fields as last posted. */
  private static Reply edit(Visit v, List<String> errors) {
    ConsoleRequest r = v.request();
    Html h = new Html();
    h.element("h1", "Create role");
    Forms.errors(h, errors);
    Forms.open(v, h, "/console/roles/create", "data-testid", "role-wizard");
    h.open("section", "class", "card step").element("h2", "Step 1: Trusted entity");
    h.element(
        "p",
        "An AWS account: principals of that account whose own policies allow sts:AssumeRole on this role may assume it.",
        "class",
        "hint");
    boolean other = r.param("entity").equals("other");
    Forms.radio(h, "entity", "this", "This account (" + v.actor().accountId() + ")", !other);
    Forms.radio(h, "entity", "other", "Another AWS account", other);
    Forms.text(
        h,
        "otherAccount",
        "Account ID of the other account",
        r.param("otherAccount"),
        "12 digits; used when Another AWS account is chosen.",
        "inputmode",
        "numeric");
    WebIdentityTrust.fields(v, h, r);
    SamlTrust.fields(v, h, r);
    Forms.checkbox(
        h,
        "useExternalId",
        "yes",
        "Require external ID (for third parties)",
        !r.param("useExternalId").isEmpty());
    Forms.text(h, "externalId", "External ID", r.param("externalId"), "");
    Forms.checkbox(h, "requireMfa", "yes", "Require MFA", !r.param("requireMfa").isEmpty());
    h.close("section");

    h.open("section", "class", "card step").element("h2", "Step 2: Permissions");
    List<String> chosen = r.params("policy");
    if (!chosen.isEmpty()) {
      h.element("h3", "Selected");
      for (String arn : chosen) {
        Forms.checkbox(
            h,
            "policy",
            arn,
            policyName(arn)
                + (arn.startsWith("arn:aws:iam::aws:") ? " (AWS managed)" : " (customer managed)"),
            true);
      }
    }
    h.open("div", "class", "inline-form");
    Forms.text(h, "q", "Search policies by name", r.param("q"), "", "type", "search");
    h.element("button", "Search", "type", "submit", "name", "step", "value", "search");
    h.close("div");
    if (!r.param("q").isEmpty()) {
      try {
        List<JsonNode> found = RolesPages.searchPolicies(v, r.param("q"));
        h.open("fieldset")
            .element("legend", found.isEmpty() ? "No policy matches" : "Matching policies");
        for (JsonNode p : found) {
          String arn = p.path("arn").asText();
          if (!chosen.contains(arn)) {
            Forms.checkbox(
                h,
                "policy",
                arn,
                p.path("policyName").asText()
                    + (arn.startsWith("arn:aws:iam::aws:")
                        ? " (AWS managed)"
                        : " (customer managed)"),
                false);
          }
        }
        h.close("fieldset");
      } catch (GatehouseException e) {
        ErrorPages.aws(h, e);
      }
    }
    h.close("section");

    h.open("section", "class", "card step").element("h2", "Step 3: Name, review and create");
    Forms.text(
        h,
        "roleName",
        "Role name",
        r.param("roleName"),
        "Up to 64 letters, digits and +=,.@_-",
        "maxlength",
        "64");
    Forms.textarea(
        h,
        "description",
        "Description",
        r.param("description"),
        "Up to 1000 characters.",
        "rows",
        "2",
        "maxlength",
        "1000");
    List<String[]> hours = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      hours.add(new String[] {Integer.toString(i * 3600), i + (i == 1 ? " hour" : " hours")});
    }
    Forms.select(
        h,
        "maxSession",
        "Maximum session duration",
        r.param("maxSession").isEmpty() ? "3600" : r.param("maxSession"),
        hours);
    h.open("fieldset").element("legend", "Tags (optional)");
    List<String[]> tags = tags(r);
    for (int i = 0; i < tags.size() + 1 && i < 50; i++) {
      String[] t = i < tags.size() ? tags.get(i) : new String[] {"", ""};
      h.open("div", "class", "tag-row");
      Forms.text(h, "tagKey" + (i + 1), "Key " + (i + 1), t[0], "");
      Forms.text(h, "tagValue" + (i + 1), "Value " + (i + 1), t[1], "");
      h.close("div");
    }
    h.close("fieldset");
    h.element(
        "button",
        "Next: review",
        "type",
        "submit",
        "name",
        "step",
        "value",
        "review",
        "class",
        "primary");
    h.close("section");
    Forms.close(h);
    return v.page("Create role", crumbs(), h);
  }

  private static String policyName(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  private static List<String[]> tags(ConsoleRequest r) {
    List<String[]> out = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      String k = r.param("tagKey" + i).trim();
      String val = r.param("tagValue" + i);
      if (!k.isEmpty() || !val.isEmpty()) {
        out.add(new String[] {k, val});
      }
    }
    return out;
  }

  private static List<String> check(Visit v) {
    ConsoleRequest r = v.request();
    List<String> errors = new ArrayList<>();
    if (r.param("roleName").trim().isEmpty()) {
      errors.add("Enter a role name.");
    }
    if (r.param("entity").equals("other") && !r.param("otherAccount").trim().matches("\\d{12}")) {
      errors.add("The other account's ID must be 12 digits.");
    }
    errors.addAll(WebIdentityTrust.check(r));
    errors.addAll(SamlTrust.check(r));
    if (!r.param("useExternalId").isEmpty() && r.param("externalId").trim().isEmpty()) {
      errors.add("Enter the external ID, or clear Require external ID.");
    }
    for (String[] t : tags(r)) {
      if (t[0].isEmpty()) {
        errors.add("Every tag needs a key.");
        break;
      }
    }
    return errors;
  }

  private static String trust(Visit v) {
    ConsoleRequest r = v.request();
    if (r.param("entity").equals(WebIdentityTrust.ENTITY)) {
      return WebIdentityTrust.trust(r.param("provider"), r.param("audience"));
    }
    if (r.param("entity").equals(SamlTrust.ENTITY)) {
      return SamlTrust.trust(r);
    }
    String account =
        r.param("entity").equals("other") ? r.param("otherAccount").trim() : v.actor().accountId();
    return TrustSummary.accountTrust(
        account,
        r.param("useExternalId").isEmpty() ? "" : r.param("externalId").trim(),
        !r.param("requireMfa").isEmpty());
  }

  private static Reply review(Visit v) {
    List<String> errors = check(v);
    if (!errors.isEmpty()) {
      return edit(v, errors);
    }
    ConsoleRequest r = v.request();
    String trust = trust(v);
    Html h = new Html();
    h.element("h1", "Review and create");
    Forms.open(v, h, "/console/roles/create", "data-testid", "role-review");
    for (Map.Entry<String, List<String>> f : r.form().entrySet()) {
      if (f.getKey().equals(Forms.CSRF_FIELD) || f.getKey().equals("step")) {
        continue;
      }
      for (String value : f.getValue()) {
        Layout.hidden(h, f.getKey(), value);
      }
    }
    h.open("section", "class", "card");
    h.element("h2", "Role details");
    h.open("dl", "class", "facts");
    h.element("dt", "Role name").element("dd", r.param("roleName").trim());
    h.element("dt", "Description").element("dd", r.param("description"));
    h.element("dt", "Maximum session duration")
        .element(
            "dd", Integer.parseInt(nonEmpty(r.param("maxSession"), "3600")) / 3600 + " hour(s)");
    h.close("dl");
    h.element("h2", "Trust policy");
    JsonEditor.render(
        h,
        "trustPreview",
        "Trust policy (created as shown)",
        trust,
        JsonEditor.validate(trust, PolicyKind.TRUST));
    h.element("h2", "Permissions");
    h.open("ul");
    for (String arn : r.params("policy")) {
      h.element("li", arn);
    }
    if (r.params("policy").isEmpty()) {
      h.element("li", "None");
    }
    h.close("ul");
    h.element("h2", "Tags");
    h.open("ul");
    for (String[] t : tags(r)) {
      h.element("li", t[0] + " = " + t[1]);
    }
    h.close("ul");
    h.close("section");
    h.open("div", "class", "actions");
    h.element("button", "Back", "type", "submit", "name", "step", "value", "edit");
    h.element(
        "button",
        "Create role",
        "type",
        "submit",
        "name",
        "step",
        "value",
        "create",
        "class",
        "primary");
    h.close("div");
    Forms.close(h);
    return v.page("Review role", crumbs(), h);
  }

  private static String nonEmpty(String s, String otherwise) {
    return s.isEmpty() ? otherwise : s;
  }

  private static Reply create(Visit v) {
    List<String> errors = check(v);
    if (!errors.isEmpty()) {
      return edit(v, errors);
    }
    ConsoleRequest r = v.request();
    String name = r.param("roleName").trim();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("RoleName", name);
    params.put("AssumeRolePolicyDocument", trust(v));
    if (!r.param("description").isEmpty()) {
      params.put("Description", r.param("description"));
    }
    params.put("MaxSessionDuration", nonEmpty(r.param("maxSession"), "3600"));
    int n = 1;
    for (String[] t : tags(r)) {
      params.put("Tags.member." + n + ".Key", t[0]);
      params.put("Tags.member." + n + ".Value", t[1]);
      n++;
    }
    try {
      v.iam("CreateRole", params);
    } catch (GatehouseException e) {
      return edit(v, List.of(e.code().awsCode() + ": " + e.getMessage()));
    }
    String page = "/console/roles/" + Visit.segment(name);
    for (String arn : r.params("policy")) {
      try {
        v.iam("AttachRolePolicy", Map.of("RoleName", name, "PolicyArn", arn));
      } catch (GatehouseException e) {
        return v.failed(
            page,
            "Role "
                + name
                + " was created, but attaching "
                + arn
                + " failed: "
                + e.code().awsCode()
                + ": "
                + e.getMessage());
      }
    }
    return v.done(page, "Role " + name + " created.");
  }
}

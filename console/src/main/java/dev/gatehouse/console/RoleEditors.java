package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.policy.PolicyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The editing screens of roles and users: edit trust policy (UpdateAssumeRolePolicy), inline
 * policies in the JSON editor (Put/Get/Delete RolePolicy and UserPolicy) and attach policies
 * (AttachRolePolicy). Saving validates first and shows the findings; the API's own refusal is shown
 * the same way.
 */
final class RoleEditors {
  private RoleEditors() {}

  /** An entity that carries inline policies. */
  record Holder(
      String noun,
      String param,
      Function<String, String> path,
      Function<String, List<Crumb>> crumbs,
      String put,
      String get,
      String delete) {}

  static final Holder ROLE =
      new Holder(
          "role",
          "RoleName",
          RolePage::path,
          RolePage::crumbs,
          "PutRolePolicy",
          "GetRolePolicy",
          "DeleteRolePolicy");

  static final Holder USER =
      new Holder(
          "user",
          "UserName",
          UserPages::path,
          UserPages::crumbs,
          "PutUserPolicy",
          "GetUserPolicy",
          "DeleteUserPolicy");

  static final Holder GROUP =
      new Holder(
          "group",
          "GroupName",
          GroupPage::path,
          GroupPage::crumbs,
          "PutGroupPolicy",
          "GetGroupPolicy",
          "DeleteGroupPolicy");

  /** The starting document of a new inline policy. */
  static final String NEW_POLICY =
      """
      {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Effect": "Allow",
            "Action": [],
            "Resource": []
          }
        ]
      }
      """;

  static void register(Routes routes) {
    routes
        .get("/roles/{name}/trust", RoleEditors::trustForm)
        .post("/roles/{name}/trust", RoleEditors::saveTrust)
        .get("/roles/{name}/attach", v -> attachForm(v, List.of()))
        .post("/roles/{name}/attach", RoleEditors::attach);
    for (Holder holder : List.of(ROLE, USER, GROUP)) {
      String base = "/" + holder.noun() + "s/{name}/inline";
      routes
          .get(base, v -> inlineForm(v, holder, "", NEW_POLICY, JsonEditor.none(), true))
          .post(base, v -> saveInline(v, holder, true))
          .get(base + "/{policy}", v -> existing(v, holder))
          .post(base + "/{policy}", v -> saveInline(v, holder, false))
          .post(base + "/{policy}/delete", v -> deleteInline(v, holder));
    }
  }

  private static List<Crumb> with(List<Crumb> crumbs, String here) {
    List<Crumb> out = new ArrayList<>(crumbs);
    out.add(Crumb.here(here));
    return out;
  }

  private static Reply trustForm(Visit v) {
    String name = v.request().pathParam("name");
    JsonNode role = v.iam("GetRole", Map.of("RoleName", name)).path("role");
    String document = JsonEditor.decoded(role.path("assumeRolePolicyDocument").asText());
    return trustPage(v, name, document, JsonEditor.none(), null);
  }

  private static Reply trustPage(
      Visit v,
      String name,
      String document,
      JsonEditor.Findings findings,
      GatehouseException error) {
    Html h = new Html();
    h.element("h1", "Edit trust policy");
    h.element(
        "p",
        "Who may assume "
            + name
            + ". Trusting arn:aws:iam::ACCOUNT:root delegates to that account's own policies; naming a user trusts only that user.",
        "class",
        "lead");
    if (error != null) {
      ErrorPages.aws(h, error);
    }
    Forms.open(v, h, RolePage.path(name) + "/trust", "data-testid", "trust-editor");
    JsonEditor.render(h, "document", "Trust policy", document, findings);
    actions(h, "Update policy", RolePage.path(name) + "?tab=trust");
    Forms.close(h);
    return v.page("Edit trust policy", with(RolePage.crumbs(name), "Edit trust policy"), h);
  }

  private static void actions(Html h, String save, String cancel) {
    h.open("div", "class", "actions");
    h.element("button", "Validate", "type", "submit", "name", "step", "value", "validate");
    h.element(
        "button", save, "type", "submit", "name", "step", "value", "save", "class", "primary");
    h.link(cancel, "Cancel", "class", "button");
    h.close("div");
  }

  private static Reply saveTrust(Visit v) {
    String name = v.request().pathParam("name");
    String document = v.request().param("document");
    JsonEditor.Findings findings = JsonEditor.validate(document, PolicyKind.TRUST);
    if (!findings.valid() || v.request().param("step").equals("validate")) {
      return trustPage(v, name, document, findings, null);
    }
    try {
      v.iam("UpdateAssumeRolePolicy", Map.of("RoleName", name, "PolicyDocument", document));
    } catch (GatehouseException e) {
      return trustPage(v, name, document, findings, e);
    }
    return v.done(RolePage.path(name) + "?tab=trust", "Trust policy of " + name + " updated.");
  }

  private static Reply existing(Visit v, Holder holder) {
    String name = v.request().pathParam("name");
    String policy = v.request().pathParam("policy");
    JsonNode got = v.iam(holder.get(), Map.of(holder.param(), name, "PolicyName", policy));
    return inlineForm(
        v,
        holder,
        policy,
        JsonEditor.decoded(got.path("policyDocument").asText()),
        JsonEditor.none(),
        false);
  }

  private static Reply inlineForm(
      Visit v,
      Holder holder,
      String policyName,
      String document,
      JsonEditor.Findings findings,
      boolean isNew) {
    return inlinePage(v, holder, policyName, document, findings, null, isNew);
  }

  private static Reply inlinePage(
      Visit v,
      Holder holder,
      String policyName,
      String document,
      JsonEditor.Findings findings,
      GatehouseException error,
      boolean isNew) {
    String name = v.request().pathParam("name");
    String title = isNew ? "Create inline policy" : "Edit inline policy " + policyName;
    Html h = new Html();
    h.element("h1", title);
    h.element(
        "p",
        "An inline policy belongs to "
            + holder.noun()
            + " "
            + name
            + " only and is deleted with it.",
        "class",
        "lead");
    if (error != null) {
      ErrorPages.aws(h, error);
    }
    String action =
        holder.path().apply(name) + "/inline" + (isNew ? "" : "/" + Visit.segment(policyName));
    Forms.open(v, h, action, "data-testid", "inline-editor");
    JsonEditor.render(h, "document", "Policy document", document, findings);
    if (isNew) {
      Forms.text(
          h,
          "policyName",
          "Policy name",
          policyName,
          "Up to 128 letters, digits and +=,.@_-",
          "required",
          "",
          "maxlength",
          "128");
    }
    actions(h, isNew ? "Create policy" : "Save changes", holder.path().apply(name));
    Forms.close(h);
    return v.page(title, with(holder.crumbs().apply(name), title), h);
  }

  private static Reply saveInline(Visit v, Holder holder, boolean isNew) {
    String name = v.request().pathParam("name");
    String policyName =
        isNew ? v.request().param("policyName").trim() : v.request().pathParam("policy");
    String document = v.request().param("document");
    JsonEditor.Findings findings = JsonEditor.validate(document, PolicyKind.IDENTITY);
    if (!findings.valid() || v.request().param("step").equals("validate")) {
      return inlinePage(v, holder, policyName, document, findings, null, isNew);
    }
    try {
      v.iam(
          holder.put(),
          Map.of(holder.param(), name, "PolicyName", policyName, "PolicyDocument", document));
    } catch (GatehouseException e) {
      return inlinePage(v, holder, policyName, document, findings, e, isNew);
    }
    return v.done(
        holder.path().apply(name),
        "Inline policy " + policyName + (isNew ? " created." : " saved."));
  }

  private static Reply deleteInline(Visit v, Holder holder) {
    String name = v.request().pathParam("name");
    String policy = v.request().pathParam("policy");
    try {
      v.iam(holder.delete(), Map.of(holder.param(), name, "PolicyName", policy));
    } catch (GatehouseException e) {
      return v.failed(holder.path().apply(name), e.code().awsCode() + ": " + e.getMessage());
    }
    return v.done(holder.path().apply(name), "Inline policy " + policy + " deleted.");
  }

  private static Reply attachForm(Visit v, List<String> errors) {
    String name = v.request().pathParam("name");
    String q = v.request().param("q");
    Html h = new Html();
    h.element("h1", "Attach policies to " + name);
    Forms.errors(h, errors);
    h.open(
        "form", "method", "get", "action", RolePage.path(name) + "/attach", "class", "inline-form");
    Forms.text(h, "q", "Search policies by name", q, "", "type", "search");
    h.element("button", "Search", "type", "submit");
    h.close("form");
    if (!q.isEmpty()) {
      Forms.open(v, h, RolePage.path(name) + "/attach", "data-testid", "attach-form");
      h.open("fieldset").element("legend", "Matching policies");
      List<JsonNode> found = RolesPages.searchPolicies(v, q);
      int shown = found.size();
      for (JsonNode p : found) {
        String arn = p.path("arn").asText();
        Forms.checkbox(
            h,
            "policy",
            arn,
            p.path("policyName").asText()
                + (arn.startsWith("arn:aws:iam::aws:") ? " (AWS managed)" : " (customer managed)"),
            false);
      }
      if (shown == 0) {
        h.element("p", "No policy matches.");
      }
      h.close("fieldset");
      Forms.submit(h, "Attach policies");
      Forms.close(h);
    }
    return v.page("Attach policies", with(RolePage.crumbs(name), "Attach policies"), h);
  }

  private static Reply attach(Visit v) {
    String name = v.request().pathParam("name");
    List<String> arns = v.request().params("policy");
    if (arns.isEmpty()) {
      return attachForm(v, List.of("Choose at least one policy."));
    }
    for (String arn : arns) {
      try {
        v.iam("AttachRolePolicy", Map.of("RoleName", name, "PolicyArn", arn));
      } catch (GatehouseException e) {
        return v.failed(RolePage.path(name), e.code().awsCode() + ": " + e.getMessage());
      }
    }
    return v.done(
        RolePage.path(name),
        arns.size() + (arns.size() == 1 ? " policy" : " policies") + " attached.");
  }
}

package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.policy.PolicyKind;
import java.util.List;
import java.util.Map;

/**
 * One managed policy (its ARN is the {@code arn} query parameter, since it holds slashes): the JSON
 * of the default version (or of the version asked for), the versions (set default, delete a
 * non-default one), the entities it is attached to; edit (CreatePolicyVersion with SetAsDefault) in
 * the JSON editor and delete, for customer managed policies.
 */
final class PolicyPage {
  private PolicyPage() {}

  static void register(Routes routes) {
    routes
        .get("/policies/detail", PolicyPage::show)
        .get("/policies/edit", PolicyPage::editForm)
        .post("/policies/edit", PolicyPage::save)
        .post("/policies/versions/default", PolicyPage::setDefault)
        .post("/policies/versions/delete", PolicyPage::deleteVersion)
        .get("/policies/delete", v -> confirmDelete(v, List.of()))
        .post("/policies/delete", PolicyPage::delete);
  }

  private static List<Crumb> crumbs(String arn, boolean here) {
    String name = arn.substring(arn.lastIndexOf('/') + 1);
    return List.of(
        PoliciesPages.CRUMBS.get(0),
        PoliciesPages.CRUMBS.get(1),
        here ? Crumb.here(name) : new Crumb(name, Screens.policyPath(arn)));
  }

  /** Validate, save and cancel under a policy editor. */
  static void editorActions(Html h, String save, String cancel) {
    h.open("div", "class", "actions");
    h.element("button", "Validate", "type", "submit", "name", "step", "value", "validate");
    h.element(
        "button", save, "type", "submit", "name", "step", "value", "save", "class", "primary");
    h.link(cancel, "Cancel", "class", "button");
    h.close("div");
  }

  private static Reply show(Visit v) {
    String arn = v.request().param("arn");
    JsonNode policy = v.iam("GetPolicy", Map.of("PolicyArn", arn)).path("policy");
    String name = policy.path("policyName").asText();
    String shownVersion =
        v.request().param("version").isEmpty()
            ? policy.path("defaultVersionId").asText()
            : v.request().param("version");
    boolean customer = !Screens.awsManaged(arn);
    Html h = new Html();
    h.open("div", "class", "title-row");
    h.element("h1", name);
    if (customer) {
      h.open("div", "class", "actions");
      h.link("/console/policies/edit?arn=" + Visit.segment(arn), "Edit", "class", "button");
      h.link(
          "/console/policies/delete?arn=" + Visit.segment(arn), "Delete", "class", "button danger");
      h.close("div");
    }
    h.close("div");
    h.open("section", "class", "card").element("h2", "Policy details");
    h.open("dl", "class", "facts");
    h.element("dt", "ARN").open("dd").element("code", arn, "data-testid", "policy-arn").close("dd");
    h.element("dt", "Type").element("dd", Screens.policyType(arn));
    h.element("dt", "Description").element("dd", policy.path("description").asText(""));
    h.element("dt", "Default version")
        .element("dd", policy.path("defaultVersionId").asText(), "data-testid", "default-version");
    h.element("dt", "Attached entities").element("dd", policy.path("attachmentCount").asText());
    h.close("dl").close("section");
    h.open("section", "class", "card");
    h.element("h2", "Permissions (version " + shownVersion + ")");
    try {
      JsonNode version =
          v.iam("GetPolicyVersion", Map.of("PolicyArn", arn, "VersionId", shownVersion))
              .path("policyVersion");
      h.element(
          "pre",
          JsonEditor.decoded(version.path("document").asText()),
          "class",
          "code",
          "data-testid",
          "policy-json");
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
    }
    h.close("section");
    versions(v, h, arn, customer, shownVersion);
    entities(v, h, arn);
    return v.page(name, crumbs(arn, true), h);
  }

  private static void versions(Visit v, Html h, String arn, boolean customer, String shownVersion) {
    h.open("section", "class", "card", "data-testid", "policy-versions");
    h.element("h2", "Policy versions");
    try {
      List<JsonNode> versions =
          RolesPages.all(v, "ListPolicyVersions", Map.of("PolicyArn", arn), "versions");
      Tables.open(h, "Policy versions", List.of("Version", "Default", "Created", ""));
      for (JsonNode ver : versions) {
        String id = ver.path("versionId").asText();
        boolean isDefault = ver.path("isDefaultVersion").asBoolean(false);
        Html actions = new Html();
        if (!id.equals(shownVersion)) {
          actions.link(
              Screens.policyPath(arn) + "&version=" + Visit.segment(id),
              "View",
              "aria-label",
              "View version " + id);
        }
        if (customer && !isDefault) {
          actions.add(
              Screens.button(
                  v,
                  "/console/policies/versions/default",
                  "Set as default",
                  "Set " + id + " as default",
                  "",
                  "arn",
                  arn,
                  "versionId",
                  id));
          actions.add(
              Screens.button(
                  v,
                  "/console/policies/versions/delete",
                  "Delete",
                  "Delete version " + id,
                  "",
                  "arn",
                  arn,
                  "versionId",
                  id));
        }
        Tables.row(
            h,
            List.of(
                Tables.text(id),
                Tables.text(isDefault ? "Default" : ""),
                Tables.text(ver.path("createDate").asText()),
                actions));
      }
      Tables.close(h, versions.size(), 4, "No versions.");
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
    }
    h.close("section");
  }

  private static void entities(Visit v, Html h, String arn) {
    h.open("section", "class", "card");
    h.element("h2", "Entities attached");
    try {
      JsonNode got = v.iam("ListEntitiesForPolicy", Map.of("PolicyArn", arn));
      Tables.open(h, "Entities attached", List.of("Name", "Type"));
      int rows = 0;
      for (String[] kind :
          List.of(
              new String[] {"policyUsers", "userName", "User", "/console/users/"},
              new String[] {"policyGroups", "groupName", "Group", "/console/groups/"},
              new String[] {"policyRoles", "roleName", "Role", "/console/roles/"})) {
        for (JsonNode e : got.path(kind[0])) {
          String name = e.path(kind[1]).asText();
          Tables.row(
              h, List.of(Tables.link(kind[3] + Visit.segment(name), name), Tables.text(kind[2])));
          rows++;
        }
      }
      Tables.close(h, rows, 2, "Not attached to any user, group or role.");
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
    }
    h.close("section");
  }

  private static Reply editForm(Visit v) {
    String arn = v.request().param("arn");
    JsonNode policy = v.iam("GetPolicy", Map.of("PolicyArn", arn)).path("policy");
    JsonNode version =
        v.iam(
                "GetPolicyVersion",
                Map.of("PolicyArn", arn, "VersionId", policy.path("defaultVersionId").asText()))
            .path("policyVersion");
    return editPage(
        v, arn, JsonEditor.decoded(version.path("document").asText()), JsonEditor.none(), null);
  }

  private static Reply editPage(
      Visit v,
      String arn,
      String document,
      JsonEditor.Findings findings,
      GatehouseException error) {
    Html h = new Html();
    h.element("h1", "Edit policy");
    h.element(
        "p",
        "Saving creates a new version and makes it the default; the old version stays listed"
            + " (a policy keeps at most five).",
        "class",
        "lead");
    if (error != null) {
      ErrorPages.aws(h, error);
    }
    Forms.open(v, h, "/console/policies/edit", "data-testid", "policy-editor");
    Layout.hidden(h, "arn", arn);
    JsonEditor.render(h, "document", "Policy document", document, findings);
    editorActions(h, "Save changes", Screens.policyPath(arn));
    Forms.close(h);
    return v.page("Edit policy", Screens.with(crumbs(arn, false), "Edit"), h);
  }

  private static Reply save(Visit v) {
    String arn = v.request().param("arn");
    String document = v.request().param("document");
    JsonEditor.Findings findings = JsonEditor.validate(document, PolicyKind.IDENTITY);
    if (!findings.valid() || v.request().param("step").equals("validate")) {
      return editPage(v, arn, document, findings, null);
    }
    String id;
    try {
      id =
          v.iam(
                  "CreatePolicyVersion",
                  Map.of("PolicyArn", arn, "PolicyDocument", document, "SetAsDefault", "true"))
              .path("policyVersion")
              .path("versionId")
              .asText();
    } catch (GatehouseException e) {
      return editPage(v, arn, document, findings, e);
    }
    return v.done(Screens.policyPath(arn), "Version " + id + " saved as the default.");
  }

  private static Reply setDefault(Visit v) {
    String arn = v.request().param("arn");
    String id = v.request().param("versionId");
    try {
      v.iam("SetDefaultPolicyVersion", Map.of("PolicyArn", arn, "VersionId", id));
    } catch (GatehouseException e) {
      return v.failed(Screens.policyPath(arn), Screens.error(e));
    }
    return v.done(Screens.policyPath(arn), "Version " + id + " is the default now.");
  }

  private static Reply deleteVersion(Visit v) {
    String arn = v.request().param("arn");
    String id = v.request().param("versionId");
    try {
      v.iam("DeletePolicyVersion", Map.of("PolicyArn", arn, "VersionId", id));
    } catch (GatehouseException e) {
      return v.failed(Screens.policyPath(arn), Screens.error(e));
    }
    return v.done(Screens.policyPath(arn), "Version " + id + " deleted.");
  }

  private static Reply confirmDelete(Visit v, List<String> errors) {
    String arn = v.request().param("arn");
    String name =
        v.iam("GetPolicy", Map.of("PolicyArn", arn)).path("policy").path("policyName").asText();
    return Screens.confirm(
        v,
        "Delete policy",
        Screens.with(crumbs(arn, false), "Delete"),
        List.of(
            "Policy " + name + " is deleted with all its versions.",
            "It is detached from every user, group and role it is attached to first."),
        "/console/policies/delete",
        name,
        errors,
        "arn",
        arn);
  }

  private static Reply delete(Visit v) {
    String arn = v.request().param("arn");
    String name = arn.substring(arn.lastIndexOf('/') + 1);
    if (Screens.awsManaged(arn)) {
      return v.failed(Screens.policyPath(arn), "AWS managed policies cannot be deleted.");
    }
    if (!Screens.confirmed(v, name)) {
      return confirmDelete(v, List.of("Type the policy name " + name + " to confirm."));
    }
    try {
      // Every page of attachments, one entity type at a time.
      for (String noun : List.of("User", "Group", "Role")) {
        for (JsonNode e :
            RolesPages.all(
                v,
                "ListEntitiesForPolicy",
                Map.of("PolicyArn", arn, "EntityFilter", noun),
                "policy" + noun + "s")) {
          String entity = e.path(noun.toLowerCase(java.util.Locale.ROOT) + "Name").asText();
          v.iam("Detach" + noun + "Policy", Map.of(noun + "Name", entity, "PolicyArn", arn));
        }
      }
      for (JsonNode ver :
          RolesPages.all(v, "ListPolicyVersions", Map.of("PolicyArn", arn), "versions")) {
        if (!ver.path("isDefaultVersion").asBoolean(false)) {
          v.iam(
              "DeletePolicyVersion",
              Map.of("PolicyArn", arn, "VersionId", ver.path("versionId").asText()));
        }
      }
      v.iam("DeletePolicy", Map.of("PolicyArn", arn));
    } catch (GatehouseException e) {
      return confirmDelete(v, List.of(Screens.error(e)));
    }
    return v.done("/console/policies?scope=Local", "Policy " + name + " deleted.");
  }
}

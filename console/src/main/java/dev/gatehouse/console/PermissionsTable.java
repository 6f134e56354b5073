package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.List;
import java.util.Map;

/**
 * The "Permissions policies" section of a user, group or role page: its managed policies (linked to
 * their page, with Detach) and inline policies (Edit, Delete), read through the same List actions
 * an SDK would call, as the signed-in principal.
 */
final class PermissionsTable {
  private PermissionsTable() {}

  /**
   * @param entity {@code User}, {@code Group} or {@code Role}: names the List actions and their
   *     name parameter
   * @param entityPath the entity's page; its {@code /attach}, {@code /detach} and {@code /inline}
   *     routes serve the buttons
   */
  static void render(
      Visit v, Html h, String entity, String name, String entityPath, String caption) {
    h.open("div", "class", "title-row").element("h2", "Permissions policies");
    h.open("div", "class", "actions");
    h.link(entityPath + "/attach", "Attach policies", "class", "button");
    h.link(entityPath + "/inline", "Create inline policy", "class", "button");
    h.close("div").close("div");
    Map<String, String> entityName = Map.of(entity + "Name", name);
    try {
      List<JsonNode> attached =
          RolesPages.all(v, "ListAttached" + entity + "Policies", entityName, "attachedPolicies");
      List<JsonNode> inline =
          RolesPages.all(v, "List" + entity + "Policies", entityName, "policyNames");
      Tables.open(h, caption, List.of("Policy name", "Type", ""));
      for (JsonNode p : attached) {
        String arn = p.path("policyArn").asText();
        String policy = p.path("policyName").asText();
        Tables.row(
            h,
            List.of(
                Tables.link(Screens.policyPath(arn), policy),
                Tables.text(Screens.policyType(arn)),
                Screens.button(
                    v,
                    entityPath + "/detach",
                    "Detach",
                    "Detach " + policy,
                    "",
                    "policyArn",
                    arn)));
      }
      for (JsonNode p : inline) {
        String policy = p.asText();
        String at = entityPath + "/inline/" + Visit.segment(policy);
        Html actions = new Html();
        actions.link(at, "Edit", "aria-label", "Edit " + policy);
        actions.add(Screens.button(v, at + "/delete", "Delete", "Delete " + policy, ""));
        Tables.row(h, List.of(Tables.link(at, policy), Tables.text("Inline"), actions));
      }
      Tables.close(h, attached.size() + inline.size(), 3, "No permissions policies.");
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
    }
  }
}

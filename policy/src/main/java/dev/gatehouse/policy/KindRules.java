package dev.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The rules that depend on where a policy is attached (spec: grammar notes; principal page). */
final class KindRules {
  /** spec: STS actions a role trust policy may grant (Service Authorization Reference, STS). */
  private static final List<String> TRUST_ACTIONS =
      List.of(
          "sts:assumerole",
          "sts:assumerolewithsaml",
          "sts:assumerolewithwebidentity",
          "sts:setcontext",
          "sts:setsourceidentity",
          "sts:tagsession");

  private KindRules() {}

  static void check(StatementNodes statements, PolicyKind kind, ValidationMode mode) {
    for (int i = 0; i < statements.size(); i++) {
      JsonNode s = statements.get(i);
      String at = statements.pointer(i);
      if (kind == PolicyKind.TRUST) {
        trust(s, at);
      }
      if (kind.hasPrincipals() && !s.has("Principal") && !s.has("NotPrincipal")) {
        throw new MalformedPolicyException(PolicyParser.NEED_PRINCIPAL, at);
      }
      for (String key : List.of("Principal", "NotPrincipal")) {
        if (s.has(key)) {
          principals(s.get(key), at + "/" + key, mode);
        }
      }
    }
  }

  private static void trust(JsonNode s, String at) {
    if (!s.has("Action")) {
      throw new MalformedPolicyException(PolicyParser.TRUST_ACTIONS, at);
    }
    for (String action : PolicyParser.strings(s.get("Action"))) {
      String lower = action.toLowerCase(Locale.ROOT);
      if (TRUST_ACTIONS.stream().noneMatch(a -> Wildcard.matches(a, lower))) {
        throw new MalformedPolicyException(PolicyParser.TRUST_ACTIONS, at + "/Action");
      }
    }
    if (s.has("Resource") || s.has("NotResource")) {
      throw new MalformedPolicyException(PolicyParser.TRUST_RESOURCE, at + "/Resource");
    }
  }

  /**
   * spec: principal page: "You cannot use a wildcard to match part of a principal name or ARN"; an
   * AWS principal is {@code *}, a 12-digit account or an ARN. A stored document may also name
   * users, roles and role sessions by unique id (IAM's form of a saved trust policy, see {@link
   * PrincipalMatcher}); the API never accepts one ({@link ValidationMode#STRICT}).
   */
  private static void principals(JsonNode p, String at, ValidationMode mode) {
    if (p.isTextual()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = p.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      for (String v : PolicyParser.strings(e.getValue())) {
        boolean ok =
            v.equals("*")
                || (!v.isEmpty()
                    && v.indexOf('*') < 0
                    && v.indexOf('?') < 0
                    && validAws(e, v, mode));
        if (!ok) {
          throw new MalformedPolicyException(
              "Invalid principal in policy: \"" + e.getKey() + "\":\"" + v + "\"",
              at + "/" + e.getKey());
        }
      }
    }
  }

  private static boolean validAws(Map.Entry<String, JsonNode> e, String v, ValidationMode mode) {
    if (!e.getKey().equals("AWS")) {
      return true;
    }
    return v.matches("[0-9]{12}")
        || (v.startsWith("arn:") && v.split(":", -1).length >= 6)
        || (mode == ValidationMode.EVALUATION && PrincipalMatcher.isUniqueId(v));
  }
}

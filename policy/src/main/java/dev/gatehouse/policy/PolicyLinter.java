package dev.gatehouse.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Findings for {@code gatehouse policy validate}: service prefixes and actions that the AWS Service
 * Authorization Reference does not know, and unknown {@code aws:} condition keys. AWS accepts such
 * policies; they usually hide a typo.
 */
public final class PolicyLinter {
  private PolicyLinter() {}

  public static List<PolicyFinding> findings(Policy policy) {
    ServiceReference ref = ServiceReference.get();
    List<PolicyFinding> out = new ArrayList<>();
    List<Statement> statements = policy.statements();
    for (int i = 0; i < statements.size(); i++) {
      Statement s = statements.get(i);
      String at = "/Statement/" + i;
      ActionElement a = s.action();
      String key = a instanceof ActionElement.Actions ? "Action" : "NotAction";
      List<String> patterns = a.patterns();
      for (int j = 0; j < patterns.size(); j++) {
        String where = at + "/" + key + (patterns.size() == 1 ? "" : "/" + j);
        action(ref, patterns.get(j), where, out);
      }
      for (ConditionClause c : s.conditions()) {
        String k = c.key();
        if (k.toLowerCase(Locale.ROOT).startsWith("aws:") && ref.globalConditionKey(k).isEmpty()) {
          out.add(
              new PolicyFinding(
                  "UNKNOWN_GLOBAL_CONDITION_KEY",
                  "unknown global condition key " + k,
                  at + "/Condition/" + c.operatorText() + "/" + k));
        }
      }
    }
    return out;
  }

  private static void action(
      ServiceReference ref, String pattern, String where, List<PolicyFinding> out) {
    int colon = pattern.indexOf(':');
    if (colon < 0) {
      return; // "*"
    }
    String service = pattern.substring(0, colon);
    if (service.indexOf('*') >= 0 || service.indexOf('?') >= 0) {
      return;
    }
    if (ref.service(service).isEmpty()) {
      out.add(new PolicyFinding("UNKNOWN_SERVICE", "unknown service prefix " + service, where));
      return;
    }
    if (ref.matchingActions(pattern).isEmpty()) {
      out.add(new PolicyFinding("UNKNOWN_ACTION", "no action matches " + pattern, where));
    }
  }
}

package dev.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * IAM's checks of action strings: {@code vendor:name} (spec: reference_policies_elements_action).
 */
final class ActionFormat {
  static final String NO_VENDOR =
      "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
  static final String ONE_COLON = "Actions/Condition can contain only one colon.";

  private ActionFormat() {}

  static void check(StatementNodes statements, String key) {
    for (int i = 0; i < statements.size(); i++) {
      JsonNode node = statements.get(i).get(key);
      if (node == null) {
        continue;
      }
      String at = statements.pointer(i) + "/" + key;
      for (String action : PolicyParser.strings(node)) {
        String error = error(action);
        if (!error.isEmpty()) {
          throw new MalformedPolicyException(error, at);
        }
      }
    }
  }

  /** IAM's message for an action it cannot accept, or empty. */
  static String error(String action) {
    int colon = action.indexOf(':');
    if (colon < 0) {
      return action.equals("*") ? "" : NO_VENDOR;
    }
    if (action.indexOf(':', colon + 1) >= 0) {
      return ONE_COLON;
    }
    String vendor = action.substring(0, colon);
    if (!vendor.equals("*")) {
      for (int i = 0; i < vendor.length(); i++) {
        char c = vendor.charAt(i);
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.';
        if (!ok) {
          return "Vendor " + vendor + " is not valid";
        }
      }
    }
    return "";
  }
}

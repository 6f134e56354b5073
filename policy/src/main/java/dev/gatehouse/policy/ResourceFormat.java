package dev.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IAM's checks of {@code Resource} / {@code NotResource} strings and its legacy parser (effect
 * case, date values, degenerate ARNs), which run before the Sid and action checks. The order and
 * the "last error wins" rule reproduce the messages IAM returned (moto-recorded corpus).
 */
final class ResourceFormat {
  private static final Set<String> PARTITIONS =
      Set.of(
          "aws",
          "aws-cn",
          "aws-us-gov",
          "aws-iso",
          "aws-iso-b",
          "aws-iso-e",
          "aws-iso-f",
          "aws-eusc",
          "*");
  private static final List<String> IAM_PATHS =
      List.of(
          "user/",
          "federated-user/",
          "role/",
          "group/",
          "instance-profile/",
          "mfa/",
          "server-certificate/",
          "policy/",
          "sms-mfa/",
          "saml-provider/",
          "oidc-provider/",
          "report/",
          "access-report/");

  private ResourceFormat() {}

  /** Legacy parsing of effects and dates, then resource formats (messages deferred). */
  static void checkLegacyAndFormats(StatementNodes statements) {
    for (int i = 0; i < statements.size(); i++) {
      JsonNode s = statements.get(i);
      String at = statements.pointer(i);
      String effect = s.get("Effect").asText();
      if (!effect.equals("Allow") && !effect.equals("Deny")) {
        throw new MalformedPolicyException(PolicyParser.LEGACY, at + "/Effect");
      }
      if (s.has("Condition")) {
        legacyDates(s.get("Condition"), at + "/Condition");
      }
    }
    String error = "";
    for (String key : List.of("Resource", "NotResource")) {
      for (int i = 0; i < statements.size(); i++) {
        JsonNode node = statements.get(i).get(key);
        if (node == null) {
          continue;
        }
        List<String> values = PolicyParser.strings(node);
        if (node.isArray()) {
          values.sort(Comparator.reverseOrder());
        }
        for (String r : values) {
          String e = formatError(r);
          if (!e.isEmpty()) {
            error = e;
          }
        }
        if (error.isEmpty() && !legacyResourceOk(node)) {
          throw new MalformedPolicyException(
              PolicyParser.LEGACY, statements.pointer(i) + "/" + key);
        }
      }
    }
  }

  /** Throws the resource-format error, if any, with its location. */
  static void throwFirstError(StatementNodes statements) {
    String error = "";
    String where = "";
    for (String key : List.of("Resource", "NotResource")) {
      for (int i = 0; i < statements.size(); i++) {
        JsonNode node = statements.get(i).get(key);
        if (node == null) {
          continue;
        }
        List<String> values = PolicyParser.strings(node);
        if (node.isArray()) {
          values.sort(Comparator.reverseOrder());
        }
        for (String r : values) {
          String e = formatError(r);
          if (!e.isEmpty()) {
            error = e;
            where = statements.pointer(i) + "/" + key;
          }
        }
      }
    }
    if (!error.isEmpty()) {
      throw new MalformedPolicyException(error, where);
    }
  }

  private static void legacyDates(JsonNode condition, String at) {
    for (Iterator<Map.Entry<String, JsonNode>> it = condition.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> op = it.next();
      var name = ConditionSyntax.operatorName(op.getKey());
      if (name.isEmpty() || name.get().operator().family() != ConditionOperator.Family.DATE) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().properties().iterator();
          keys.hasNext(); ) {
        Map.Entry<String, JsonNode> key = keys.next();
        List<String> values = new ArrayList<>();
        if (key.getValue().isArray()) {
          key.getValue().forEach(v -> values.add(v.asText()));
        } else {
          values.add(key.getValue().asText());
        }
        for (String v : values) {
          if (DateValue.parse(v).isEmpty()) {
            throw new MalformedPolicyException(
                PolicyParser.LEGACY, at + "/" + op.getKey() + "/" + key.getKey());
          }
        }
      }
    }
  }

  private static boolean legacyResourceOk(JsonNode node) {
    for (String r : PolicyParser.strings(node)) {
      if (r.equals("*")) {
        continue;
      }
      if (count(r, ':') < 5 && r.contains("::")) {
        return false;
      }
      if (node.isTextual()) {
        String[] parts = r.split(":", -1);
        if (parts.length < 3 || parts[2].isEmpty()) {
          return false;
        }
      } else if (r.length() < 3) {
        return false;
      }
    }
    return true;
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  /** IAM's message for a resource string it cannot accept, or empty. */
  static String formatError(String resource) {
    if (resource.equals("*")) {
      return "";
    }
    int colon = resource.indexOf(':');
    if (colon < 0) {
      return "Resource " + resource + " must be in ARN format or \"*\".";
    }
    String afterArn = resource.substring(colon + 1);
    int c2 = afterArn.indexOf(':');
    String partition = c2 < 0 ? afterArn : afterArn.substring(0, c2);
    if (!PARTITIONS.contains(partition)) {
      String[] rest = (c2 < 0 ? "" : afterArn.substring(c2 + 1)).split(":", -1);
      String a1 = !rest[0].isEmpty() || rest.length > 1 ? rest[0] : "*";
      String a2 = rest.length > 1 ? rest[1] : "*";
      String a3 = rest.length > 2 ? rest[2] : "*";
      String a4 = rest.length > 3 ? String.join(":", List.of(rest).subList(3, rest.length)) : "*";
      return "Partition \""
          + partition
          + "\" is not valid for resource \"arn:"
          + partition
          + ":"
          + a1
          + ":"
          + a2
          + ":"
          + a3
          + ":"
          + a4
          + "\".";
    }
    if (c2 < 0) {
      return "Resource vendor must be fully qualified and cannot contain regexes.";
    }
    String afterPartition = afterArn.substring(c2 + 1);
    int c3 = afterPartition.indexOf(':');
    String service = c3 < 0 ? afterPartition : afterPartition.substring(0, c3);
    String afterService = c3 < 0 ? "" : afterPartition.substring(c3 + 1);
    // spec: IAM is global; S3 bucket and object ARNs carry neither region nor account.
    String[] tail = afterService.split(":", 3);
    String account = tail.length > 1 ? tail[1] : "";
    if (service.equals("iam") && !afterService.startsWith(":")) {
      return "IAM resource " + resource + " cannot contain region information.";
    }
    if (service.equals("s3") && !afterService.startsWith(":") && account.isEmpty()) {
      return "Resource " + resource + " can not contain region information.";
    }
    if (service.equals("iam")) {
      String path = tail.length > 2 ? tail[2] : "";
      // The account root ("arn:aws:iam::*:root") is accepted too: AWS managed policies use it.
      if (!path.equals("*")
          && !path.equals("root")
          && IAM_PATHS.stream().noneMatch(path::startsWith)) {
        return "IAM resource path must either be \"*\" or start with "
            + String.join(", ", IAM_PATHS)
            + ".";
      }
    }
    return "";
  }
}

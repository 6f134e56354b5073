package dev.gatehouse.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The trusted entities a trust policy names, as the role screens list them: for each Allow
 * statement its principals ({@code AWS}, {@code Service}, {@code Federated}) and its conditions in
 * words.
 */
final class TrustSummary {
  private TrustSummary() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One trusted principal. */
  record Entity(String type, String value, String conditions) {}

  static List<Entity> entities(String document) {
    List<Entity> out = new ArrayList<>();
    JsonNode root;
    try {
      root = JSON.readTree(document);
    } catch (JsonProcessingException e) {
      return out;
    }
    JsonNode statements = root.path("Statement");
    for (JsonNode s : statements.isArray() ? statements : List.of(statements)) {
      if (!s.path("Effect").asText().equals("Allow")) {
        continue;
      }
      String conditions = conditions(s.path("Condition"));
      JsonNode principal = s.path("Principal");
      if (principal.isTextual()) {
        out.add(new Entity("Everyone", principal.asText(), conditions));
        continue;
      }
      for (Map.Entry<String, JsonNode> e : principal.properties()) {
        JsonNode v = e.getValue();
        for (JsonNode one : v.isArray() ? v : List.of(v)) {
          out.add(new Entity(type(e.getKey(), one.asText()), one.asText(), conditions));
        }
      }
    }
    return out;
  }

  private static String type(String key, String value) {
    return switch (key) {
      case "AWS" ->
          value.endsWith(":root") || value.matches("\\d{12}")
              ? "AWS account"
              : value.contains(":role/")
                  ? "IAM role"
                  : value.contains(":user/") ? "IAM user" : "AWS principal";
      case "Service" -> "AWS service";
      case "Federated" -> "Identity provider";
      default -> key;
    };
  }

  /** {@code aws:MultiFactorAuthPresent Bool true; sts:ExternalId StringEquals x}. */
  private static String conditions(JsonNode condition) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> op : condition.properties()) {
      for (Map.Entry<String, JsonNode> k : op.getValue().properties()) {
        parts.add(
            k.getKey()
                + " "
                + op.getKey()
                + " "
                + (k.getValue().isArray() ? k.getValue().toString() : k.getValue().asText()));
      }
    }
    return String.join("; ", parts);
  }

  /**
   * AWS's console trust policy for "an AWS account": the account root, optionally with an external
   * id and MFA required.
   */
  static String accountTrust(String accountId, String externalId, boolean requireMfa) {
    var root = JSON.createObjectNode();
    root.put("Version", "2012-10-17");
    var statement = root.putArray("Statement").addObject();
    statement.put("Effect", "Allow");
    statement.putObject("Principal").put("AWS", "arn:aws:iam::" + accountId + ":root");
    statement.put("Action", "sts:AssumeRole");
    if (!externalId.isEmpty() || requireMfa) {
      var condition = statement.putObject("Condition");
      if (!externalId.isEmpty()) {
        condition.putObject("StringEquals").put("sts:ExternalId", externalId);
      }
      if (requireMfa) {
        condition.putObject("Bool").put("aws:MultiFactorAuthPresent", "true");
      }
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

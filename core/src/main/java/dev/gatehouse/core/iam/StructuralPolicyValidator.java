package dev.gatehouse.core.iam;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The structural rules of the policy grammar (spec: IAM User Guide, "IAM JSON policy element
 * reference" and "Grammar of the IAM JSON policy language"): a JSON object with a known Version,
 * one or more statements each with an Effect, exactly one of Action/NotAction, and
 * Resource/NotResource for identity policies or Principal/NotPrincipal for trust policies.
 *
 * <p>The policy engine's parser checks the full grammar; this validator is what the services use
 * when they are built without it (tests of the service layer, tools).
 */
public final class StructuralPolicyValidator implements PolicyDocumentValidator {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
  private static final Set<String> STATEMENT_KEYS =
      Set.of(
          "Sid",
          "Effect",
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Principal",
          "NotPrincipal",
          "Condition");

  @Override
  public void validate(String document, DocumentKind kind) {
    JsonNode root;
    try {
      root = JSON.readTree(document);
    } catch (JsonProcessingException e) {
      throw malformed("This policy contains invalid Json");
    }
    if (root == null || !root.isObject()) {
      throw malformed("This policy contains invalid Json");
    }
    List<String> fields = new ArrayList<>();
    root.fieldNames().forEachRemaining(fields::add);
    for (String f : fields) {
      if (!Set.of("Version", "Id", "Statement").contains(f)) {
        throw malformed("Syntax errors in policy. Unknown field " + f + ".");
      }
    }
    JsonNode version = root.get("Version");
    if (version != null && !(version.isTextual() && VERSIONS.contains(version.asText()))) {
      throw malformed("The policy failed legacy parsing");
    }
    JsonNode statements = root.get("Statement");
    if (statements == null) {
      throw malformed("Syntax errors in policy. Missing required field Statement.");
    }
    List<JsonNode> list = new ArrayList<>();
    if (statements.isArray()) {
      statements.forEach(list::add);
    } else {
      list.add(statements);
    }
    if (list.isEmpty()) {
      throw malformed("Syntax errors in policy. Statement must not be empty.");
    }
    for (JsonNode s : list) {
      statement(s, kind);
    }
  }

  private static void statement(JsonNode s, DocumentKind kind) {
    if (!s.isObject()) {
      throw malformed("Syntax errors in policy. Statement must be an object.");
    }
    s.fieldNames()
        .forEachRemaining(
            f -> {
              if (!STATEMENT_KEYS.contains(f)) {
                throw malformed("Syntax errors in policy. Unknown field " + f + " in Statement.");
              }
            });
    JsonNode effect = s.get("Effect");
    if (effect == null
        || !effect.isTextual()
        || !(effect.asText().equals("Allow") || effect.asText().equals("Deny"))) {
      throw malformed("Syntax errors in policy. Effect must be Allow or Deny.");
    }
    boolean action = s.has("Action");
    boolean notAction = s.has("NotAction");
    if (!action && !notAction) {
      throw malformed("Policy statement must contain actions.");
    }
    if (action && notAction) {
      throw malformed("Syntax errors in policy. Action and NotAction in one statement.");
    }
    boolean principal = s.has("Principal") || s.has("NotPrincipal");
    boolean resource = s.has("Resource") || s.has("NotResource");
    if (s.has("Resource") && s.has("NotResource")) {
      throw malformed("Syntax errors in policy. Resource and NotResource in one statement.");
    }
    switch (kind) {
      case IDENTITY, BOUNDARY -> {
        if (principal) {
          throw malformed("Policy document should not specify a principal.");
        }
        if (!resource) {
          throw malformed("Policy statement must contain resources.");
        }
      }
      case TRUST -> {
        if (!principal) {
          throw malformed("Missing required field Principal");
        }
        if (resource) {
          throw malformed("Has prohibited field Resource");
        }
      }
    }
  }

  private static GatehouseException malformed(String message) {
    return new GatehouseException(ErrorCode.MALFORMED_POLICY_DOCUMENT, message);
  }
}

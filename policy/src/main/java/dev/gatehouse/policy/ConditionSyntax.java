package dev.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code Condition} block: operator names and value shapes (spec: grammar, condition). */
final class ConditionSyntax {
  private static final String IF_EXISTS = "IfExists";

  private ConditionSyntax() {}

  /** A parsed operator name: qualifier, base operator, IfExists. */
  record OperatorName(SetQualifier qualifier, ConditionOperator operator, boolean ifExists) {}

  /**
   * Splits {@code ForAnyValue:StringLikeIfExists}. Empty for an unknown operator, and for {@code
   * NullIfExists} (spec: "You can add IfExists to the end of any condition operator name except the
   * Null condition").
   */
  static Optional<OperatorName> operatorName(String text) {
    SetQualifier qualifier = SetQualifier.NONE;
    String rest = text;
    for (SetQualifier q : SetQualifier.values()) {
      if (q != SetQualifier.NONE && rest.startsWith(q.prefix())) {
        qualifier = q;
        rest = rest.substring(q.prefix().length());
        break;
      }
    }
    boolean ifExists = rest.endsWith(IF_EXISTS);
    if (ifExists) {
      rest = rest.substring(0, rest.length() - IF_EXISTS.length());
    }
    Optional<ConditionOperator> op = ConditionOperator.fromText(rest);
    if (op.isEmpty() || (ifExists && op.get() == ConditionOperator.NULL)) {
      return Optional.empty();
    }
    return Optional.of(new OperatorName(qualifier, op.get(), ifExists));
  }

  static void check(JsonNode condition, String at) {
    if (!condition.isObject()) {
      throw new MalformedPolicyException(PolicyParser.SYNTAX, at);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = condition.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> op = it.next();
      String where = at + "/" + op.getKey();
      JsonNode block = op.getValue();
      if (!block.isObject()) {
        throw new MalformedPolicyException(PolicyParser.SYNTAX, where);
      }
      for (Iterator<Map.Entry<String, JsonNode>> keys = block.properties().iterator();
          keys.hasNext(); ) {
        Map.Entry<String, JsonNode> key = keys.next();
        JsonNode v = key.getValue();
        boolean ok = scalar(v);
        if (v.isArray()) {
          ok = true;
          for (JsonNode e : v) {
            ok &= scalar(e);
          }
        }
        if (!ok) {
          throw new MalformedPolicyException(PolicyParser.SYNTAX, where + "/" + key.getKey());
        }
      }
      // An unknown operator with no keys is accepted, as IAM does: it tests nothing.
      if (operatorName(op.getKey()).isEmpty() && !block.isEmpty()) {
        throw new MalformedPolicyException(PolicyParser.SYNTAX, where);
      }
    }
  }

  private static boolean scalar(JsonNode v) {
    return v.isTextual() || v.isNumber() || v.isBoolean();
  }

  /** The clauses of a checked block, in document order. */
  static List<ConditionClause> clauses(JsonNode condition) {
    List<ConditionClause> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = condition.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> op = it.next();
      Optional<OperatorName> name = operatorName(op.getKey());
      if (name.isEmpty()) {
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
        OperatorName n = name.get();
        out.add(
            new ConditionClause(n.qualifier(), n.operator(), n.ifExists(), key.getKey(), values));
      }
    }
    return out;
  }
}

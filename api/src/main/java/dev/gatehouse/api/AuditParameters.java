package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Turns Query parameters into CloudTrail's requestParameters: {@code Tags.member.1.Key=a} becomes
 * {@code {"tags":[{"key":"a"}]}}; Action, Version, presigned-URL parameters and secrets are left
 * out.
 */
final class AuditParameters {
  private AuditParameters() {}

  /** Parameters that carry a secret: never written anywhere. */
  static final Set<String> SECRET =
      Set.of(
          "Password",
          "OldPassword",
          "NewPassword",
          "PrivateKey",
          "AuthenticationCode1",
          "AuthenticationCode2",
          "TokenCode",
          "SecretAccessKey",
          "WebIdentityToken",
          "SAMLAssertion",
          "Secret");

  /**
   * Writes the requestParameters object. Parameters without structure (no {@code .} in any name,
   * what reads send) stream straight out in arrival order; others are nested through {@link #from}.
   * Both give the same JSON.
   */
  static void write(JsonGenerator g, QueryParameters params) throws IOException {
    Map<String, String> all = params.asMap();
    String[] names = new String[all.size()];
    String[] values = new String[all.size()];
    int n = 0;
    for (Map.Entry<String, String> entry : all.entrySet()) {
      String name = entry.getKey();
      if (name.indexOf('.') >= 0) {
        g.writeTree(from(params));
        return;
      }
      if (left(name) || SECRET.contains(name)) {
        continue;
      }
      String field = AuditShape.camel(name);
      for (int i = 0; i < n; i++) {
        if (names[i].equals(field)) {
          // Two names with one camelCase spelling: the tree keeps the later value.
          g.writeTree(from(params));
          return;
        }
      }
      names[n] = field;
      values[n] = entry.getValue();
      n++;
    }
    g.writeStartObject();
    for (int i = 0; i < n; i++) {
      g.writeStringField(names[i], values[i]);
    }
    g.writeEndObject();
  }

  /** Action, Version and the presigned-URL parameters are not request parameters. */
  private static boolean left(String name) {
    return name.equals("Action") || name.equals("Version") || name.startsWith("X-Amz-");
  }

  static ObjectNode from(QueryParameters params) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, String> entry : params.asMap().entrySet()) {
      String name = entry.getKey();
      if (left(name)) {
        continue;
      }
      String[] parts = name.split("\\.");
      if (SECRET.contains(parts[0]) || SECRET.contains(parts[parts.length - 1])) {
        continue;
      }
      put(root, parts, 0, entry.getValue());
    }
    return root;
  }

  private static void put(ObjectNode node, String[] parts, int i, String value) {
    String field = AuditShape.camel(parts[i]);
    if (i == parts.length - 1) {
      node.put(field, value);
      return;
    }
    // "Name.member.N[.Rest]" is a list; anything else nests a structure.
    if (parts[i + 1].equals("member") && i + 2 < parts.length && isIndex(parts[i + 2])) {
      JsonNode existing = node.get(field);
      ArrayNode list = existing instanceof ArrayNode a ? a : node.putArray(field);
      int index = Integer.parseInt(parts[i + 2]) - 1;
      while (list.size() <= index) {
        list.addNull();
      }
      if (i + 3 == parts.length) {
        list.set(index, JsonNodeFactory.instance.textNode(value));
      } else {
        JsonNode slot = list.get(index);
        ObjectNode member =
            slot instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        list.set(index, member);
        put(member, parts, i + 3, value);
      }
      return;
    }
    JsonNode existing = node.get(field);
    ObjectNode child = existing instanceof ObjectNode o ? o : node.putObject(field);
    put(child, parts, i + 1, value);
  }

  private static boolean isIndex(String s) {
    if (s.isEmpty() || s.length() > 4) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return Integer.parseInt(s) >= 1;
  }
}

package dev.gatehouse.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Collects an output shape as CloudTrail's responseElements: lowerCamelCase names, lists as arrays,
 * secrets left out.
 *
 * <p>spec: CloudTrail User Guide, "CloudTrail record contents" (responseElements) and the IAM event
 * examples (e.g. CreateUser's {"user": {"userName": ...}}).
 */
final class AuditShape implements Shape {
  private final ObjectNode root = JsonNodeFactory.instance.objectNode();
  private final Deque<Object> stack = new ArrayDeque<>();
  private final boolean secrets;

  AuditShape() {
    this(false);
  }

  private AuditShape(boolean secrets) {
    this.secrets = secrets;
    stack.push(root);
  }

  /**
   * The same JSON with secrets written too: the in-process result the console reads (never the
   * audit record).
   */
  static AuditShape withSecrets() {
    return new AuditShape(true);
  }

  ObjectNode result() {
    return root;
  }

  static String camel(String awsName) {
    if (awsName.isEmpty()) {
      return awsName;
    }
    // "ARN" -> "arn", "SAMLProviderList" -> "sAMLProviderList" (CloudTrail lower-cases only the
    // leading letter, except for all-capital names).
    if (allCapitals(awsName)) {
      return awsName.toLowerCase(Locale.ROOT);
    }
    char first = awsName.charAt(0);
    char lower = Character.toLowerCase(first);
    return lower == first ? awsName : lower + awsName.substring(1);
  }

  /** Whether upper-casing leaves the name as it is (checked without copying for ASCII names). */
  private static boolean allCapitals(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 0x80) {
        return name.equals(name.toUpperCase(Locale.ROOT));
      }
      if (c >= 'a' && c <= 'z') {
        return false;
      }
    }
    return true;
  }

  private ObjectNode object() {
    if (stack.peek() instanceof ObjectNode o) {
      return o;
    }
    throw new IllegalStateException("a field must be inside a structure");
  }

  private ArrayNode array() {
    if (stack.peek() instanceof ArrayNode a) {
      return a;
    }
    throw new IllegalStateException("a member must be inside a list");
  }

  @Override
  public Shape start(String name) {
    ObjectNode parent = object();
    String field = camel(name);
    com.fasterxml.jackson.databind.JsonNode existing = parent.get(field);
    if (existing instanceof ObjectNode first) {
      // A repeated structure (a map's "entry" elements): the entries become an array.
      ArrayNode entries = parent.putArray(field);
      entries.add(first);
      stack.push(entries.addObject());
    } else if (existing instanceof ArrayNode entries) {
      stack.push(entries.addObject());
    } else {
      stack.push(parent.putObject(field));
    }
    return this;
  }

  @Override
  public Shape startList(String name) {
    stack.push(object().putArray(camel(name)));
    return this;
  }

  @Override
  public Shape member() {
    stack.push(array().addObject());
    return this;
  }

  @Override
  public Shape member(String value) {
    array().add(value);
    return this;
  }

  @Override
  public Shape end() {
    stack.pop();
    return this;
  }

  @Override
  public Shape field(String name, String value) {
    object().put(camel(name), value);
    return this;
  }

  @Override
  public Shape field(String name, boolean value) {
    object().put(camel(name), value);
    return this;
  }

  @Override
  public Shape field(String name, long value) {
    object().put(camel(name), value);
    return this;
  }

  @Override
  public Shape field(String name, Instant value) {
    object().put(camel(name), XmlWriter.iso(value));
    return this;
  }

  @Override
  public Shape secret(String name, String value) {
    if (secrets) {
      object().put(camel(name), value);
    }
    return this;
  }
}

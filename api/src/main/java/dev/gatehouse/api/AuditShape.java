package dev.gatehouse.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.Locale;

/**
 * Collects an output shape as CloudTrail's responseElements: lowerCamelCase names, lists as arrays,
 * secrets left out.
 *
 * <p>spec: CloudTrail User Guide, "CloudTrail record contents" (responseElements) and the IAM event
 * examples (e.g. CreateUser's {"user": {"userName": ...}}).
 */
final class AuditShape extends JsonTreeShape {
  private final boolean secrets;

  AuditShape() {
    this(false);
  }

  private AuditShape(boolean secrets) {
    this.secrets = secrets;
  }

  /**
   * The same JSON with secrets written too: the in-process result the console reads (never the
   * audit record).
   */
  static AuditShape withSecrets() {
    return new AuditShape(true);
  }

  ObjectNode result() {
    return tree();
  }

  @Override
  String name(String awsName) {
    return camel(awsName);
  }

  @Override
  JsonNode timestamp(Instant value) {
    return TextNode.valueOf(XmlWriter.iso(value));
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

  @Override
  public Shape start(String name) {
    ObjectNode parent = object();
    String field = camel(name);
    JsonNode existing = parent.get(field);
    if (existing instanceof ObjectNode first) {
      // A repeated structure (a map's "entry" elements): the entries become an array.
      ArrayNode entries = parent.putArray(field);
      entries.add(first);
      open(entries.addObject());
    } else if (existing instanceof ArrayNode entries) {
      open(entries.addObject());
    } else {
      open(parent.putObject(field));
    }
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

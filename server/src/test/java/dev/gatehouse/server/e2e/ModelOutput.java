package dev.gatehouse.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a response against the operation's output shape in the model: the Query envelope ({@code
 * <OpResponse>}, the result wrapper exactly when the model declares one, {@code ResponseMetadata}),
 * then every element or JSON member recursively: only members the shape declares (by their wire
 * names), each once; lists of {@code member} entries (or the list's {@code locationName}); maps of
 * {@code entry} with {@code key} and {@code value}; the required members; scalars of their type
 * (booleans, integers, ISO-8601 or epoch timestamps, base64 blobs, enum values, string lengths).
 * {@link Rules} adjust the model where AWS has changed since this copy, and name members an
 * operation leaves out although its shape declares them.
 */
final class ModelOutput {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The result read along the model (a JSON tree in either protocol, for fixtures to take values
   * from) and what does not fit the model.
   */
  record Checked(JsonNode result, List<String> violations) {}

  /**
   * Adjustments to the model, each a set of {@code Shape.Member} names.
   *
   * @param added members AWS added after this copy of the model: allowed
   * @param optional members this copy requires that AWS has since made optional
   * @param notReturned members the operation leaves out although the shape declares them (the API
   *     reference: "IAM resource-listing operations return a subset of the available attributes")
   */
  record Rules(Set<String> added, Set<String> optional, Set<String> notReturned) {
    Rules {
      added = Set.copyOf(added);
      optional = Set.copyOf(optional);
      notReturned = Set.copyOf(notReturned);
    }
  }

  private final ServiceModel model;
  private final Rules rules;
  private final List<String> violations = new ArrayList<>();

  private ModelOutput(ServiceModel model, Rules rules) {
    this.model = model;
    this.rules = rules;
  }

  /** A Query protocol (XML) response. */
  static Checked query(ServiceModel model, String operation, String body, Rules rules) {
    return new ModelOutput(model, rules).query(operation, body);
  }

  /** A JSON 1.1 response. */
  static Checked json(ServiceModel model, String operation, String body, Rules rules) {
    return new ModelOutput(model, rules).json(operation, body);
  }

  private Checked query(String operation, String body) {
    Element root;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      root =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
              .getDocumentElement();
    } catch (Exception e) {
      violations.add("not XML: " + e.getMessage());
      return new Checked(NODES.objectNode(), violations);
    }
    if (!root.getLocalName().equals(operation + "Response")) {
      violations.add("document element " + root.getLocalName() + ", not " + operation + "Response");
    }
    if (!model.xmlNamespace().equals(root.getNamespaceURI())) {
      violations.add("namespace " + root.getNamespaceURI() + ", not " + model.xmlNamespace());
    }
    List<Element> children = elements(root, "/" + root.getLocalName());
    Optional<String> wrapper = model.resultWrapper(operation);
    List<String> expected = new ArrayList<>();
    wrapper.ifPresent(expected::add);
    expected.add("ResponseMetadata");
    List<String> actual = children.stream().map(Element::getLocalName).toList();
    if (!actual.equals(expected)) {
      violations.add("the response holds " + actual + "; the model says " + expected);
    }
    JsonNode result = NODES.objectNode();
    for (Element child : children) {
      if (wrapper.isPresent() && child.getLocalName().equals(wrapper.get())) {
        result = structure(child, model.output(operation).orElseThrow(), "/" + wrapper.get());
      } else if (child.getLocalName().equals("ResponseMetadata")) {
        List<String> metadata =
            elements(child, "/ResponseMetadata").stream().map(Element::getLocalName).toList();
        if (!metadata.equals(List.of("RequestId"))) {
          violations.add("ResponseMetadata holds " + metadata + ", not [RequestId]");
        }
      }
    }
    return new Checked(result, violations);
  }

  private Checked json(String operation, String body) {
    JsonNode document;
    try {
      document = body.isBlank() ? NODES.objectNode() : JSON.readTree(body);
    } catch (Exception e) {
      violations.add("not JSON: " + e.getMessage());
      return new Checked(NODES.objectNode(), violations);
    }
    Optional<String> output = model.output(operation);
    if (output.isEmpty()) {
      if (!document.isObject() || !document.isEmpty()) {
        violations.add("the model declares no output, the response is " + document);
      }
      return new Checked(document, violations);
    }
    jsonValue(document, output.get(), "");
    return new Checked(document, violations);
  }

  // ---- XML

  /** An element's structure along {@code shapeName}, as a JSON object keyed by member names. */
  private ObjectNode structure(Element element, String shapeName, String path) {
    JsonNode shape = model.shape(shapeName);
    ObjectNode out = NODES.objectNode();
    Map<String, String> byWireName = new java.util.HashMap<>();
    for (Iterator<String> it = shape.path("members").fieldNames(); it.hasNext(); ) {
      String member = it.next();
      byWireName.put(ServiceModel.wireName(shape.get("members").get(member), member), member);
    }
    Set<String> seen = new HashSet<>();
    for (Element child : elements(element, path)) {
      String name = child.getLocalName();
      String member = byWireName.get(name);
      if (member == null) {
        if (!rules.added().contains(shapeName + "." + name)) {
          violations.add(path + "/" + name + ": " + shapeName + " declares no member " + name);
        }
        continue;
      }
      notReturned(shapeName, member, path + "/" + name);
      if (!seen.add(member)) {
        violations.add(path + "/" + name + ": written more than once");
      }
      out.set(member, xmlValue(child, shape.get("members").get(member), path + "/" + name));
    }
    required(shape, shapeName, seen, path);
    return out;
  }

  private JsonNode xmlValue(Element element, JsonNode reference, String path) {
    String shapeName = reference.get("shape").asText();
    JsonNode shape = model.shape(shapeName);
    switch (shape.path("type").asText()) {
      case "structure" -> {
        return structure(element, shapeName, path);
      }
      case "list" -> {
        ArrayNode out = NODES.arrayNode();
        JsonNode member = shape.get("member");
        String entry = ServiceModel.wireName(member, "member");
        int i = 1;
        for (Element child : elements(element, path)) {
          String at = path + "/" + child.getLocalName() + "[" + i++ + "]";
          if (!child.getLocalName().equals(entry)) {
            violations.add(at + ": entries of " + shapeName + " are <" + entry + ">");
            continue;
          }
          out.add(xmlValue(child, member, at));
        }
        return out;
      }
      case "map" -> {
        ObjectNode out = NODES.objectNode();
        String key = ServiceModel.wireName(shape.get("key"), "key");
        String value = ServiceModel.wireName(shape.get("value"), "value");
        for (Element entry : elements(element, path)) {
          if (!entry.getLocalName().equals("entry")) {
            violations.add(path + "/" + entry.getLocalName() + ": entries of a map are <entry>");
            continue;
          }
          List<Element> parts = elements(entry, path + "/entry");
          List<String> names = parts.stream().map(Element::getLocalName).toList();
          if (!names.equals(List.of(key, value))) {
            violations.add(path + "/entry holds " + names + ", not [" + key + ", " + value + "]");
            continue;
          }
          out.set(
              parts.get(0).getTextContent(),
              xmlValue(parts.get(1), shape.get("value"), path + "/entry/" + value));
        }
        return out;
      }
      default -> {
        if (!elements(element, path).isEmpty()) {
          violations.add(path + ": " + shapeName + " is a scalar, the element has children");
        }
        String text = element.getTextContent();
        scalar(shape, shapeName, text, path);
        return NODES.textNode(text);
      }
    }
  }

  /** A scalar's text against its type (XML: every scalar is text). */
  private void scalar(JsonNode shape, String shapeName, String text, String path) {
    String problem =
        switch (shape.path("type").asText()) {
          case "boolean" -> text.equals("true") || text.equals("false") ? "" : "not a boolean";
          case "integer", "long" -> integral(text) ? "" : "not an integer";
          case "timestamp" -> isoTimestamp(text) ? "" : "not an ISO-8601 timestamp";
          case "blob" -> base64(text) ? "" : "not base64";
          case "string" -> string(shape, text);
          default -> "";
        };
    if (!problem.isEmpty()) {
      violations.add(path + ": " + shapeName + " " + problem + ": " + text);
    }
  }

  /** The element children of {@code element}; text beside them is a violation. */
  private List<Element> elements(Element element, String path) {
    List<Element> out = new ArrayList<>();
    boolean text = false;
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      } else if (n.getNodeType() == Node.TEXT_NODE && !n.getTextContent().isBlank()) {
        text = true;
      }
    }
    if (text && !out.isEmpty()) {
      violations.add(path + ": text beside child elements");
    }
    return out;
  }

  // ---- JSON

  private void jsonValue(JsonNode value, String shapeName, String path) {
    JsonNode shape = model.shape(shapeName);
    String type = shape.path("type").asText();
    if (value.isNull()) {
      violations.add(path + ": null (AWS leaves out what it has no value for)");
      return;
    }
    switch (type) {
      case "structure" -> {
        if (!value.isObject()) {
          violations.add(path + ": " + shapeName + " is a structure, got " + value);
          return;
        }
        JsonNode members = shape.path("members");
        Set<String> seen = new HashSet<>();
        Map<String, String> byWireName = new java.util.HashMap<>();
        members
            .fieldNames()
            .forEachRemaining(m -> byWireName.put(ServiceModel.wireName(members.get(m), m), m));
        for (Map.Entry<String, JsonNode> field : value.properties()) {
          String member = byWireName.get(field.getKey());
          if (member == null) {
            if (!rules.added().contains(shapeName + "." + field.getKey())) {
              violations.add(
                  path + "/" + field.getKey() + ": " + shapeName + " declares no such member");
            }
            continue;
          }
          notReturned(shapeName, member, path + "/" + field.getKey());
          seen.add(member);
          jsonValue(
              field.getValue(),
              members.get(member).get("shape").asText(),
              path + "/" + field.getKey());
        }
        required(shape, shapeName, seen, path.isEmpty() ? "/" : path);
      }
      case "list" -> {
        if (!value.isArray()) {
          violations.add(path + ": " + shapeName + " is a list, got " + value);
          return;
        }
        int i = 0;
        for (JsonNode item : value) {
          jsonValue(item, shape.get("member").get("shape").asText(), path + "/" + i++);
        }
      }
      case "map" -> {
        if (!value.isObject()) {
          violations.add(path + ": " + shapeName + " is a map, got " + value);
          return;
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
          jsonValue(
              e.getValue(), shape.get("value").get("shape").asText(), path + "/" + e.getKey());
        }
      }
      case "boolean" -> expect(value.isBoolean(), path, shapeName, "a boolean", value);
      case "integer", "long" ->
          expect(value.isIntegralNumber(), path, shapeName, "an integer", value);
      case "timestamp" -> expect(value.isNumber(), path, shapeName, "epoch seconds", value);
      case "blob" ->
          expect(value.isTextual() && base64(value.asText()), path, shapeName, "base64", value);
      case "string" -> {
        if (!value.isTextual()) {
          violations.add(path + ": " + shapeName + " is a string, got " + value);
          return;
        }
        String problem = string(shape, value.asText());
        if (!problem.isEmpty()) {
          violations.add(path + ": " + shapeName + " " + problem + ": " + value.asText());
        }
      }
      default -> expect(value.isNumber(), path, shapeName, "a number", value);
    }
  }

  private void expect(boolean ok, String path, String shapeName, String what, JsonNode value) {
    if (!ok) {
      violations.add(path + ": " + shapeName + " is " + what + ", got " + value);
    }
  }

  // ---- both

  private void notReturned(String shapeName, String member, String path) {
    if (rules.notReturned().contains(shapeName + "." + member)) {
      violations.add(path + ": AWS does not return " + shapeName + "." + member + " here");
    }
  }

  private void required(JsonNode shape, String shapeName, Set<String> seen, String path) {
    for (JsonNode required : shape.path("required")) {
      if (!seen.contains(required.asText())
          && !rules.optional().contains(shapeName + "." + required.asText())) {
        violations.add(path + ": " + shapeName + " requires " + required.asText());
      }
    }
  }

  /** An enum value and the length bounds of a string shape; empty when it fits. */
  private static String string(JsonNode shape, String text) {
    if (shape.has("enum")) {
      boolean listed = false;
      for (JsonNode v : shape.get("enum")) {
        listed |= v.asText().equals(text);
      }
      if (!listed) {
        return "is not one of " + shape.get("enum");
      }
    }
    int length = text.codePointCount(0, text.length());
    if (shape.has("min") && length < shape.get("min").asInt()) {
      return "is shorter than " + shape.get("min").asInt();
    }
    if (shape.has("max") && length > shape.get("max").asInt()) {
      return "is longer than " + shape.get("max").asInt();
    }
    return "";
  }

  private static boolean integral(String text) {
    try {
      Long.parseLong(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isoTimestamp(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean base64(String text) {
    try {
      Base64.getDecoder().decode(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}

package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The request document of a JSON 1.1 call: one JSON object whose members are the input's members.
 * An absent or {@code null} member reads as empty; a member of the wrong JSON type is a
 * SerializationException naming it.
 */
public final class JsonRequest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ObjectNode body;

  private JsonRequest(ObjectNode body) {
    this.body = body;
  }

  /** Parses a request body; an empty body is the empty document. */
  static JsonRequest parse(byte[] bytes) {
    if (bytes.length == 0) {
      return new JsonRequest(JsonNodeFactory.instance.objectNode());
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new GatehouseException(
          ErrorCode.SERIALIZATION,
          "The request body is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ").");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new GatehouseException(
          ErrorCode.SERIALIZATION, "The request body must be a JSON object.");
    }
    return new JsonRequest(object);
  }

  /** For tests and decoders of nested structures. */
  public static JsonRequest of(ObjectNode body) {
    return new JsonRequest(body.deepCopy());
  }

  /** The document as sent (for the audit record). */
  ObjectNode document() {
    return body;
  }

  /** A string member, empty when absent. */
  public String string(String member) {
    JsonNode v = body.get(member);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw wrongType(member, "a string");
    }
    return v.textValue();
  }

  /** An integer member, {@code absent} when absent. */
  public int integer(String member, int absent) {
    JsonNode v = body.get(member);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw wrongType(member, "an integer");
    }
    return v.intValue();
  }

  /** A list of {@code {"Key": ..., "Value": ...}} tags, empty when absent. */
  public List<Tag> tags(String member) {
    JsonNode v = body.get(member);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw wrongType(member, "a list");
    }
    List<Tag> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!(item instanceof ObjectNode tag)) {
        throw wrongType(member + "[]", "a structure");
      }
      JsonRequest t = new JsonRequest(tag);
      out.add(new Tag(t.string("Key"), t.string("Value")));
    }
    return out;
  }

  /** A list of strings, empty when absent. */
  public List<String> strings(String member) {
    JsonNode v = body.get(member);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw wrongType(member, "a list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw wrongType(member + "[]", "a string");
      }
      out.add(item.textValue());
    }
    return out;
  }

  private static GatehouseException wrongType(String member, String expected) {
    return new GatehouseException(
        ErrorCode.SERIALIZATION, "The member " + member + " must be " + expected + ".");
  }
}

package dev.gatehouse.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Writes an output shape as an AWS JSON 1.1 response document: member names as the model spells
 * them, lists as arrays, timestamps as epoch seconds with milliseconds (the protocol's default
 * timestamp format).
 *
 * <p>spec: Smithy "AWS JSON 1.1 protocol": timestamps default to epoch-seconds, a number.
 */
final class JsonShape extends JsonTreeShape {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  ObjectNode document() {
    return tree();
  }

  byte[] bytes() {
    try {
      return MAPPER.writeValueAsBytes(tree());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }

  @Override
  String name(String awsName) {
    return awsName;
  }

  @Override
  JsonNode timestamp(Instant value) {
    return DecimalNode.valueOf(BigDecimal.valueOf(value.toEpochMilli()).movePointLeft(3));
  }

  @Override
  public Shape secret(String name, String value) {
    return field(name, value);
  }
}

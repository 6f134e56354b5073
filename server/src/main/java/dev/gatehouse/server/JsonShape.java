package dev.gatehouse.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes an output shape as an AWS JSON 1.1 response document: member names as the model spells
 * them, lists as arrays, timestamps as epoch seconds with milliseconds (the protocol's default
 * timestamp format).
 *
 * <p>spec: Smithy "AWS JSON 1.1 protocol": timestamps default to epoch-seconds, a number.
 */
final class JsonShape implements Shape {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ObjectNode root = JsonNodeFactory.instance.objectNode();
  private final Deque<Object> stack = new ArrayDeque<>();

  JsonShape() {
    stack.push(root);
  }

  ObjectNode document() {
    return root;
  }

  byte[] bytes() {
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
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
    stack.push(object().putObject(name));
    return this;
  }

  @Override
  public Shape startList(String name) {
    stack.push(object().putArray(name));
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
    object().put(name, value);
    return this;
  }

  @Override
  public Shape field(String name, boolean value) {
    object().put(name, value);
    return this;
  }

  @Override
  public Shape field(String name, long value) {
    object().put(name, value);
    return this;
  }

  @Override
  public Shape field(String name, Instant value) {
    object().put(name, BigDecimal.valueOf(value.toEpochMilli()).movePointLeft(3));
    return this;
  }

  @Override
  public Shape secret(String name, String value) {
    return field(name, value);
  }
}

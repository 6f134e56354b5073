package dev.gatehouse.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An output shape collected as a Jackson tree. Subclasses say how a member's name and a timestamp
 * are written, and what becomes of secrets.
 */
abstract class JsonTreeShape implements Shape {
  private final ObjectNode root = JsonNodeFactory.instance.objectNode();
  private final Deque<Object> stack = new ArrayDeque<>();

  JsonTreeShape() {
    stack.push(root);
  }

  /** The tree written so far. */
  final ObjectNode tree() {
    return root;
  }

  /** The JSON name of a member the model names {@code awsName}. */
  abstract String name(String awsName);

  /** A timestamp's JSON value. */
  abstract JsonNode timestamp(Instant value);

  final ObjectNode object() {
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

  /** Makes {@code node} the current container. */
  final void open(JsonNode node) {
    stack.push(node);
  }

  @Override
  public Shape start(String name) {
    open(object().putObject(name(name)));
    return this;
  }

  @Override
  public final Shape startList(String name) {
    open(object().putArray(name(name)));
    return this;
  }

  @Override
  public final Shape member() {
    open(array().addObject());
    return this;
  }

  @Override
  public final Shape member(String value) {
    array().add(value);
    return this;
  }

  @Override
  public final Shape end() {
    stack.pop();
    return this;
  }

  @Override
  public final Shape field(String name, String value) {
    object().put(name(name), value);
    return this;
  }

  @Override
  public final Shape field(String name, boolean value) {
    object().put(name(name), value);
    return this;
  }

  @Override
  public final Shape field(String name, long value) {
    object().put(name(name), value);
    return this;
  }

  @Override
  public final Shape field(String name, Instant value) {
    object().set(name(name), timestamp(value));
    return this;
  }
}

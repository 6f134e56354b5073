package dev.gatehouse.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An operation's input, written as JSON that mirrors its input shape (structures as objects, lists
 * as arrays, maps as objects), checked against the model and put on the wire: Query parameters
 * ({@code Tags.member.1.Key}) or the JSON 1.1 document. A member the shape does not declare, or a
 * required member left out, is a mistake in the fixture and fails the test.
 */
final class ModelInput {
  private ModelInput() {}

  /** The Query parameters of {@code params} (botocore's QuerySerializer naming). */
  static Map<String, String> query(ServiceModel model, String operation, JsonNode params) {
    List<String> problems = new ArrayList<>();
    Map<String, String> out = new LinkedHashMap<>();
    Optional<String> input = model.input(operation);
    if (input.isPresent()) {
      new Writer(model, problems, out).structure(params, input.get(), "");
    } else if (!params.isEmpty()) {
      problems.add(operation + " takes no input");
    }
    requireNone(operation, problems);
    return out;
  }

  /** The JSON 1.1 request document: {@code params} itself, once checked against the model. */
  static String json(ServiceModel model, String operation, JsonNode params) {
    List<String> problems = new ArrayList<>();
    Optional<String> input = model.input(operation);
    if (input.isPresent()) {
      new Writer(model, problems, new LinkedHashMap<>()).structure(params, input.get(), "");
    } else if (!params.isEmpty()) {
      problems.add(operation + " takes no input");
    }
    requireNone(operation, problems);
    return params.toString();
  }

  private static void requireNone(String operation, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "fixture input of " + operation + " does not fit the model: " + problems);
    }
  }

  /** Walks the params along the shapes, writing Query parameters under {@code prefix}. */
  private record Writer(ServiceModel model, List<String> problems, Map<String, String> out) {
    void structure(JsonNode value, String shapeName, String prefix) {
      JsonNode shape = model.shape(shapeName);
      if (!value.isObject()) {
        problems.add(at(prefix) + ": " + shapeName + " is a structure, given " + value);
        return;
      }
      JsonNode members = shape.path("members");
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        JsonNode member = members.path(field.getKey());
        if (member.isMissingNode()) {
          problems.add(at(prefix) + ": " + shapeName + " has no member " + field.getKey());
          continue;
        }
        String name = ServiceModel.wireName(member, field.getKey());
        value(field.getValue(), member.get("shape").asText(), join(prefix, name));
      }
      for (JsonNode required : shape.path("required")) {
        if (!value.has(required.asText())) {
          problems.add(at(prefix) + ": required member " + required.asText() + " missing");
        }
      }
    }

    void value(JsonNode value, String shapeName, String name) {
      JsonNode shape = model.shape(shapeName);
      switch (shape.path("type").asText()) {
        case "structure" -> structure(value, shapeName, name);
        case "list" -> {
          if (!value.isArray()) {
            problems.add(name + ": " + shapeName + " is a list, given " + value);
            return;
          }
          JsonNode member = shape.get("member");
          String entry =
              shape.path("flattened").asBoolean()
                  ? name
                  : name + "." + ServiceModel.wireName(member, "member");
          int i = 1;
          for (JsonNode item : value) {
            value(item, member.get("shape").asText(), entry + "." + i++);
          }
          if (value.isEmpty()) {
            out.put(name, "");
          }
        }
        case "map" -> {
          if (!value.isObject()) {
            problems.add(name + ": " + shapeName + " is a map, given " + value);
            return;
          }
          String key = ServiceModel.wireName(shape.get("key"), "key");
          String val = ServiceModel.wireName(shape.get("value"), "value");
          int i = 1;
          for (Map.Entry<String, JsonNode> e : value.properties()) {
            String entry = name + ".entry." + i++;
            out.put(entry + "." + key, e.getKey());
            value(e.getValue(), shape.get("value").get("shape").asText(), entry + "." + val);
          }
        }
        default -> {
          if (!value.isValueNode()) {
            problems.add(name + ": " + shapeName + " is a scalar, given " + value);
            return;
          }
          out.put(name, value.asText());
        }
      }
    }

    private static String join(String prefix, String name) {
      return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static String at(String prefix) {
      return prefix.isEmpty() ? "input" : prefix;
    }
  }
}

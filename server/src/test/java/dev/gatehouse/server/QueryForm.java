package dev.gatehouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A case's parameters, written as JSON with the API's member names, as an SDK sends them in an AWS
 * Query request: the case files stay readable and the server decodes what a client would send.
 *
 * <p>spec: AWS Query protocol (https://smithy.io/2.0/aws/protocols/aws-query-protocol.html): a
 * structure's members are {@code Name.Member}, list elements {@code Name.member.N} from 1, booleans
 * {@code true}/{@code false}. IAM's inputs have no maps, so a JSON object is always a structure.
 */
final class QueryForm {
  private QueryForm() {}

  /** {@code {"Tags": [{"Key": "k"}]}} as {@code Tags.member.1.Key=k}. */
  static Map<String, String> of(JsonNode params) {
    if (!params.isObject()) {
      throw new IllegalArgumentException("parameters must be a JSON object: " + params);
    }
    Map<String, String> out = new LinkedHashMap<>();
    params.properties().forEach(member -> add(out, member.getKey(), member.getValue()));
    return out;
  }

  private static void add(Map<String, String> out, String name, JsonNode value) {
    switch (value.getNodeType()) {
      case OBJECT ->
          value
              .properties()
              .forEach(member -> add(out, name + "." + member.getKey(), member.getValue()));
      case ARRAY -> {
        if (value.isEmpty()) {
          // SDKs differ on how they send an empty list; no case needs one.
          throw new IllegalArgumentException("an empty list at " + name);
        }
        for (int i = 0; i < value.size(); i++) {
          add(out, name + ".member." + (i + 1), value.get(i));
        }
      }
      case STRING, NUMBER, BOOLEAN -> out.put(name, value.asText());
      default ->
          throw new IllegalArgumentException(
              "no Query form for " + value.getNodeType() + " at " + name);
    }
  }
}

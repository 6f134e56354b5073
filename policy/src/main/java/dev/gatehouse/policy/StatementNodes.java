package dev.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The statements of a document before parsing, and whether {@code Statement} was an array: a JSON
 * pointer names {@code /Statement/0} inside an array, {@code /Statement} for a lone object.
 */
record StatementNodes(List<JsonNode> nodes, boolean array) {
  StatementNodes {
    nodes = List.copyOf(nodes);
  }

  int size() {
    return nodes.size();
  }

  JsonNode get(int i) {
    return nodes.get(i);
  }

  /** The JSON pointer of statement {@code i}. */
  String pointer(int i) {
    return array ? "/Statement/" + i : "/Statement";
  }
}

package dev.gatehouse.sigv4;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code name=value} pair of a raw query string, still percent-encoded as on the wire. A
 * parameter without {@code =} has an empty value.
 */
record QueryParameter(String rawName, String rawValue) {

  /** Splits on {@code &}, then each pair on its first {@code =}; empty pieces are skipped. */
  static List<QueryParameter> parse(String rawQuery) {
    List<QueryParameter> parameters = new ArrayList<>();
    if (rawQuery.isEmpty()) {
      return parameters;
    }
    for (String piece : rawQuery.split("&", -1)) {
      if (piece.isEmpty()) {
        continue;
      }
      int eq = piece.indexOf('=');
      if (eq < 0) {
        parameters.add(new QueryParameter(piece, ""));
      } else {
        parameters.add(new QueryParameter(piece.substring(0, eq), piece.substring(eq + 1)));
      }
    }
    return parameters;
  }

  String name() {
    return UriEncoding.decodeToString(rawName);
  }

  String value() {
    return UriEncoding.decodeToString(rawValue);
  }
}

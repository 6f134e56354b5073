package dev.gatehouse.api;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded parameters of an AWS Query request ({@code Action}, {@code Version} and the
 * operation's members), from an {@code application/x-www-form-urlencoded} body or a query string.
 *
 * <p>spec: AWS Query protocol (https://smithy.io/2.0/aws/protocols/aws-query-protocol.html): lists
 * are {@code Name.member.N}, maps {@code Name.entry.N.key/value}, structures in lists {@code
 * Name.member.N.Field}; N starts at 1.
 */
public final class QueryParameters {
  private final Map<String, String> values;

  private QueryParameters(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public static QueryParameters of(Map<String, String> values) {
    return new QueryParameters(new LinkedHashMap<>(values));
  }

  /**
   * Parses a form-encoded string. A repeated name is refused: AWS's Query protocol never repeats
   * one, and accepting it would make the signed and the used value disagree.
   */
  public static QueryParameters parse(String form) {
    Map<String, String> values = new LinkedHashMap<>();
    if (form.isEmpty()) {
      return new QueryParameters(values);
    }
    for (String pair : form.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (values.putIfAbsent(name, value) != null) {
        throw new GatehouseException(
            ErrorCode.MALFORMED_QUERY_STRING,
            "The parameter " + name + " is given more than once.");
      }
    }
    return new QueryParameters(values);
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new GatehouseException(
          ErrorCode.MALFORMED_QUERY_STRING, "The query string contains an invalid percent escape.");
    }
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public String required(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new GatehouseException(
          ErrorCode.MISSING_PARAMETER, "The request must contain the parameter " + name);
    }
    return value;
  }

  public Optional<Integer> integer(String name) {
    String value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      throw invalidValue(name, value, "an integer");
    }
  }

  public Optional<Boolean> bool(String name) {
    String value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    // spec: Query protocol booleans are "true"/"false"; SDKs never send anything else.
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> Optional.of(true);
      case "false" -> Optional.of(false);
      default -> throw invalidValue(name, value, "a boolean");
    };
  }

  /** {@code Name.member.1}, {@code Name.member.2}, ... until the first gap. */
  public List<String> list(String name) {
    List<String> out = new ArrayList<>();
    for (int i = 1; ; i++) {
      String value = values.get(name + ".member." + i);
      if (value == null) {
        return out;
      }
      out.add(value);
    }
  }

  /**
   * Structures in a list: for {@code Tags.member.N.Key}/{@code .Value}, returns one map of field to
   * value per N (until the first N without any field).
   */
  public List<Map<String, String>> structures(String name, String... fields) {
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = 1; ; i++) {
      Map<String, String> member = new LinkedHashMap<>();
      for (String field : fields) {
        String value = values.get(name + ".member." + i + "." + field);
        if (value != null) {
          member.put(field, value);
        }
      }
      if (member.isEmpty()) {
        return out;
      }
      out.add(Collections.unmodifiableMap(member));
    }
  }

  /** All parameters, for the audit record (which filters secrets itself). */
  public Map<String, String> asMap() {
    return values;
  }

  private static GatehouseException invalidValue(String name, String value, String what) {
    return new GatehouseException(
        ErrorCode.INVALID_PARAMETER_VALUE,
        "Value (" + value + ") for parameter " + name + " is invalid. Expected " + what + ".");
  }
}

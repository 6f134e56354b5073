package dev.gatehouse.policy.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.reference.ReferencePatterns.Context;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Condition element, read straight from IAM UG reference_policies_elements_condition,
 * reference_policies_elements_condition_operators and reference_policies_multi-value-conditions.
 */
final class ReferenceConditions {

  // spec: operators page: these negated operators are a NOR over the policy values
  private static final Set<String> NEGATED =
      Set.of(
          "StringNotEquals",
          "StringNotEqualsIgnoreCase",
          "StringNotLike",
          "NumericNotEquals",
          "DateNotEquals",
          "NotIpAddress",
          "ArnNotEquals",
          "ArnNotLike");

  private ReferenceConditions() {}

  /** All operators AND-ed, all keys under an operator AND-ed. */
  static boolean matches(JsonNode condition, boolean variables, Context context) {
    if (condition == null || condition.isMissingNode() || condition.isNull()) {
      return true;
    }
    for (Map.Entry<String, JsonNode> operator : condition.properties()) {
      for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
        if (!keyMatches(
            operator.getKey(), key.getKey(), texts(key.getValue()), variables, context)) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(v -> out.add(v.asText()));
    } else {
      out.add(node.asText());
    }
    return out;
  }

  private static boolean keyMatches(
      String operatorName, String key, List<String> policyValues, boolean variables, Context ctx) {
    String op = operatorName;
    String qualifier = "";
    if (op.startsWith("ForAllValues:") || op.startsWith("ForAnyValue:")) {
      qualifier = op.substring(0, op.indexOf(':'));
      op = op.substring(op.indexOf(':') + 1);
    }
    boolean ifExists = op.endsWith("IfExists");
    if (ifExists) {
      op = op.substring(0, op.length() - "IfExists".length());
    }
    Optional<List<String>> requestValues = ctx.lookup(key);
    if (op.equals("Null")) {
      // spec: Null "true" means the key is absent, "false" that it is present
      boolean absent = requestValues.isEmpty();
      return policyValues.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
    }
    boolean negated = NEGATED.contains(op);
    if (requestValues.isEmpty()) {
      // spec: operators page "Important": missing key; IfExists; set operators
      if (ifExists) {
        return true;
      }
      if (qualifier.equals("ForAllValues")) {
        return true;
      }
      if (qualifier.equals("ForAnyValue")) {
        return false;
      }
      return negated;
    }
    List<String> values = requestValues.get();
    String base = op;
    if (qualifier.equals("ForAllValues")) {
      return values.stream().allMatch(v -> single(base, negated, policyValues, v, variables, ctx));
    }
    if (qualifier.equals("ForAnyValue")) {
      return values.stream().anyMatch(v -> single(base, negated, policyValues, v, variables, ctx));
    }
    // A plain operator over a multivalued key is undocumented (E14): any value may satisfy it.
    return values.stream().anyMatch(v -> single(base, negated, policyValues, v, variables, ctx));
  }

  private static boolean single(
      String op,
      boolean negated,
      List<String> policyValues,
      String value,
      boolean variables,
      Context ctx) {
    String positive = negated ? positiveOf(op) : op;
    boolean any = false;
    for (String policyValue : policyValues) {
      if (compare(positive, policyValue, value, variables, ctx)) {
        any = true;
      }
    }
    return negated ? !any : any;
  }

  private static String positiveOf(String op) {
    return switch (op) {
      case "NotIpAddress" -> "IpAddress";
      default -> op.replace("Not", "");
    };
  }

  private static boolean compare(
      String op, String policyValue, String value, boolean variables, Context ctx) {
    return switch (op) {
      case "StringEquals" ->
          ReferencePatterns.substitute(policyValue, variables, ctx)
              .map(p -> p.equals(value))
              .orElse(false);
      case "StringEqualsIgnoreCase" ->
          ReferencePatterns.substitute(policyValue, variables, ctx)
              .map(p -> p.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT)))
              .orElse(false);
      case "StringLike" -> ReferencePatterns.globMatches(policyValue, value, variables, false, ctx);
      case "ArnEquals", "ArnLike" ->
          ReferencePatterns.arnMatches(policyValue, value, variables, ctx);
      case "NumericEquals" -> numeric(policyValue, value, c -> c == 0);
      case "NumericLessThan" -> numeric(policyValue, value, c -> c > 0);
      case "NumericLessThanEquals" -> numeric(policyValue, value, c -> c >= 0);
      case "NumericGreaterThan" -> numeric(policyValue, value, c -> c < 0);
      case "NumericGreaterThanEquals" -> numeric(policyValue, value, c -> c <= 0);
      case "DateEquals" -> date(policyValue, value, c -> c == 0);
      case "DateLessThan" -> date(policyValue, value, c -> c > 0);
      case "DateLessThanEquals" -> date(policyValue, value, c -> c >= 0);
      case "DateGreaterThan" -> date(policyValue, value, c -> c < 0);
      case "DateGreaterThanEquals" -> date(policyValue, value, c -> c <= 0);
      // The two AWS pages disagree on variables in Bool (E9); read as allowed [inf].
      case "Bool" ->
          ReferencePatterns.substitute(policyValue, variables, ctx)
              .map(p -> p.equalsIgnoreCase(value))
              .orElse(false);
      case "BinaryEquals" -> binary(policyValue, value);
      case "IpAddress" -> ip(policyValue, value);
      default -> throw new IllegalArgumentException("unknown condition operator " + op);
    };
  }

  /** The comparison is policy value against request value: c = policy.compareTo(request). */
  private interface Comparison {
    boolean test(int c);
  }

  private static boolean numeric(String policyValue, String value, Comparison cmp) {
    try {
      return cmp.test(new BigDecimal(policyValue.trim()).compareTo(new BigDecimal(value.trim())));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean date(String policyValue, String value, Comparison cmp) {
    Optional<Instant> p = instant(policyValue);
    Optional<Instant> v = instant(value);
    if (p.isEmpty() || v.isEmpty()) {
      return false;
    }
    return cmp.test(p.get().compareTo(v.get()));
  }

  // spec: operators page, Date: W3C ISO 8601 profiles or epoch (UNIX) seconds
  private static Optional<Instant> instant(String text) {
    String t = text.trim();
    try {
      if (t.matches("-?\\d+(\\.\\d+)?")) {
        return Optional.of(
            Instant.ofEpochMilli(new BigDecimal(t).movePointRight(3).longValueExact()));
      }
      if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
      }
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static boolean binary(String policyValue, String value) {
    try {
      return java.util.Arrays.equals(
          Base64.getDecoder().decode(policyValue), Base64.getDecoder().decode(value));
    } catch (IllegalArgumentException e) {
      return policyValue.equals(value);
    }
  }

  // spec: operators page, IP address: CIDR (RFC 4632), a bare address is a single host
  private static boolean ip(String policyValue, String value) {
    String cidr = policyValue.trim();
    int slash = cidr.indexOf('/');
    String network = slash < 0 ? cidr : cidr.substring(0, slash);
    Optional<byte[]> net = address(network);
    Optional<byte[]> addr = address(value.trim());
    if (net.isEmpty() || addr.isEmpty() || net.get().length != addr.get().length) {
      return false;
    }
    int bits;
    try {
      bits = slash < 0 ? net.get().length * 8 : Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((net.get()[i / 8] & mask) != (addr.get()[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static Optional<byte[]> address(String text) {
    // Only literal addresses: never let InetAddress go to DNS.
    if (!text.matches("[0-9a-fA-F:.]+") || !(text.contains(".") || text.contains(":"))) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(text).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}

package dev.gatehouse.policy.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wildcards and policy variables for the reference evaluator, done the slow obvious way: every
 * policy string becomes a regular expression at the moment it is matched.
 */
final class ReferencePatterns {

  // spec: IAM UG reference_policies_variables "Specifying default values": ${key, 'default'}
  private static final Pattern VARIABLE_BODY =
      Pattern.compile("^\\s*([^,]+?)\\s*(?:,\\s*'(.*)')?\\s*$");

  private ReferencePatterns() {}

  /** The request context: lower-cased key name to the JSON value (string or array). */
  record Context(Map<String, JsonNode> values) {

    Optional<List<String>> lookup(String key) {
      JsonNode node = values.get(key.toLowerCase(Locale.ROOT));
      if (node == null || node.isNull()) {
        return Optional.empty();
      }
      if (node.isArray() && node.isEmpty()) {
        // An empty set is a null data set (spec: multi-value-conditions, ForAllValues): absent.
        return Optional.empty();
      }
      List<String> out = new ArrayList<>();
      if (node.isArray()) {
        node.forEach(v -> out.add(v.asText()));
      } else {
        out.add(node.asText());
      }
      return Optional.of(out);
    }

    /** Only single-valued keys can be variables (spec: IAM UG reference_policies_variables). */
    Optional<String> single(String key) {
      JsonNode node = values.get(key.toLowerCase(Locale.ROOT));
      if (node == null || node.isNull() || node.isArray() || node.isObject()) {
        return Optional.empty();
      }
      return Optional.of(node.asText());
    }
  }

  /**
   * Builds a regex from a policy string: outside variables {@code *} and {@code ?} are wildcards
   * (when {@code wildcards}), substituted values are always literal. Empty when a variable has no
   * value and no default (spec: IAM UG reference_policies_variables "Policy variables with no
   * value": the entry matches nothing).
   */
  static Optional<String> regex(
      String policyText, boolean variables, boolean wildcards, Context context) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < policyText.length()) {
      char c = policyText.charAt(i);
      if (variables && c == '$' && i + 1 < policyText.length() && policyText.charAt(i + 1) == '{') {
        int close = policyText.indexOf('}', i + 2);
        if (close > 0) {
          Optional<String> value = resolve(policyText.substring(i + 2, close), context);
          if (value.isEmpty()) {
            return Optional.empty();
          }
          out.append(Pattern.quote(value.get()));
          i = close + 1;
          continue;
        }
      }
      if (wildcards && c == '*') {
        out.append(".*");
      } else if (wildcards && c == '?') {
        out.append('.');
      } else {
        out.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    return Optional.of(out.toString());
  }

  /** The policy string with its variables replaced (for the Equals operators). */
  static Optional<String> substitute(String policyText, boolean variables, Context context) {
    if (!variables) {
      return Optional.of(policyText);
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < policyText.length()) {
      char c = policyText.charAt(i);
      if (c == '$' && i + 1 < policyText.length() && policyText.charAt(i + 1) == '{') {
        int close = policyText.indexOf('}', i + 2);
        if (close > 0) {
          Optional<String> value = resolve(policyText.substring(i + 2, close), context);
          if (value.isEmpty()) {
            return Optional.empty();
          }
          out.append(value.get());
          i = close + 1;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return Optional.of(out.toString());
  }

  private static Optional<String> resolve(String body, Context context) {
    // spec: IAM UG reference_policies_variables "Special characters": ${*} ${?} ${$}
    if (body.equals("*") || body.equals("?") || body.equals("$")) {
      return Optional.of(body);
    }
    Matcher m = VARIABLE_BODY.matcher(body);
    if (!m.matches()) {
      return Optional.empty();
    }
    Optional<String> value = context.single(m.group(1));
    if (value.isPresent()) {
      return value;
    }
    return Optional.ofNullable(m.group(2));
  }

  static boolean globMatches(
      String policyText, String value, boolean variables, boolean ignoreCase, Context context) {
    Optional<String> regex = regex(policyText, variables, true, context);
    if (regex.isEmpty()) {
      return false;
    }
    int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    return Pattern.compile(regex.get(), flags).matcher(value).matches();
  }

  /**
   * ArnLike: the six colon-separated parts are matched one by one (spec: IAM UG
   * reference_policies_elements_condition_operators, ARN condition operators). Colons inside a
   * variable do not split.
   */
  static boolean arnMatches(String policyText, String value, boolean variables, Context context) {
    List<String> policyParts = splitArn(policyText, variables);
    String[] valueParts = value.split(":", 6);
    if (policyParts.size() != 6 || valueParts.length != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      if (!globMatches(policyParts.get(i), valueParts[i], variables, false, context)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> splitArn(String text, boolean variables) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (variables && c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        depth++;
      } else if (c == '}' && depth > 0) {
        depth--;
      }
      if (c == ':' && depth == 0 && parts.size() < 5) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }
}

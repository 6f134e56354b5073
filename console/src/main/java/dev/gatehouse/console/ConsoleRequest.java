package dev.gatehouse.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One console request, read out of Jetty: method, path below {@code /console}, query and form
 * parameters (a name may repeat: checkbox lists), where it comes from.
 *
 * @param path the path below {@code /console}, {@code /} for the console's home
 * @param pathParams the values of {@code {name}} segments of the matched route
 * @param host the Host header (for the links the console shows to copy)
 */
public record ConsoleRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, List<String>> form,
    Map<String, String> pathParams,
    String sourceIp,
    boolean secure,
    String cookieHeader,
    String host) {

  public ConsoleRequest {
    Objects.requireNonNull(method);
    Objects.requireNonNull(path);
    query = Map.copyOf(query);
    form = Map.copyOf(form);
    pathParams = Map.copyOf(pathParams);
    Objects.requireNonNull(sourceIp);
    Objects.requireNonNull(cookieHeader);
    Objects.requireNonNull(host);
  }

  /** The same request with the route's path parameters. */
  ConsoleRequest withPathParams(Map<String, String> params) {
    return new ConsoleRequest(
        method, path, query, form, params, sourceIp, secure, cookieHeader, host);
  }

  /** A form field (POST) or else a query parameter, trimmed of nothing; empty when absent. */
  public String param(String name) {
    List<String> values = form.get(name);
    if (values == null || values.isEmpty()) {
      values = query.get(name);
    }
    return values == null || values.isEmpty() ? "" : values.get(0);
  }

  /** Every value of a repeated form field (checkboxes). */
  public List<String> params(String name) {
    List<String> values = form.get(name);
    return values == null ? List.of() : values;
  }

  /** A {@code {name}} segment of the route. */
  public String pathParam(String name) {
    String v = pathParams.get(name);
    if (v == null) {
      throw new IllegalArgumentException("route has no parameter " + name);
    }
    return v;
  }

  public boolean isPost() {
    return method.equals("POST");
  }

  /** Parses {@code application/x-www-form-urlencoded} text; bad escapes become the raw text. */
  static Map<String, List<String>> parseForm(String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
    }
    for (Map.Entry<String, List<String>> e : out.entrySet()) {
      e.setValue(List.copyOf(e.getValue()));
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** The value of one cookie, or null. */
  String cookie(String name) {
    for (String part : cookieHeader.split(";")) {
      String p = part.trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).equals(name)) {
        return p.substring(eq + 1);
      }
    }
    return null;
  }
}

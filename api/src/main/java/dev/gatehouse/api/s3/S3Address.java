package dev.gatehouse.api.s3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What an S3 REST request addresses: the operation (S3 API's name), the bucket and key, and the
 * query parameters, read from the method, the host (virtual-hosted style), the path (path style)
 * and the query's subresources, by the rows of {@code routes.tsv}.
 *
 * @param operation the S3 operation; empty when no row matches (answered NotImplemented)
 * @param bucket empty for service-level requests
 * @param key the object key, decoded; empty for bucket-level requests
 * @param query the query parameters, decoded, in order
 */
public record S3Address(String operation, String bucket, String key, Map<String, String> query) {
  private static final String ROUTES = "routes.tsv";

  public S3Address {
    Objects.requireNonNull(operation);
    Objects.requireNonNull(bucket);
    Objects.requireNonNull(key);
    query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
  }

  private record Route(String method, String target, List<Condition> conditions, String operation) {
    boolean holds(Map<String, String> query, Function<String, String> header) {
      for (Condition c : conditions) {
        if (!c.holds(query, header)) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * One condition of a route, parsed once: {@code ?name} (the query has the parameter), {@code
   * ?name=value} (it has that value) or a header name (the request has the header).
   */
  private record Condition(boolean inQuery, String name, Optional<String> value) {
    static Condition parse(String text) {
      if (!text.startsWith("?")) {
        return new Condition(false, text, Optional.empty());
      }
      String c = text.substring(1);
      int eq = c.indexOf('=');
      return eq < 0
          ? new Condition(true, c, Optional.empty())
          : new Condition(true, c.substring(0, eq), Optional.of(c.substring(eq + 1)));
    }

    boolean holds(Map<String, String> query, Function<String, String> header) {
      if (!inQuery) {
        return !header.apply(name).isEmpty();
      }
      return value.isPresent() ? value.get().equals(query.get(name)) : query.containsKey(name);
    }
  }

  private static final List<Route> TABLE = load();

  /** The rows by method and target ({@code GET object}), in file order: the first match wins. */
  private static final Map<String, List<Route>> BY_TARGET = index(TABLE);

  private static Map<String, List<Route>> index(List<Route> table) {
    Map<String, List<Route>> out = new java.util.HashMap<>();
    for (Route r : table) {
      out.computeIfAbsent(r.method() + " " + r.target(), k -> new ArrayList<>()).add(r);
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return Map.copyOf(out);
  }

  private static List<Route> load() {
    try (InputStream in = S3Address.class.getResourceAsStream(ROUTES)) {
      BufferedReader r =
          new BufferedReader(
              new InputStreamReader(Objects.requireNonNull(in, ROUTES), StandardCharsets.UTF_8));
      List<Route> out = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 4) {
          throw new IllegalStateException("routes.tsv: " + line);
        }
        List<Condition> conditions =
            f[2].equals("-")
                ? List.of()
                : Stream.of(f[2].split("\\+")).map(Condition::parse).toList();
        out.add(new Route(f[0], f[1], conditions, f[3]));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every operation the routing table can name. */
  public static List<String> operations() {
    return TABLE.stream().map(Route::operation).distinct().toList();
  }

  /**
   * Reads the address of a request.
   *
   * @param domain with {@code serve --s3-domain}: a host {@code BUCKET.s3.DOMAIN} names the bucket
   *     (virtual-hosted style) and {@code s3.DOMAIN} none
   */
  public static S3Address of(
      String method,
      String host,
      String rawPath,
      String rawQuery,
      Function<String, String> header,
      Optional<String> domain) {
    Map<String, String> query = query(rawQuery);
    String path = decode(rawPath.isEmpty() ? "/" : rawPath, false);
    String bucket;
    String key;
    Optional<String> hosted = domain.flatMap(d -> virtualBucket(host, d));
    if (hosted.isPresent()) {
      bucket = hosted.get();
      key = path.startsWith("/") ? path.substring(1) : path;
    } else {
      String rest = path.startsWith("/") ? path.substring(1) : path;
      int slash = rest.indexOf('/');
      bucket = slash < 0 ? rest : rest.substring(0, slash);
      key = slash < 0 ? "" : rest.substring(slash + 1);
    }
    String target = bucket.isEmpty() ? "service" : key.isEmpty() ? "bucket" : "object";
    for (Route route : BY_TARGET.getOrDefault(method + " " + target, List.of())) {
      if (route.holds(query, header)) {
        return new S3Address(route.operation(), bucket, key, query);
      }
    }
    return new S3Address("", bucket, key, query);
  }

  /** {@code BUCKET.s3.DOMAIN[:port]} names BUCKET; {@code s3.DOMAIN} names none. */
  static Optional<String> virtualBucket(String host, String domain) {
    String h = host.toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon >= 0 && h.indexOf(']') < colon) {
      h = h.substring(0, colon);
    }
    String suffix = ".s3." + domain.toLowerCase(Locale.ROOT);
    if (h.endsWith(suffix) && h.length() > suffix.length()) {
      return Optional.of(h.substring(0, h.length() - suffix.length()));
    }
    return Optional.empty();
  }

  /** Whether {@code host} is the S3 endpoint of {@code domain} or a bucket under it. */
  public static boolean s3Host(String host, String domain) {
    String h = host.toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon >= 0) {
      h = h.substring(0, colon);
    }
    String base = "s3." + domain.toLowerCase(Locale.ROOT);
    return h.equals(base) || h.endsWith("." + base);
  }

  /** The query string's parameters, decoded ({@code +} as a space, as forms and SDKs send it). */
  public static Map<String, String> query(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
      out.putIfAbsent(name, value);
    }
    return out;
  }

  /**
   * Percent-decodes UTF-8 text; a malformed escape is kept as it is (S3 compares keys byte for
   * byte, so nothing is guessed).
   */
  static String decode(String text, boolean plusIsSpace) {
    if (text.indexOf('%') < 0 && !(plusIsSpace && text.indexOf('+') >= 0)) {
      return text;
    }
    byte[] out = new byte[text.length() * 3];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%'
          && i + 2 < text.length()
          && hex(text.charAt(i + 1)) >= 0
          && hex(text.charAt(i + 2)) >= 0) {
        out[n++] = (byte) (hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        out[n++] = ' ';
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
          b = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        System.arraycopy(b, 0, out, n, b.length);
        n += b.length;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}

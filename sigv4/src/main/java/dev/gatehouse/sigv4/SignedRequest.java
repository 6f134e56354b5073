package dev.gatehouse.sigv4;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP request as it arrived, reduced to what SigV4 covers.
 *
 * @param method the request method, for example {@code POST}
 * @param rawPath the path exactly as on the wire (still percent-encoded; empty means {@code /})
 * @param rawQuery the query string exactly as on the wire, without the {@code ?}; empty if none
 * @param headers the header fields in arrival order; repeated names allowed
 * @param payloadHash lower-case hex SHA-256 of the body bytes (computed by the caller so that a
 *     large body is never copied)
 */
public record SignedRequest(
    String method, String rawPath, String rawQuery, List<Header> headers, String payloadHash) {

  public SignedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    Objects.requireNonNull(rawQuery, "rawQuery");
    headers = List.copyOf(headers);
    Objects.requireNonNull(payloadHash, "payloadHash");
    if (!Hashing.isLowerHexSha256(payloadHash)) {
      throw new IllegalArgumentException("payloadHash must be 64 lower-case hex digits");
    }
  }

  /** A request whose body is given as bytes; the hash is computed here. */
  public static SignedRequest of(
      String method, String rawPath, String rawQuery, List<Header> headers, byte[] body) {
    return new SignedRequest(method, rawPath, rawQuery, headers, Hashing.sha256Hex(body));
  }

  /** Values of every header with this name (case-insensitive), in arrival order. */
  public List<String> headerValues(String name) {
    List<String> values = new ArrayList<>(1);
    for (Header header : headers) {
      if (header.is(name)) {
        values.add(header.value());
      }
    }
    return values;
  }

  /** How many headers have this name (case-insensitive). */
  int headerCount(String name) {
    int count = 0;
    for (Header header : headers) {
      if (header.is(name)) {
        count++;
      }
    }
    return count;
  }

  /** Whether at least one header with this name (case-insensitive) is present. */
  public boolean hasHeader(String name) {
    for (Header header : headers) {
      if (header.is(name)) {
        return true;
      }
    }
    return false;
  }

  /** This request with one more header appended. */
  public SignedRequest withHeader(String name, String value) {
    List<Header> more = new ArrayList<>(headers);
    more.add(new Header(name, value));
    return new SignedRequest(method, rawPath, rawQuery, more, payloadHash);
  }

  /** This request with another raw query string. */
  public SignedRequest withRawQuery(String query) {
    return new SignedRequest(method, rawPath, query, headers, payloadHash);
  }

  /** Lower-cased names of the headers present, in arrival order, duplicates kept. */
  List<String> lowerCaseHeaderNames() {
    List<String> names = new ArrayList<>(headers.size());
    for (Header header : headers) {
      names.add(header.name().toLowerCase(Locale.ROOT));
    }
    return names;
  }
}

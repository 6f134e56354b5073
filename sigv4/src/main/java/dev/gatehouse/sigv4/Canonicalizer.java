package dev.gatehouse.sigv4;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The first SigV4 stage: the canonical request, and each of its lines on its own so that tests can
 * assert them separately.
 *
 * <p>spec: AWS IAM User Guide "Create a signed AWS API request", step 1 "Create a canonical
 * request".
 */
public final class Canonicalizer {
  /** The query parameter that carries a presigned signature; never part of the canonical query. */
  public static final String SIGNATURE_PARAMETER = "X-Amz-Signature";

  private Canonicalizer() {}

  /**
   * The full canonical request: method, canonical URI, canonical query, canonical headers, signed
   * headers and payload hash, separated by {@code \n}.
   *
   * @param signedHeaders lower-case header names, in the order the signer listed them
   * @throws SigV4Exception ({@code IncompleteSignature}) if a signed header is absent
   */
  public static String canonicalRequest(
      SignedRequest request, List<String> signedHeaders, PathStyle pathStyle) {
    return canonicalRequest(request, signedHeaders, pathStyle, request.payloadHash());
  }

  /**
   * The canonical request with an explicit last line. Amazon S3 signs the value of {@code
   * x-amz-content-sha256} there, which is a hash, {@code UNSIGNED-PAYLOAD} or a {@code STREAMING-*}
   * sentinel; {@link SignedRequest#payloadHash()} is not consulted.
   *
   * @throws SigV4Exception ({@code IncompleteSignature}) if a signed header is absent
   */
  public static String canonicalRequest(
      SignedRequest request, List<String> signedHeaders, PathStyle pathStyle, String payloadLine) {
    return request.method()
        + '\n'
        + canonicalUri(request.rawPath(), pathStyle)
        + '\n'
        + canonicalQuery(request.rawQuery())
        + '\n'
        + canonicalHeaders(request, signedHeaders)
        + '\n'
        + String.join(";", signedHeaders)
        + '\n'
        + payloadLine;
  }

  /**
   * The canonical URI. An empty path is {@code /}.
   *
   * <p>spec: "Create a signed AWS API request" (CanonicalURI); AWS facts 1.2 for the
   * double-encoding of non-S3 paths.
   */
  public static String canonicalUri(String rawPath, PathStyle pathStyle) {
    String path = rawPath.isEmpty() ? "/" : rawPath;
    if (path.equals("/")) {
      // What every Query API request posts to: normalizing and encoding leave it as it is.
      return path;
    }
    return switch (pathStyle) {
      case NORMALIZED -> UriEncoding.encode(normalize(path), true);
      case AS_RECEIVED -> UriEncoding.encode(path, true);
      case S3 -> encodeSegmentsOnce(path);
    };
  }

  /** Decodes and re-encodes each {@code /}-separated segment; see {@link PathStyle#S3}. */
  private static String encodeSegmentsOnce(String path) {
    String[] segments = path.split("/", -1);
    StringBuilder out = new StringBuilder(path.length() + 16);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(UriEncoding.encode(UriEncoding.percentDecode(segments[i]), false));
    }
    return out.toString();
  }

  /**
   * RFC 3986 section 5.2.4 remove_dot_segments, plus collapsing of empty segments ({@code //}). A
   * trailing slash survives, as in the aws-c-auth suite ({@code //example//} becomes {@code
   * /example/}).
   */
  static String normalize(String path) {
    String[] segments = path.split("/", -1);
    Deque<String> kept = new ArrayDeque<>();
    for (String segment : segments) {
      switch (segment) {
        case "", "." -> {
          // empty segments collapse; "." names the current directory
        }
        case ".." -> kept.pollLast();
        default -> kept.addLast(segment);
      }
    }
    if (kept.isEmpty()) {
      return "/";
    }
    String last = segments[segments.length - 1];
    boolean trailingSlash = last.isEmpty() || last.equals(".") || last.equals("..");
    return "/" + String.join("/", kept) + (trailingSlash ? "/" : "");
  }

  /**
   * The canonical query string: parameters decoded (percent escapes only, never {@code +}),
   * re-encoded, sorted by encoded name then encoded value, joined with {@code &}; a parameter
   * without a value is {@code name=}; {@code X-Amz-Signature} is left out.
   *
   * <p>spec: "Create a signed AWS API request" (CanonicalQueryString); a raw {@code +} is kept as
   * the character {@code +} and therefore encoded as {@code %2B} (AWS facts 1.2, recorded as a
   * deviation from botocore, which signs it raw).
   */
  public static String canonicalQuery(String rawQuery) {
    if (rawQuery.isEmpty()) {
      return ""; // every Query API POST: its parameters are in the body
    }
    List<QueryParameter> parameters = QueryParameter.parse(rawQuery);
    List<String[]> encoded = new ArrayList<>(parameters.size());
    for (QueryParameter parameter : parameters) {
      byte[] name = UriEncoding.percentDecode(parameter.rawName());
      String encodedName = UriEncoding.encode(name, false);
      if (encodedName.equals(SIGNATURE_PARAMETER)) {
        continue;
      }
      String encodedValue =
          UriEncoding.encode(UriEncoding.percentDecode(parameter.rawValue()), false);
      encoded.add(new String[] {encodedName, encodedValue});
    }
    // Encoded names and values are pure ASCII, so String order is byte order.
    encoded.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder out = new StringBuilder(rawQuery.length() + 16);
    for (String[] pair : encoded) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(pair[0]).append('=').append(pair[1]);
    }
    return out.toString();
  }

  /**
   * The canonical headers block: one {@code name:value\n} line per signed header, in the order
   * given. Repeated headers are joined with {@code ,} in arrival order; each value is trimmed and
   * its whitespace runs (obs-fold line breaks included) collapse to one space.
   *
   * @throws SigV4Exception ({@code IncompleteSignature}) if a signed header is absent
   */
  public static String canonicalHeaders(SignedRequest request, List<String> signedHeaders) {
    StringBuilder out = new StringBuilder(256);
    for (String name : signedHeaders) {
      List<String> values = request.headerValues(name);
      if (values.isEmpty()) {
        // spec: observed AWS text (AWS facts 1.2, "a SignedHeaders name absent from the request")
        throw new SigV4Exception(
            SigV4Error.INCOMPLETE_SIGNATURE,
            "'"
                + name
                + "' is named as a SignedHeader, but it does not exist in the HTTP request.");
      }
      out.append(name).append(':');
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(canonicalHeaderValue(values.get(i)));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Trims and collapses whitespace (space, tab, CR, LF) to single spaces; quotes not special. */
  public static String canonicalHeaderValue(String value) {
    if (isCanonical(value)) {
      return value; // what SDKs send: nothing to trim or collapse
    }
    StringBuilder out = new StringBuilder(value.length());
    boolean pendingSpace = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /** No leading or trailing space, no tab, CR or LF, no two spaces in a row. */
  private static boolean isCanonical(String value) {
    int last = value.length() - 1;
    if (last >= 0 && (value.charAt(0) == ' ' || value.charAt(last) == ' ')) {
      return false;
    }
    for (int i = 0; i <= last; i++) {
      char c = value.charAt(i);
      if (c == '\t' || c == '\r' || c == '\n' || (c == ' ' && value.charAt(i + 1) == ' ')) {
        return false;
      }
    }
    return true;
  }
}

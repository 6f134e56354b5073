package dev.gatehouse.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point: {@link #parse} reads what a request claims (no secret needed); {@link SigV4Verifier}
 * then checks it against the secret.
 */
public final class SigV4 {
  static final String AUTHORIZATION = "Authorization";
  static final String X_AMZ_DATE = "X-Amz-Date";
  static final String DATE = "Date";
  static final String X_AMZ_SECURITY_TOKEN = "X-Amz-Security-Token";
  static final String X_AMZ_CONTENT_SHA256 = "X-Amz-Content-Sha256";
  static final String X_AMZ_ALGORITHM = "X-Amz-Algorithm";
  static final String X_AMZ_CREDENTIAL = "X-Amz-Credential";
  static final String X_AMZ_SIGNED_HEADERS = "X-Amz-SignedHeaders";
  static final String X_AMZ_EXPIRES = "X-Amz-Expires";

  /** Longest {@code X-Amz-Expires}: the signing key is valid for at most 7 days. */
  public static final Duration MAX_PRESIGNED_EXPIRY = Duration.ofDays(7);

  private static final List<String> QUERY_AUTH_PARAMETERS =
      List.of(
          X_AMZ_ALGORITHM,
          X_AMZ_CREDENTIAL,
          Canonicalizer.SIGNATURE_PARAMETER,
          X_AMZ_DATE,
          X_AMZ_SIGNED_HEADERS,
          X_AMZ_EXPIRES);

  /** Headers read as one value, so refused when repeated. */
  private static final List<String> SINGLE_HEADERS =
      List.of(X_AMZ_DATE, X_AMZ_SECURITY_TOKEN, X_AMZ_CONTENT_SHA256);

  private SigV4() {}

  /**
   * Reads the authentication information of a request, header or presigned.
   *
   * @throws SigV4Exception {@code MissingAuthenticationToken} when the request carries none, {@code
   *     IncompleteSignature} when it is malformed, incomplete, or uses both styles at once
   */
  public static ParsedAuthorization parse(SignedRequest request) {
    Map<String, List<String>> query = queryParameters(request.rawQuery());
    boolean inQuery =
        query.containsKey(X_AMZ_ALGORITHM)
            || query.containsKey(X_AMZ_CREDENTIAL)
            || query.containsKey(Canonicalizer.SIGNATURE_PARAMETER);
    List<String> headers = request.headerValues(AUTHORIZATION);
    if (!headers.isEmpty() && inQuery) {
      // spec: "You can't add authentication information using both the Authorization header and
      // query string parameters" (create-signed-request); text as S3 words it (inference for IAM).
      throw incomplete(
          "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature"
              + " query string parameter or the Authorization header should be specified");
    }
    if (inQuery) {
      return parseQuery(query);
    }
    if (headers.isEmpty()) {
      throw new SigV4Exception(
          SigV4Error.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
    }
    if (headers.size() > 1) {
      throw incomplete("Only one Authorization header is allowed.");
    }
    for (String name : SINGLE_HEADERS) {
      if (request.headerCount(name) > 1) {
        // Each of these is read as one value; a second copy would be signed joined with the first
        // while the server acted on the first alone.
        throw incomplete("Header '" + name + "' must appear only once.");
      }
    }
    return parseHeader(request, headers.get(0));
  }

  private static ParsedAuthorization parseHeader(SignedRequest request, String header) {
    String value = header.trim();
    int space = value.indexOf(' ');
    String algorithm = space < 0 ? value : value.substring(0, space);
    if (!algorithm.equals(SignatureCalculator.ALGORITHM)) {
      throw incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'");
    }
    // spec: "There is no comma between the algorithm and Credential. However, the other elements
    // must be separated by commas." (create-signed-request). Only the three fields below are read;
    // of a repeated one the first counts. Scanned in place: every signed request passes here.
    String rest = space < 0 ? "" : value.substring(space + 1);
    String credentialField = null;
    String signatureField = null;
    String signedHeadersField = null;
    for (int from = 0; from <= rest.length(); ) {
      int comma = rest.indexOf(',', from);
      int to = comma < 0 ? rest.length() : comma;
      String trimmed = rest.substring(from, to).trim();
      from = to + 1;
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq < 0) {
        // spec: observed STS text (AWS facts 1.2, auth-header parse errors)
        throw incomplete(
            "'"
                + trimmed
                + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                + value
                + "'.");
      }
      int keyEnd = eq;
      while (keyEnd > 0 && trimmed.charAt(keyEnd - 1) <= ' ') {
        keyEnd--; // as String.trim: the name starts at 0, trimmed already
      }
      if (credentialField == null && isName(trimmed, keyEnd, "Credential")) {
        credentialField = trimmed.substring(eq + 1).trim();
      } else if (signatureField == null && isName(trimmed, keyEnd, "Signature")) {
        signatureField = trimmed.substring(eq + 1).trim();
      } else if (signedHeadersField == null && isName(trimmed, keyEnd, "SignedHeaders")) {
        signedHeadersField = trimmed.substring(eq + 1).trim();
      }
    }
    Optional<String> xAmzDate = first(request.headerValues(X_AMZ_DATE));
    Optional<String> httpDate = first(request.headerValues(DATE));
    // spec: observed AWS text, the missing parts listed together (AWS facts 1.2)
    StringBuilder missing = new StringBuilder();
    requireField(credentialField, "Credential", missing);
    requireField(signatureField, "Signature", missing);
    requireField(signedHeadersField, "SignedHeaders", missing);
    if (xAmzDate.isEmpty() && httpDate.isEmpty()) {
      appendSentence(
          missing,
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    if (missing.length() > 0) {
      throw incomplete(missing.toString());
    }
    Credential credential = Credential.parse(credentialField);
    List<String> signedHeaders = signedHeaderList(signedHeadersField);
    Instant time;
    String amzDate;
    if (xAmzDate.isPresent()) {
      // spec: X-Amz-Date always overrides Date (signing-elements)
      amzDate = xAmzDate.get().trim();
      time = AmzDate.parseBasic(amzDate).orElseThrow(() -> badDate(amzDate));
    } else {
      String date = httpDate.orElseThrow();
      time =
          AmzDate.parseHttpDate(date)
              .orElseThrow(
                  () ->
                      incomplete(
                          "Date header must be an RFC 1123 date when X-Amz-Date is absent. Got '"
                              + date
                              + "'."));
      amzDate = AmzDate.format(time);
    }
    String token = first(request.headerValues(X_AMZ_SECURITY_TOKEN)).orElse("").trim();
    boolean tokenSigned = signedHeaders.contains("x-amz-security-token");
    return new ParsedAuthorization(
        credential.accessKeyId(),
        credential.scope(),
        signedHeaders,
        signatureField,
        amzDate,
        time,
        token,
        tokenSigned,
        new AuthorizationMode.InHeader());
  }

  private static ParsedAuthorization parseQuery(Map<String, List<String>> query) {
    for (String name : QUERY_AUTH_PARAMETERS) {
      if (!query.containsKey(name)) {
        // spec: the text S3 uses for incomplete presigned URLs (inference for IAM/STS)
        throw incomplete(
            "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential',"
                + " 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'."
                + " Re-examine the query-string parameters.");
      }
      if (query.get(name).size() > 1) {
        throw incomplete("Query-string parameter '" + name + "' must appear only once.");
      }
    }
    if (query.getOrDefault(X_AMZ_SECURITY_TOKEN, List.of()).size() > 1) {
      throw incomplete("Query-string parameter 'X-Amz-Security-Token' must appear only once.");
    }
    String algorithm = single(query, X_AMZ_ALGORITHM);
    if (!algorithm.equals(SignatureCalculator.ALGORITHM)) {
      throw incomplete("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
    }
    Credential credential = Credential.parse(single(query, X_AMZ_CREDENTIAL));
    String amzDate = single(query, X_AMZ_DATE);
    Instant time = AmzDate.parseBasic(amzDate).orElseThrow(() -> badDate(amzDate));
    Duration expires = expires(single(query, X_AMZ_EXPIRES));
    String token = first(query.getOrDefault(X_AMZ_SECURITY_TOKEN, List.of())).orElse("");
    return new ParsedAuthorization(
        credential.accessKeyId(),
        credential.scope(),
        signedHeaderList(single(query, X_AMZ_SIGNED_HEADERS)),
        single(query, Canonicalizer.SIGNATURE_PARAMETER),
        amzDate,
        time,
        token,
        true,
        new AuthorizationMode.Presigned(expires));
  }

  /** spec: S3 presigned URL limits (the texts are S3's; AWS facts 1.2 "X-Amz-Expires"). */
  private static Duration expires(String value) {
    long seconds;
    try {
      seconds = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw incomplete("X-Amz-Expires should be a number");
    }
    if (seconds < 0) {
      throw incomplete("X-Amz-Expires must be non-negative");
    }
    if (seconds > MAX_PRESIGNED_EXPIRY.toSeconds()) {
      throw incomplete("X-Amz-Expires must be less than a week (in seconds) that is 604800");
    }
    return Duration.ofSeconds(seconds);
  }

  private static List<String> signedHeaderList(String value) {
    List<String> names = new ArrayList<>();
    for (String name : value.split(";", -1)) {
      String trimmed = name.trim();
      if (!trimmed.isEmpty()) {
        names.add(trimmed.toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  /** Query parameters by decoded name, decoded values in order of appearance. */
  static Map<String, List<String>> queryParameters(String rawQuery) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (QueryParameter parameter : QueryParameter.parse(rawQuery)) {
      byName.computeIfAbsent(parameter.name(), n -> new ArrayList<>(1)).add(parameter.value());
    }
    return byName;
  }

  private static String single(Map<String, List<String>> query, String name) {
    return query.get(name).get(0);
  }

  private static Optional<String> first(List<String> values) {
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Whether {@code part}'s first {@code length} characters are exactly {@code name}. */
  private static boolean isName(String part, int length, String name) {
    return length == name.length() && part.startsWith(name);
  }

  private static void requireField(String field, String name, StringBuilder missing) {
    if (field == null) {
      appendSentence(missing, "Authorization header requires '" + name + "' parameter.");
    }
  }

  private static void appendSentence(StringBuilder out, String sentence) {
    if (out.length() > 0) {
      out.append(' ');
    }
    out.append(sentence);
  }

  private static SigV4Exception badDate(String value) {
    // spec: AWS's text for a malformed X-Amz-Date (inference: quoted by third parties)
    return incomplete(
        "Date must be in ISO-8601 'basic format'. Got '"
            + value
            + "'. See http://en.wikipedia.org/wiki/ISO_8601");
  }

  static SigV4Exception incomplete(String message) {
    return new SigV4Exception(SigV4Error.INCOMPLETE_SIGNATURE, message);
  }

  /** The credential {@code AKID/date/region/service/terminator}. */
  private record Credential(String accessKeyId, CredentialScope scope) {
    static Credential parse(String value) {
      String[] parts = value.split("/", -1);
      if (parts.length != 5) {
        // spec: AWS's text for a credential of the wrong shape (inference: quoted by third parties)
        throw incomplete(
            "Credential must have exactly 5 slash-delimited elements, e.g."
                + " keyid/date/region/service/term, got '"
                + value
                + "'");
      }
      return new Credential(parts[0], new CredentialScope(parts[1], parts[2], parts[3], parts[4]));
    }
  }
}

package dev.gatehouse.sigv4;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request failed SigV4 authentication. Carries the {@link SigV4Error} (code, status, fault) and
 * the client-facing message in AWS's wording. The message never contains a secret; for {@link
 * SigV4Error#SIGNATURE_DOES_NOT_MATCH} it contains the canonical request and string to sign the
 * server computed, as AWS's does.
 */
public final class SigV4Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final SigV4Error error;
  private final transient Map<String, String> details;

  public SigV4Exception(SigV4Error error, String message) {
    this(error, message, Map.of());
  }

  /**
   * An error with extra elements for the error document, in order, as S3 adds them (for example
   * {@code NumberBytesExpected}, {@code StringToSign}, {@code CanonicalRequest}).
   */
  public SigV4Exception(SigV4Error error, String message, Map<String, String> details) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.error = Objects.requireNonNull(error, "error");
    this.details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** Name, value, name, value... as an ordered map for {@link #details()}. */
  static Map<String, String> ordered(String... namesAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  /** Extra named values for the error document, in order; empty for most errors. */
  public Map<String, String> details() {
    return details;
  }

  /** The error kind, which maps to the AWS code and HTTP status. */
  public SigV4Error error() {
    return error;
  }

  /** Shorthand for {@code error().code()}. */
  public String code() {
    return error.code();
  }
}

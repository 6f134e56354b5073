package dev.gatehouse.api.s3;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.objects.ObjectStoreException;
import dev.gatehouse.core.s3.S3Error;
import dev.gatehouse.core.s3.S3Exception;
import dev.gatehouse.sigv4.SigV4Exception;
import java.util.Map;
import java.util.Objects;

/**
 * An S3 error on its way through the one pipeline: S3's code, HTTP status and message (and any
 * extra elements of S3's error document, such as a signature failure's canonical request). The
 * pipeline refuses every {@link GatehouseException} in one place; this one carries S3's wire
 * values, which the S3 codec writes and the audit record shows.
 */
public final class S3Refusal extends GatehouseException {
  private static final long serialVersionUID = 1L;

  private final String s3Code;
  private final int status;
  private final transient Map<String, String> details;

  public S3Refusal(String s3Code, int status, String message, Map<String, String> details) {
    super(status >= 500 ? ErrorCode.INTERNAL_FAILURE : ErrorCode.ACCESS_DENIED, message);
    this.s3Code = Objects.requireNonNull(s3Code);
    this.status = status;
    this.details = Map.copyOf(details);
  }

  /** One of S3's errors with its default message. */
  public static S3Refusal of(S3Error error) {
    return new S3Refusal(error.code(), error.status(), error.defaultMessage(), Map.of());
  }

  /** One of S3's errors with a message that says where and what. */
  public static S3Refusal of(S3Error error, String message) {
    return new S3Refusal(error.code(), error.status(), message, Map.of());
  }

  /** S3's code, for example {@code NoSuchKey}. */
  public String s3Code() {
    return s3Code;
  }

  public int status() {
    return status;
  }

  /** Extra elements of the error document, in order. */
  public Map<String, String> details() {
    return details;
  }

  /**
   * The S3 refusal for what the layers below throw: core's S3 errors, the object store's, SigV4's
   * (bodies that fail their checks while streaming), and Gatehouse's own (the pipeline's
   * AccessDenied). Anything else is not a refusal.
   */
  static java.util.Optional<S3Refusal> from(RuntimeException e) {
    if (e instanceof S3Refusal r) {
      return java.util.Optional.of(r);
    }
    if (e instanceof S3Exception s) {
      return java.util.Optional.of(
          new S3Refusal(s.error().code(), s.error().status(), s.getMessage(), Map.of()));
    }
    if (e instanceof ObjectStoreException o && o.error().httpStatus() < 500) {
      return java.util.Optional.of(
          new S3Refusal(o.error().code(), o.error().httpStatus(), message(o), Map.of()));
    }
    if (e instanceof SigV4Exception v) {
      return java.util.Optional.of(
          new S3Refusal(v.code(), v.error().httpStatus(), v.getMessage(), v.details()));
    }
    if (e instanceof GatehouseException g && g.code().httpStatus() < 500) {
      return java.util.Optional.of(
          new S3Refusal(g.code().awsCode(), g.code().httpStatus(), g.getMessage(), Map.of()));
    }
    return java.util.Optional.empty();
  }

  private static String message(ObjectStoreException e) {
    return S3Error.byCode(e.error().code())
        .map(known -> e.getMessage() == null ? known.defaultMessage() : e.getMessage())
        .orElse(String.valueOf(e.getMessage()));
  }
}

package dev.gatehouse.core.objects;

/**
 * The S3 errors an object store reports, with their HTTP status.
 *
 * <p>spec: Amazon S3 API Reference, "Error responses", list of error codes.
 */
public enum ObjectError {
  NO_SUCH_BUCKET("NoSuchBucket", 404),
  BUCKET_NOT_EMPTY("BucketNotEmpty", 409),
  NO_SUCH_KEY("NoSuchKey", 404),
  NO_SUCH_UPLOAD("NoSuchUpload", 404),
  INVALID_PART("InvalidPart", 400),
  INVALID_PART_ORDER("InvalidPartOrder", 400),
  ENTITY_TOO_SMALL("EntityTooSmall", 400),
  ENTITY_TOO_LARGE("EntityTooLarge", 400),
  INVALID_RANGE("InvalidRange", 416),
  INVALID_ARGUMENT("InvalidArgument", 400),
  INCOMPLETE_BODY("IncompleteBody", 400),
  MALFORMED_XML("MalformedXML", 400),
  /** A backend store lacks the feature (for example object tagging). */
  NOT_IMPLEMENTED("NotImplemented", 501),
  INTERNAL_ERROR("InternalError", 500);

  private final String code;
  private final int httpStatus;

  ObjectError(String code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  /** The S3 error code, for example {@code NoSuchKey}. */
  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The error with this S3 code, or {@link #INTERNAL_ERROR} for a code this port does not know. */
  public static ObjectError fromCode(String code) {
    for (ObjectError e : values()) {
      if (e.code.equals(code)) {
        return e;
      }
    }
    return INTERNAL_ERROR;
  }
}

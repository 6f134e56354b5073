package dev.gatehouse.core.objects;

import java.util.Objects;

/**
 * An object store refused a request (an S3 client error) or failed ({@link
 * ObjectError#INTERNAL_ERROR}). The message says where and what; for {@code INTERNAL_ERROR} it is
 * for logs only.
 */
public class ObjectStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ObjectError error;

  public ObjectStoreException(ObjectError error, String message) {
    super(message);
    this.error = Objects.requireNonNull(error, "error");
  }

  public ObjectStoreException(ObjectError error, String message, Throwable cause) {
    super(message, cause);
    this.error = Objects.requireNonNull(error, "error");
  }

  public ObjectError error() {
    return error;
  }

  /** A store failure (I/O, backend unreachable): S3's {@code InternalError}. */
  public static ObjectStoreException internal(String message, Throwable cause) {
    return new ObjectStoreException(ObjectError.INTERNAL_ERROR, message, cause);
  }
}

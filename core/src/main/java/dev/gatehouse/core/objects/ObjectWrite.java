package dev.gatehouse.core.objects;

import java.util.Objects;

/**
 * A single PUT: the key, the declared body length ({@code Content-Length}, or the decoded length of
 * a chunked body) and the attributes.
 */
public record ObjectWrite(String key, long length, ObjectAttributes attributes) {
  public ObjectWrite {
    ObjectKeys.requireValid(key);
    if (length < 0) {
      throw new ObjectStoreException(
          ObjectError.INVALID_ARGUMENT, "the length of " + key + " is negative: " + length);
    }
    Objects.requireNonNull(attributes, "attributes");
  }

  public static ObjectWrite of(String key, long length) {
    return new ObjectWrite(key, length, ObjectAttributes.none());
  }
}

package dev.gatehouse.sigv4;

import java.util.Objects;

/**
 * One HTTP header field as received: the name in its original case and the raw value (which may
 * still contain obs-fold line breaks and surrounding whitespace).
 */
public record Header(String name, String value) {
  public Header {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  /** Whether this header has the given name, compared case-insensitively as HTTP requires. */
  public boolean is(String otherName) {
    return name.equalsIgnoreCase(otherName);
  }
}

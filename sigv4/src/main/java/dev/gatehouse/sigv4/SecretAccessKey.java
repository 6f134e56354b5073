package dev.gatehouse.sigv4;

import java.util.Objects;

/** A secret access key. Wrapped so that it can never reach a log through {@code toString}. */
public record SecretAccessKey(String value) {
  public SecretAccessKey {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "SecretAccessKey[****]";
  }
}

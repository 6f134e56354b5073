package dev.gatehouse.core.sts;

import java.util.Objects;

/**
 * A session tag. Keys compare case-insensitively on AWS while their case is preserved.
 *
 * <p>spec: IAM User Guide, id_session-tags.md.
 */
public record SessionTag(String key, String value) {
  public SessionTag {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}

package dev.gatehouse.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The request context: condition keys to values. Key names are case-insensitive (spec:
 * reference_policies_elements_condition, "Condition key names are not case-sensitive"); they are
 * lower-cased once here so that evaluation is a plain hash lookup. A key is single-valued (a
 * string) or multivalued (a list, possibly empty).
 */
public final class RequestContext {
  /** The values of one key. */
  static final class Value {
    final String[] values;
    final boolean multi;

    Value(String[] values, boolean multi) {
      this.values = values;
      this.multi = multi;
    }
  }

  private static final RequestContext EMPTY = new RequestContext(Map.of());

  private final Map<String, Value> values;

  private RequestContext(Map<String, Value> values) {
    this.values = values;
  }

  /** No keys at all. */
  public static RequestContext empty() {
    return EMPTY;
  }

  /** A builder; later puts of the same key (in any case) replace earlier ones. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting with {@code base}'s keys (already lower-cased, so copied without work): the
   * authorizer keeps the keys that depend only on the principal and the snapshot built once.
   */
  public static Builder builder(RequestContext base) {
    return new Builder(base.values);
  }

  /** Builds a {@link RequestContext}. */
  public static final class Builder {
    private final Map<String, Value> values;

    private Builder() {
      values = new HashMap<>();
    }

    private Builder(Map<String, Value> base) {
      values = new HashMap<>(base);
    }

    /** A single-valued key. */
    public Builder put(String key, String value) {
      values.put(key.toLowerCase(Locale.ROOT), new Value(new String[] {value}, false));
      return this;
    }

    /** A multivalued key such as {@code aws:TagKeys}. */
    public Builder putAll(String key, List<String> list) {
      values.put(key.toLowerCase(Locale.ROOT), new Value(list.toArray(new String[0]), true));
      return this;
    }

    public RequestContext build() {
      return new RequestContext(Map.copyOf(values));
    }
  }

  /** The values of a key (any case), empty when the key is absent. */
  public Optional<List<String>> get(String key) {
    Value v = values.get(key.toLowerCase(Locale.ROOT));
    return v == null ? Optional.empty() : Optional.of(List.of(v.values));
  }

  /** The lower-cased key names. */
  public Set<String> keys() {
    return values.keySet();
  }

  /** Lookup by an already lower-cased key; null when absent. */
  Value lookup(String keyLower) {
    return values.get(keyLower);
  }

  /** The value of a single-valued key, for policy variables; null when absent or multivalued. */
  String single(String keyLower) {
    Value v = values.get(keyLower);
    return v == null || v.multi || v.values.length != 1 ? null : v.values[0];
  }
}

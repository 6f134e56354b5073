package dev.gatehouse.policy;

/**
 * A small map from lower-cased action to the statements whose action element matches it: open
 * addressing over one array of interleaved keys and values, read without locks, written
 * copy-on-write. It is compact so that the memos of hundreds of policies stay in cache; a {@code
 * ConcurrentHashMap} node per entry did not. Requests carry canonical action strings ({@link
 * AuthorizationRequest}), so a hit is usually an identity comparison that does not read the key's
 * characters; equal strings that are not canonical still hit.
 */
final class ActionMemo {
  private static final Object[] EMPTY = new Object[32];

  private final int maxSize;

  /** Slot {@code i} has its key at {@code 2i} and its statements at {@code 2i + 1}. */
  private volatile Object[] table = EMPTY;

  private int size;

  ActionMemo(int maxSize) {
    this.maxSize = maxSize;
  }

  private static int slot(int hash, int mask) {
    return (hash ^ (hash >>> 16)) & mask;
  }

  /** The memoized statements, or null. */
  CompiledStatement[] get(String key) {
    return get(key, key.hashCode());
  }

  /**
   * The memoized statements, or null; {@code hash} is {@code key.hashCode()}, kept by the caller.
   */
  CompiledStatement[] get(String key, int hash) {
    Object[] t = table;
    int mask = (t.length >> 1) - 1;
    for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
      Object k = t[i << 1];
      if (k == key) {
        return (CompiledStatement[]) t[(i << 1) + 1];
      }
      if (k == null) {
        return null;
      }
      if (k.equals(key)) {
        return (CompiledStatement[]) t[(i << 1) + 1];
      }
    }
  }

  /** Memoizes {@code value} unless full or present; readers see the old or the new table. */
  synchronized void put(String key, CompiledStatement[] value) {
    Object[] old = table;
    if (size >= maxSize || get(key) != null) {
      return;
    }
    int slots = old.length >> 1;
    if ((size + 1) * 2 > slots) {
      slots *= 2;
    }
    Object[] next = new Object[slots << 1];
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != null) {
        insert(next, (String) old[i], old[i + 1]);
      }
    }
    insert(next, key, value);
    size++;
    table = next;
  }

  private static void insert(Object[] t, String key, Object value) {
    int mask = (t.length >> 1) - 1;
    int i = slot(key.hashCode(), mask);
    while (t[i << 1] != null) {
      i = (i + 1) & mask;
    }
    t[i << 1] = key;
    t[(i << 1) + 1] = value;
  }

  synchronized int size() {
    return size;
  }
}

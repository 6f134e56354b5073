package dev.gatehouse.policy;

/**
 * A small map from lower-cased action to the statements whose action element matches it: open
 * addressing over two arrays, read without locks, written copy-on-write. It is compact so that the
 * memos of hundreds of policies stay in cache; a {@code ConcurrentHashMap} node per entry did not.
 */
final class ActionMemo {
  private static final class Table {
    final String[] keys;
    final CompiledStatement[][] values;
    final int size;

    Table(int capacity, int size) {
      this.keys = new String[capacity];
      this.values = new CompiledStatement[capacity][];
      this.size = size;
    }
  }

  private final int maxSize;
  private volatile Table table = new Table(16, 0);

  ActionMemo(int maxSize) {
    this.maxSize = maxSize;
  }

  private static int slot(String key, int mask) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & mask;
  }

  /** The memoized statements, or null. */
  CompiledStatement[] get(String key) {
    Table t = table;
    int mask = t.keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      String k = t.keys[i];
      if (k == null) {
        return null;
      }
      if (k.equals(key)) {
        return t.values[i];
      }
    }
  }

  /** Memoizes {@code value} unless full or present; readers see the old or the new table. */
  synchronized void put(String key, CompiledStatement[] value) {
    Table old = table;
    if (old.size >= maxSize || get(key) != null) {
      return;
    }
    int capacity = old.keys.length;
    while ((old.size + 1) * 2 > capacity) {
      capacity *= 2;
    }
    Table next = new Table(capacity, old.size + 1);
    for (int i = 0; i < old.keys.length; i++) {
      if (old.keys[i] != null) {
        insert(next, old.keys[i], old.values[i]);
      }
    }
    insert(next, key, value);
    table = next;
  }

  private static void insert(Table t, String key, CompiledStatement[] value) {
    int mask = t.keys.length - 1;
    int i = slot(key, mask);
    while (t.keys[i] != null) {
      i = (i + 1) & mask;
    }
    t.keys[i] = key;
    t.values[i] = value;
  }

  int size() {
    return table.size;
  }
}

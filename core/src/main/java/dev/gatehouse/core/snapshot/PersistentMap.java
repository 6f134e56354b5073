package dev.gatehouse.core.snapshot;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable hash map whose {@link #with} and {@link #without} return a new map that shares all
 * but the path to the changed entry with this one (a hash array mapped trie: 32-way nodes indexed
 * by 5 bits of the key's hash at a time). A snapshot's next generation replaces a few users or
 * roles of an account: copying whole maps made every write cost in proportion to the account, where
 * this costs at most seven small node copies per entry changed.
 *
 * <p>Reads see one immutable structure, so a map is safe to share across threads once published. No
 * null keys or values (as {@link Map#copyOf}); {@link #get} of an absent key is null.
 */
final class PersistentMap<K, V> extends AbstractMap<K, V> {
  private static final int BITS = 5;
  private static final int MASK = (1 << BITS) - 1;

  /** Past this shift every bit of the hash is used: keys that get there share their hash. */
  private static final int MAX_SHIFT = 30;

  private static final PersistentMap<Object, Object> EMPTY =
      new PersistentMap<>(new Branch(0, new Object[0]), 0);

  private final Branch root;
  private final int size;
  private Set<Map.Entry<K, V>> entries;

  /** One key and its value, with the key's hash. */
  private static final class Leaf<K, V> extends SimpleImmutableEntry<K, V> {
    private static final long serialVersionUID = 1L;
    final int hash;

    Leaf(K key, V value, int hash) {
      super(key, value);
      this.hash = hash;
    }
  }

  /** Keys whose hashes are equal in every bit, in no order. */
  private static final class Collision {
    final int hash;
    final Leaf<?, ?>[] leaves;

    Collision(int hash, Leaf<?, ?>[] leaves) {
      this.hash = hash;
      this.leaves = leaves;
    }
  }

  /** The slots of one 5-bit chunk that are present, each a Leaf, a Branch or a Collision. */
  private static final class Branch {
    final int bitmap;
    final Object[] slots;

    Branch(int bitmap, Object[] slots) {
      this.bitmap = bitmap;
      this.slots = slots;
    }

    int index(int bit) {
      return Integer.bitCount(bitmap & (bit - 1));
    }

    Branch replaced(int index, Object slot) {
      Object[] copy = slots.clone();
      copy[index] = slot;
      return new Branch(bitmap, copy);
    }

    Branch inserted(int bit, Object slot) {
      int at = index(bit);
      Object[] copy = new Object[slots.length + 1];
      System.arraycopy(slots, 0, copy, 0, at);
      copy[at] = slot;
      System.arraycopy(slots, at, copy, at + 1, slots.length - at);
      return new Branch(bitmap | bit, copy);
    }

    Branch removed(int bit) {
      int at = index(bit);
      Object[] copy = new Object[slots.length - 1];
      System.arraycopy(slots, 0, copy, 0, at);
      System.arraycopy(slots, at + 1, copy, at, slots.length - at - 1);
      return new Branch(bitmap & ~bit, copy);
    }
  }

  private PersistentMap(Branch root, int size) {
    this.root = root;
    this.size = size;
  }

  @SuppressWarnings("unchecked")
  static <K, V> PersistentMap<K, V> of() {
    return (PersistentMap<K, V>) EMPTY;
  }

  /** The entries of {@code map}, built in one pass (no intermediate generations). */
  @SuppressWarnings("unchecked")
  static <K, V> PersistentMap<K, V> copyOf(Map<? extends K, ? extends V> map) {
    if (map instanceof PersistentMap<?, ?> p) {
      return (PersistentMap<K, V>) p;
    }
    List<Leaf<?, ?>> leaves = new ArrayList<>(map.size());
    for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
      K k = Objects.requireNonNull(e.getKey(), "key");
      leaves.add(new Leaf<>(k, Objects.requireNonNull(e.getValue(), "value"), k.hashCode()));
    }
    if (leaves.isEmpty()) {
      return of();
    }
    return new PersistentMap<>(branch(leaves, 0), leaves.size());
  }

  private static int chunk(int hash, int shift) {
    return (hash >>> shift) & MASK;
  }

  /** The branch at {@code shift} for leaves whose hashes agree on every lower chunk. */
  private static Branch branch(List<Leaf<?, ?>> leaves, int shift) {
    List<List<Leaf<?, ?>>> buckets = new ArrayList<>(Collections.nCopies(MASK + 1, null));
    int bitmap = 0;
    for (Leaf<?, ?> l : leaves) {
      int c = chunk(l.hash, shift);
      if (buckets.get(c) == null) {
        buckets.set(c, new ArrayList<>(2));
      }
      buckets.get(c).add(l);
      bitmap |= 1 << c;
    }
    Object[] slots = new Object[Integer.bitCount(bitmap)];
    int i = 0;
    for (List<Leaf<?, ?>> bucket : buckets) {
      if (bucket == null) {
        continue;
      }
      if (bucket.size() == 1) {
        slots[i++] = bucket.get(0);
      } else if (shift >= MAX_SHIFT) {
        slots[i++] = new Collision(bucket.get(0).hash, bucket.toArray(new Leaf<?, ?>[0]));
      } else {
        slots[i++] = branch(bucket, shift + BITS);
      }
    }
    return new Branch(bitmap, slots);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    if (key == null) {
      return null;
    }
    int hash = key.hashCode();
    Branch b = root;
    for (int shift = 0; ; shift += BITS) {
      int bit = 1 << chunk(hash, shift);
      if ((b.bitmap & bit) == 0) {
        return null;
      }
      Object slot = b.slots[b.index(bit)];
      if (slot instanceof Branch next) {
        b = next;
      } else if (slot instanceof Leaf<?, ?> l) {
        return l.hash == hash && l.getKey().equals(key) ? (V) l.getValue() : null;
      } else {
        for (Leaf<?, ?> l : ((Collision) slot).leaves) {
          if (l.getKey().equals(key)) {
            return (V) l.getValue();
          }
        }
        return null;
      }
    }
  }

  /** This map with {@code key} mapped to {@code value}; this map itself when it already is. */
  PersistentMap<K, V> with(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    V old = get(key);
    if (value.equals(old)) {
      return this;
    }
    Branch r = put(root, new Leaf<>(key, value, key.hashCode()), 0);
    return new PersistentMap<>(r, old == null ? size + 1 : size);
  }

  /** This map without {@code key}; this map itself when it has no such key. */
  PersistentMap<K, V> without(Object key) {
    if (get(key) == null) {
      return this;
    }
    if (size == 1) {
      return of();
    }
    Object r = remove(root, key, key.hashCode(), 0);
    Branch top;
    if (r instanceof Leaf<?, ?> l) {
      top = new Branch(1 << chunk(l.hash, 0), new Object[] {l});
    } else {
      top = (Branch) r;
    }
    return new PersistentMap<>(top, size - 1);
  }

  private static Branch put(Branch b, Leaf<?, ?> leaf, int shift) {
    int bit = 1 << chunk(leaf.hash, shift);
    if ((b.bitmap & bit) == 0) {
      return b.inserted(bit, leaf);
    }
    int at = b.index(bit);
    Object slot = b.slots[at];
    Object now;
    if (slot instanceof Branch next) {
      now = put(next, leaf, shift + BITS);
    } else if (slot instanceof Leaf<?, ?> l) {
      now = l.getKey().equals(leaf.getKey()) ? leaf : pair(l, leaf, shift + BITS);
    } else {
      now = withLeaf((Collision) slot, leaf);
    }
    return b.replaced(at, now);
  }

  /** Two leaves that share their chunks below {@code shift}, in the smallest subtree. */
  private static Object pair(Leaf<?, ?> a, Leaf<?, ?> b, int shift) {
    if (shift > MAX_SHIFT) {
      return new Collision(a.hash, new Leaf<?, ?>[] {a, b});
    }
    int ca = chunk(a.hash, shift);
    int cb = chunk(b.hash, shift);
    if (ca == cb) {
      return new Branch(1 << ca, new Object[] {pair(a, b, shift + BITS)});
    }
    return new Branch((1 << ca) | (1 << cb), ca < cb ? new Object[] {a, b} : new Object[] {b, a});
  }

  private static Collision withLeaf(Collision c, Leaf<?, ?> leaf) {
    Leaf<?, ?>[] ls = c.leaves;
    for (int i = 0; i < ls.length; i++) {
      if (ls[i].getKey().equals(leaf.getKey())) {
        Leaf<?, ?>[] copy = ls.clone();
        copy[i] = leaf;
        return new Collision(c.hash, copy);
      }
    }
    Leaf<?, ?>[] copy = Arrays.copyOf(ls, ls.length + 1);
    copy[ls.length] = leaf;
    return new Collision(c.hash, copy);
  }

  /**
   * The subtree without {@code key}, which it holds: a Branch, or the one Leaf left (lifted into
   * the parent's slot, so that a removal leaves the tree as a build of the same entries would).
   */
  private static Object remove(Branch b, Object key, int hash, int shift) {
    int bit = 1 << chunk(hash, shift);
    int at = b.index(bit);
    Object slot = b.slots[at];
    Object now;
    if (slot instanceof Branch next) {
      now = remove(next, key, hash, shift + BITS);
    } else if (slot instanceof Leaf<?, ?>) {
      now = null;
    } else {
      now = withoutLeaf((Collision) slot, key);
    }
    if (now == null) {
      Branch left = b.removed(bit);
      if (left.slots.length == 1 && left.slots[0] instanceof Leaf<?, ?> only) {
        return only;
      }
      return left;
    }
    if (b.slots.length == 1 && now instanceof Leaf<?, ?>) {
      return now;
    }
    return b.replaced(at, now);
  }

  /** The collision without {@code key}: its last leaf alone when one is left. */
  private static Object withoutLeaf(Collision c, Object key) {
    Leaf<?, ?>[] ls = c.leaves;
    if (ls.length == 2) {
      return ls[0].getKey().equals(key) ? ls[1] : ls[0];
    }
    Leaf<?, ?>[] copy = new Leaf<?, ?>[ls.length - 1];
    int j = 0;
    for (Leaf<?, ?> l : ls) {
      if (!l.getKey().equals(key)) {
        copy[j++] = l;
      }
    }
    return new Collision(c.hash, copy);
  }

  /** Every branch and collision node of this map, by identity: what tests see of the sharing. */
  Set<Object> nodes() {
    Set<Object> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      Object n = todo.pop();
      nodes.add(n);
      if (n instanceof Branch b) {
        for (Object slot : b.slots) {
          if (!(slot instanceof Leaf<?, ?>)) {
            todo.push(slot);
          }
        }
      }
    }
    return nodes;
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    Set<Map.Entry<K, V>> s = entries;
    if (s == null) {
      s = new Entries();
      entries = s;
    }
    return s;
  }

  /** The entries, walked depth first; unmodifiable (as the map is). */
  private final class Entries extends AbstractSet<Map.Entry<K, V>> {
    @Override
    public int size() {
      return size;
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
      return new Walk<>(root);
    }
  }

  private static final class Walk<K, V> implements Iterator<Map.Entry<K, V>> {
    /** The slots still to visit, deepest last. */
    private final Deque<Object[]> arrays = new ArrayDeque<>();

    private final Deque<int[]> positions = new ArrayDeque<>();
    private Leaf<?, ?> next;

    Walk(Branch root) {
      arrays.push(root.slots);
      positions.push(new int[] {0});
      advance();
    }

    private void advance() {
      next = null;
      while (next == null && !arrays.isEmpty()) {
        Object[] slots = arrays.peek();
        int[] pos = positions.peek();
        if (pos[0] == slots.length) {
          arrays.pop();
          positions.pop();
          continue;
        }
        Object slot = slots[pos[0]++];
        if (slot instanceof Leaf<?, ?> l) {
          next = l;
        } else if (slot instanceof Branch b) {
          arrays.push(b.slots);
          positions.push(new int[] {0});
        } else {
          arrays.push(((Collision) slot).leaves);
          positions.push(new int[] {0});
        }
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map.Entry<K, V> next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      Map.Entry<K, V> e = (Map.Entry<K, V>) next;
      advance();
      return e;
    }
  }
}

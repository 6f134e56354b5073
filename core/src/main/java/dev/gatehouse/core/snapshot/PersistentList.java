package dev.gatehouse.core.snapshot;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable list whose {@link #inserted}, {@link #removed} and {@link #replaced} return a new
 * list that shares all but the path to the changed position with this one: a tree of nodes of at
 * most {@value #WIDTH} children, each inner node knowing how many elements are under each child. A
 * snapshot's customer policies are such a list in listing order: creating or deleting one policy of
 * thousands copies a few small nodes, where copying an array copied the references to all of them.
 *
 * <p>{@link #get} descends the tree (three levels for 32,000 elements). No null elements.
 */
final class PersistentList<E> extends AbstractList<E> {
  static final int WIDTH = 32;

  private static final PersistentList<Object> EMPTY = new PersistentList<>(new Object[0]);

  /** The root: a leaf (the elements) or an {@link Inner} node. */
  private final Object root;

  private final int size;

  /** Children, and the number of elements under each child and those before it. */
  private static final class Inner {
    final Object[] children;
    final int[] ends;

    Inner(Object[] children, int[] ends) {
      this.children = children;
      this.ends = ends;
    }

    int size() {
      return ends[ends.length - 1];
    }

    /** The child holding position {@code index}. */
    int child(int index) {
      int c = 0;
      while (ends[c] <= index) {
        c++;
      }
      return c;
    }

    int start(int child) {
      return child == 0 ? 0 : ends[child - 1];
    }
  }

  private PersistentList(Object[] leaf) {
    this.root = leaf;
    this.size = leaf.length;
  }

  private PersistentList(Object root, int size) {
    this.root = root;
    this.size = size;
  }

  @SuppressWarnings("unchecked")
  static <E> PersistentList<E> of() {
    return (PersistentList<E>) EMPTY;
  }

  /** The elements of {@code list} in its order, in full nodes (no intermediate generations). */
  @SuppressWarnings("unchecked")
  static <E> PersistentList<E> copyOf(List<? extends E> list) {
    if (list instanceof PersistentList<?> p) {
      return (PersistentList<E>) p;
    }
    if (list.isEmpty()) {
      return of();
    }
    List<Object> level = new ArrayList<>();
    Object[] all = list.toArray();
    for (int i = 0; i < all.length; i += WIDTH) {
      Object[] leaf = Arrays.copyOfRange(all, i, Math.min(all.length, i + WIDTH));
      for (Object e : leaf) {
        Objects.requireNonNull(e, "element");
      }
      level.add(leaf);
    }
    while (level.size() > 1) {
      List<Object> up = new ArrayList<>();
      for (int i = 0; i < level.size(); i += WIDTH) {
        up.add(inner(level.subList(i, Math.min(level.size(), i + WIDTH)).toArray()));
      }
      level = up;
    }
    return new PersistentList<>(level.get(0), all.length);
  }

  private static int size(Object node) {
    return node instanceof Inner in ? in.size() : ((Object[]) node).length;
  }

  private static Inner inner(Object[] children) {
    int[] ends = new int[children.length];
    int n = 0;
    for (int i = 0; i < children.length; i++) {
      n += size(children[i]);
      ends[i] = n;
    }
    return new Inner(children, ends);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  @SuppressWarnings("unchecked")
  public E get(int index) {
    Objects.checkIndex(index, size);
    Object node = root;
    while (node instanceof Inner in) {
      int c = in.child(index);
      index -= in.start(c);
      node = in.children[c];
    }
    return (E) ((Object[]) node)[index];
  }

  /** This list with {@code element} at {@code index} instead of what is there. */
  PersistentList<E> replaced(int index, E element) {
    Objects.checkIndex(index, size);
    Objects.requireNonNull(element, "element");
    return new PersistentList<>(replace(root, index, element), size);
  }

  private static Object replace(Object node, int index, Object element) {
    if (node instanceof Inner in) {
      int c = in.child(index);
      Object[] children = in.children.clone();
      children[c] = replace(children[c], index - in.start(c), element);
      return new Inner(children, in.ends);
    }
    Object[] leaf = ((Object[]) node).clone();
    leaf[index] = element;
    return leaf;
  }

  /** This list with {@code element} inserted at {@code index} (0 to size). */
  PersistentList<E> inserted(int index, E element) {
    Objects.checkIndex(index, size + 1);
    Objects.requireNonNull(element, "element");
    Object[] parts = insert(root, index, element);
    Object top = parts.length == 1 ? parts[0] : inner(parts);
    return new PersistentList<>(top, size + 1);
  }

  /** The node with the element inserted: one node, or two halves when it was full. */
  private static Object[] insert(Object node, int index, Object element) {
    Object[] slots;
    if (node instanceof Inner in) {
      int c = index == in.size() ? in.children.length - 1 : in.child(index);
      Object[] parts = insert(in.children[c], index - in.start(c), element);
      slots = new Object[in.children.length + parts.length - 1];
      System.arraycopy(in.children, 0, slots, 0, c);
      System.arraycopy(parts, 0, slots, c, parts.length);
      System.arraycopy(in.children, c + 1, slots, c + parts.length, in.children.length - c - 1);
    } else {
      Object[] leaf = (Object[]) node;
      slots = new Object[leaf.length + 1];
      System.arraycopy(leaf, 0, slots, 0, index);
      slots[index] = element;
      System.arraycopy(leaf, index, slots, index + 1, leaf.length - index);
    }
    boolean isLeaf = !(node instanceof Inner);
    if (slots.length <= WIDTH) {
      return new Object[] {isLeaf ? slots : inner(slots)};
    }
    int half = slots.length / 2;
    Object[] left = Arrays.copyOfRange(slots, 0, half);
    Object[] right = Arrays.copyOfRange(slots, half, slots.length);
    return isLeaf ? new Object[] {left, right} : new Object[] {inner(left), inner(right)};
  }

  /** This list without the element at {@code index}. */
  PersistentList<E> removed(int index) {
    Objects.checkIndex(index, size);
    if (size == 1) {
      return of();
    }
    Object top = remove(root, index);
    // A root left with one child is replaced by it, so that the tree does not stay taller than
    // its elements need.
    while (top instanceof Inner in && in.children.length == 1) {
      top = in.children[0];
    }
    return new PersistentList<>(top, size - 1);
  }

  /** The node without the element, or null when it held only that one. */
  private static Object remove(Object node, int index) {
    if (node instanceof Inner in) {
      int c = in.child(index);
      Object child = remove(in.children[c], index - in.start(c));
      if (child == null) {
        if (in.children.length == 1) {
          return null;
        }
        Object[] children = new Object[in.children.length - 1];
        System.arraycopy(in.children, 0, children, 0, c);
        System.arraycopy(in.children, c + 1, children, c, children.length - c);
        return inner(children);
      }
      Object[] children = in.children.clone();
      children[c] = child;
      return inner(children);
    }
    Object[] leaf = (Object[]) node;
    if (leaf.length == 1) {
      return null;
    }
    Object[] left = new Object[leaf.length - 1];
    System.arraycopy(leaf, 0, left, 0, index);
    System.arraycopy(leaf, index + 1, left, index, left.length - index);
    return left;
  }

  /** Every node of this list, by identity: what tests see of the sharing. */
  Set<Object> nodes() {
    Set<Object> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Object> todo = new ArrayList<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      Object n = todo.remove(todo.size() - 1);
      nodes.add(n);
      if (n instanceof Inner in) {
        todo.addAll(Arrays.asList(in.children));
      }
    }
    return nodes;
  }
}

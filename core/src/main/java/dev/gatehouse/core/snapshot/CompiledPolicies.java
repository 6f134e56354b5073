package dev.gatehouse.core.snapshot;

import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.MalformedPolicyException;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.ValidationMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiled policy documents kept across snapshot generations, by content: a write that changes one
 * policy leaves every other document of the account as it was, and the next snapshot takes their
 * compiled forms from here instead of compiling them again.
 *
 * <p>The key is everything the compiled form depends on: the document's text, the kind of policy it
 * is and the source a decision names. The same text under another name or kind is another entry, so
 * a decision never names the wrong policy.
 *
 * <p>Bounded: beyond {@code capacity} documents the least recently used is dropped. Dropping is
 * safe at any time: a snapshot holds its documents itself, and a dropped one is compiled again when
 * a later snapshot needs it. A capacity of zero keeps nothing (every build compiles every document,
 * as before this cache existed).
 */
public final class CompiledPolicies {
  /** Room for the documents of a few large accounts. */
  public static final int DEFAULT_CAPACITY = 50_000;

  private record Key(PolicyKind kind, String source, String json) {}

  private final int capacity;
  private final AtomicLong compilations = new AtomicLong();

  /** Access-ordered: the eldest entry is the least recently used. Guarded by {@code this}. */
  private final LinkedHashMap<Key, PolicyDocument> documents;

  private CompiledPolicies(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    this.capacity = capacity;
    this.documents =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, PolicyDocument> eldest) {
            return size() > CompiledPolicies.this.capacity;
          }
        };
  }

  /** Keeps up to {@code capacity} compiled documents. */
  public static CompiledPolicies bounded(int capacity) {
    return new CompiledPolicies(capacity);
  }

  /** Keeps nothing: every snapshot compiles every document again (the reference for benchmarks). */
  public static CompiledPolicies disabled() {
    return new CompiledPolicies(0);
  }

  /**
   * The document compiled, taken from the cache when the same text was compiled before as the same
   * kind and source.
   *
   * @throws IllegalStateException when a stored document does not compile (see {@link #compile})
   */
  public PolicyDocument document(String json, PolicyKind kind, String source) {
    Key key = new Key(kind, source, json);
    synchronized (this) {
      PolicyDocument known = documents.get(key);
      if (known != null) {
        return known;
      }
    }
    // Compiled outside the lock: two builds may compile the same new document at once; the first
    // one kept wins, and both results are equal.
    PolicyDocument compiled = new PolicyDocument(source, json, compile(json, kind, source));
    compilations.incrementAndGet();
    if (capacity == 0) {
      return compiled;
    }
    synchronized (this) {
      PolicyDocument raced = documents.putIfAbsent(key, compiled);
      return raced == null ? compiled : raced;
    }
  }

  /** How many documents were compiled (cache misses) since this cache was made. */
  public long compilations() {
    return compilations.get();
  }

  /** How many compiled documents are kept now. */
  public synchronized int size() {
    return documents.size();
  }

  /**
   * Compiles a stored document. Documents were validated when written, so they are parsed as AWS
   * evaluates them; one that still fails makes the build fail (closed), never silently dropped (a
   * dropped Deny would grant).
   */
  static CompiledPolicy compile(String json, PolicyKind kind, String source) {
    try {
      return CompiledPolicy.compile(
          Policy.parse(json, kind, ValidationMode.EVALUATION), kind, source);
    } catch (MalformedPolicyException e) {
      throw new IllegalStateException(
          "stored policy " + source + " does not compile: " + e.getMessage(), e);
    }
  }
}

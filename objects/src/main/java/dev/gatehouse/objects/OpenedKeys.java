package dev.gatehouse.objects;

import dev.gatehouse.core.crypto.CryptoException;
import dev.gatehouse.core.crypto.KeyRing;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The data keys of blobs read recently, opened once under the master key instead of at every read
 * (opening one was about a third of the cost of reading a small object). An entry is found by the
 * blob id and its header's sealed key together, exactly as {@link KeyRing#open} would have been
 * called, so a re-sealed header (a master-key rotation) or another blob's header never finds
 * another's key.
 *
 * <p>INVARIANT: a key is handed out only while the ring still holds the master key that sealed it:
 * once a rotation has made the ring forget a master key ({@link KeyRing#retainOnly}), what that key
 * sealed opens no more, from here either. At most {@value #MAX} keys are held (all of them are
 * dropped when full: the cache is refilled by the reads that follow).
 */
final class OpenedKeys {
  static final int MAX = 4096;

  private record Sealed(String id, String envelope) {}

  private record Opened(String masterKeyId, SecretKey key) {}

  private final KeyRing ring;
  private final Map<Sealed, Opened> opened = new ConcurrentHashMap<>();

  OpenedKeys(KeyRing ring) {
    this.ring = ring;
  }

  /**
   * The data key of blob {@code id} sealed as {@code envelope} in its header.
   *
   * @throws CryptoException when it does not open (tampered, another blob's, an unknown master key)
   */
  SecretKey open(String id, String envelope) {
    Sealed sealed = new Sealed(id, envelope);
    Opened known = opened.get(sealed);
    if (known != null) {
      if (ring.holds(known.masterKeyId())) {
        return known.key();
      }
      opened.remove(sealed, known);
    }
    byte[] raw = ring.open(envelope, FileBlobStore.aadOfKey(id));
    SecretKey key = new SecretKeySpec(raw, "AES");
    Arrays.fill(raw, (byte) 0);
    if (opened.size() >= MAX) {
      opened.clear();
    }
    opened.put(sealed, new Opened(masterKeyId(envelope), key));
    return key;
  }

  /** How many keys are held. */
  int size() {
    return opened.size();
  }

  /** The id of the master key an envelope names ({@code gh1.<key id>.<sealed>}, as it opened). */
  private static String masterKeyId(String envelope) {
    int from = envelope.indexOf('.') + 1;
    return envelope.substring(from, envelope.indexOf('.', from));
  }
}

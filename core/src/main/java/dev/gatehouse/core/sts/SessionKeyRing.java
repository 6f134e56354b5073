package dev.gatehouse.core.sts;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The keys that seal and unseal session tokens: the current key seals, the current and the previous
 * keys unseal. Rotation makes a new current key and keeps the old one for unsealing; retiring a
 * previous key makes every token sealed under it invalid.
 *
 * <p>INVARIANT: key ids are unique within a ring.
 *
 * @param current the key that seals new tokens
 * @param previous older keys still accepted for unsealing, newest first
 */
public record SessionKeyRing(SessionKey current, List<SessionKey> previous) {

  public SessionKeyRing {
    Objects.requireNonNull(current, "current");
    previous = List.copyOf(previous);
    Set<String> ids = new HashSet<>();
    ids.add(current.id());
    for (SessionKey k : previous) {
      if (!ids.add(k.id())) {
        throw new IllegalArgumentException("duplicate session key id " + k.id());
      }
    }
  }

  /** A ring with one key. */
  public static SessionKeyRing of(SessionKey current) {
    return new SessionKeyRing(current, List.of());
  }

  /** A ring with one new random key. */
  public static SessionKeyRing generate(SecureRandom random) {
    return of(SessionKey.generate(random));
  }

  /** The key with this id, if the ring still accepts it. */
  public Optional<SessionKey> find(String id) {
    if (current.id().equals(id)) {
      return Optional.of(current);
    }
    return previous.stream().filter(k -> k.id().equals(id)).findFirst();
  }

  /** A ring sealing with {@code next}, still accepting the current key and the previous ones. */
  public SessionKeyRing rotate(SessionKey next) {
    List<SessionKey> older = new ArrayList<>();
    older.add(current);
    older.addAll(previous);
    return new SessionKeyRing(next, older);
  }

  /**
   * A ring without the previous key {@code id}: tokens sealed under it stop working.
   *
   * @throws IllegalArgumentException when {@code id} is the current key or not in the ring
   */
  public SessionKeyRing retire(String id) {
    if (current.id().equals(id)) {
      throw new IllegalArgumentException("cannot retire the current session key; rotate first");
    }
    List<SessionKey> kept = new ArrayList<>(previous);
    if (!kept.removeIf(k -> k.id().equals(id))) {
      throw new IllegalArgumentException("no previous session key " + id);
    }
    return new SessionKeyRing(current, kept);
  }

  /** All keys, current first. */
  public List<SessionKey> all() {
    List<SessionKey> all = new ArrayList<>();
    all.add(current);
    all.addAll(previous);
    return List.copyOf(all);
  }
}

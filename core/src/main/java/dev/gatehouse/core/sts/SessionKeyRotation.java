package dev.gatehouse.core.sts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rotates the session-token keys in {@code DATA_DIR/session-keys}: a new key seals from the next
 * start on; the old current key is noted {@code retired=INSTANT} and keeps unsealing until every
 * token it sealed has expired ({@link #LONGEST_TOKEN} after its retirement), when a later rotation
 * prunes it. A token names its key id, so old and new tokens both unseal meanwhile.
 */
public final class SessionKeyRotation {
  /** The longest a session token lives: GetSessionToken and GetFederationToken, 36 hours. */
  public static final Duration LONGEST_TOKEN = Duration.ofSeconds(DurationRules.TOKEN_MAX);

  private SessionKeyRotation() {}

  /**
   * What a rotation did.
   *
   * @param current the new sealing key's id
   * @param kept the older keys still unsealing
   * @param pruned the keys dropped: every token they sealed has expired
   */
  public record Outcome(String current, List<String> kept, List<String> pruned) {}

  /**
   * Rotates the file's keys at {@code now}, replacing the file atomically.
   *
   * @throws IllegalStateException when there is no key file or it does not parse
   */
  public static Outcome rotate(Path dataDir, SecureRandom random, Instant now) {
    Path file = dataDir.resolve(SessionKeyStore.FILE_NAME);
    if (!Files.exists(file)) {
      throw new IllegalStateException("no session key file " + file + " (has the server run?)");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    SessionKeyRing ring = SessionKeyStore.parse(text, file.toString());
    Map<String, Instant> retired = retiredAt(text, file);
    retired.put(ring.current().id(), now);
    SessionKeyRing next = ring.rotate(SessionKey.generate(random));
    List<String> kept = new ArrayList<>();
    List<String> pruned = new ArrayList<>();
    for (SessionKey k : next.previous()) {
      if (retired.getOrDefault(k.id(), now).plus(LONGEST_TOKEN).isBefore(now)) {
        next = next.retire(k.id());
        pruned.add(k.id());
      } else {
        kept.add(k.id());
      }
    }
    StringBuilder out =
        new StringBuilder("# Gatehouse session token keys: first line seals, all unseal.\n");
    for (SessionKey k : next.all()) {
      out.append(k.id()).append(':').append(Base64.getEncoder().encodeToString(k.keyBytes()));
      Instant at = retired.get(k.id());
      if (at != null && !k.equals(next.current())) {
        out.append(" retired=").append(at);
      }
      out.append('\n');
    }
    SessionKeyStore.writeText(file, out.toString());
    return new Outcome(next.current().id(), kept, pruned);
  }

  /** The retirement instants the file notes, by key id. */
  static Map<String, Instant> retiredAt(String text, Path file) {
    Map<String, Instant> out = new HashMap<>();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      int note = trimmed.indexOf(" retired=");
      if (trimmed.startsWith("#") || note < 0 || trimmed.indexOf(':') < 0) {
        continue;
      }
      try {
        out.put(
            trimmed.substring(0, trimmed.indexOf(':')),
            Instant.parse(trimmed.substring(note + " retired=".length()).strip()));
      } catch (DateTimeParseException e) {
        throw new IllegalStateException(file + ": a retired= note is not an instant", e);
      }
    }
    return out;
  }
}

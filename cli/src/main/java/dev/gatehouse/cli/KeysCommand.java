package dev.gatehouse.cli;

import dev.gatehouse.core.sts.SessionKeyRotation;
import dev.gatehouse.server.MasterKeyRotation;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code gatehouse keys rotate --data-dir DIR [--master] [--session]}, the server stopped. */
final class KeysCommand {
  private KeysCommand() {}

  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Options o;
    try {
      o = Options.parse(args, Set.of("--data-dir"), Set.of("--master", "--session", "--help"));
      if (o.flags.contains("--help")) {
        out.print(USAGE);
        return 0;
      }
      if (!o.positional.equals(List.of("rotate")) || !o.values.containsKey("--data-dir")) {
        throw new IllegalArgumentException("the keys command is: keys rotate --data-dir DIR");
      }
    } catch (IllegalArgumentException e) {
      err.println("gatehouse keys: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    Path dataDir = Path.of(o.values.get("--data-dir"));
    boolean both = !o.flags.contains("--master") && !o.flags.contains("--session");
    SecureRandom random = new SecureRandom();
    try {
      if (both || o.flags.contains("--session")) {
        if (!env.getOrDefault("GATEHOUSE_SESSION_KEYS", "").isBlank()) {
          throw new IllegalStateException(
              "the session keys come from GATEHOUSE_SESSION_KEYS: rotate them there"
                  + " (put the new key first, keep the old ones)");
        }
        SessionKeyRotation.Outcome s = SessionKeyRotation.rotate(dataDir, random, Instant.now());
        out.println(
            "session keys: "
                + s.current()
                + " seals; still unsealing "
                + s.kept()
                + "; pruned "
                + s.pruned());
      }
      if (both || o.flags.contains("--master")) {
        MasterKeyRotation.Outcome m = MasterKeyRotation.rotate(dataDir, env, random);
        out.println(
            "master key: "
                + m.keyId()
                + " now seals "
                + m.secrets()
                + " stored secrets and "
                + m.blobs()
                + " object keys; the old key is gone");
      }
      return 0;
    } catch (IllegalStateException
        | IOException
        | UncheckedIOException
        | dev.gatehouse.core.crypto.CryptoException
        | dev.gatehouse.core.store.StoreException e) {
      err.println("gatehouse keys: " + e.getMessage());
      return 1;
    }
  }

  static final String USAGE =
      """
      Usage: gatehouse keys rotate --data-dir DIR [--master] [--session]

      With the server stopped (both without a flag):
        --session   a new session-token key seals; the old ones unseal until their tokens
                    expired (36 h), then a later rotation prunes them
        --master    every access key secret and MFA seed is re-sealed under a new master key
                    in one store transaction, and each object's key; an interrupted rotation
                    is finished by running it again
      """;
}

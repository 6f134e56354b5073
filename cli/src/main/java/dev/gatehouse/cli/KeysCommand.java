package dev.gatehouse.cli;

import dev.gatehouse.core.sts.SessionKeyRotation;
import dev.gatehouse.server.MasterKeyRotation;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code gatehouse keys rotate --data-dir DIR [--master] [--session]}, the server stopped; or
 * {@code gatehouse keys rotate --endpoint URL [--master] [--session]}: the keys of a running
 * server, online (the session keys without a flag).
 */
final class KeysCommand {
  private KeysCommand() {}

  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Options o;
    try {
      o =
          Options.parse(
              args, Set.of("--data-dir", "--endpoint"), Set.of("--master", "--session", "--help"));
      if (o.flags.contains("--help")) {
        out.print(USAGE);
        return 0;
      }
      boolean online = o.values.containsKey("--endpoint");
      if (!o.positional.equals(List.of("rotate")) || online == o.values.containsKey("--data-dir")) {
        throw new IllegalArgumentException(
            "the keys command is: keys rotate --data-dir DIR, or keys rotate --endpoint URL");
      }
    } catch (IllegalArgumentException e) {
      err.println("gatehouse keys: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    if (o.values.containsKey("--endpoint")) {
      List<String> kinds = new ArrayList<>();
      if (o.flags.contains("--session") || !o.flags.contains("--master")) {
        kinds.add("session");
      }
      if (o.flags.contains("--master")) {
        kinds.add("master");
      }
      for (String keys : kinds) {
        int code = online(o.values.get("--endpoint"), keys, env, out, err);
        if (code != 0) {
          return code;
        }
      }
      return 0;
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

  /** Asks the server at {@code endpoint} to rotate its {@code keys} (session or master). */
  private static int online(
      String endpoint, String keys, Map<String, String> env, PrintStream out, PrintStream err) {
    try {
      OnlineKeyRotation.Answer answer = OnlineKeyRotation.rotate(URI.create(endpoint), keys, env);
      if (answer instanceof OnlineKeyRotation.Answer.Rotated rotated) {
        out.println(
            keys.equals("master")
                ? "master key: "
                    + rotated.element("MasterKeyId")
                    + " now seals "
                    + rotated.element("ResealedSecrets")
                    + " stored secrets and "
                    + rotated.element("ResealedObjectKeys")
                    + " object keys; the old key is gone"
                : "session keys: "
                    + rotated.element("SessionKeyId")
                    + " seals from now on; tokens sealed before unseal until they expire");
        return 0;
      }
      OnlineKeyRotation.Answer.Refused refused = (OnlineKeyRotation.Answer.Refused) answer;
      err.println(
          "gatehouse keys: the server refused ("
              + refused.status()
              + " "
              + refused.code()
              + "): "
              + refused.message());
      return 1;
    } catch (IllegalStateException | IllegalArgumentException | IOException e) {
      err.println("gatehouse keys: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  static final String USAGE =
      """
      Usage: gatehouse keys rotate --data-dir DIR [--master] [--session]
             gatehouse keys rotate --endpoint URL [--master] [--session]

      With the server stopped (both without a flag):
        --session   a new session-token key seals; the old ones unseal until their tokens
                    expired (36 h), then a later rotation prunes them
        --master    every access key secret and MFA seed is re-sealed under a new master key
                    in one store transaction, and each object's key; an interrupted rotation
                    is finished by running it again

      While the server runs (--endpoint http://127.0.0.1:7440): its session keys (without a
      flag, or --session) and its master key (--master) rotate online through the action
      gatehouse:RotateKeys, signed with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and
      AWS_SESSION_TOKEN) of a management-account principal IAM allows it. Keys from
      GATEHOUSE_SESSION_KEYS or GATEHOUSE_MASTER_KEY are rotated there instead.
      """;
}

package dev.gatehouse.store.sql;

import java.util.List;
import java.util.function.Function;

/**
 * The values the store keeps sealed under the master key: access key secrets, virtual MFA seeds and
 * server certificates' private keys. A master key rotation re-seals them all in one write
 * transaction.
 */
public final class SqlSecrets {
  private SqlSecrets() {}

  /** What a sealed value is. */
  public enum Kind {
    ACCESS_KEY,
    MFA_SEED,
    SERVER_CERTIFICATE_KEY
  }

  /**
   * One sealed value.
   *
   * @param id the access key id, the MFA device's serial number or the server certificate's id
   */
  public record Sealed(Kind kind, String id, String envelope) {}

  /** Every sealed value. */
  public static List<Sealed> all(SqlStore store) {
    return store.readJdbc(SqlSecrets::all);
  }

  private static List<Sealed> all(Jdbc jdbc) {
    List<Sealed> out =
        new java.util.ArrayList<>(
            jdbc.list(
                "SELECT access_key_id, sealed_secret FROM iam_access_keys",
                rs -> new Sealed(Kind.ACCESS_KEY, rs.getString(1), rs.getString(2))));
    out.addAll(
        jdbc.list(
            "SELECT serial_number, sealed_seed FROM iam_mfa_devices",
            rs -> new Sealed(Kind.MFA_SEED, rs.getString(1), rs.getString(2))));
    out.addAll(
        jdbc.list(
            "SELECT id, sealed_private_key FROM iam_server_certificates",
            rs -> new Sealed(Kind.SERVER_CERTIFICATE_KEY, rs.getString(1), rs.getString(2))));
    return out;
  }

  /**
   * Replaces every sealed value with {@code reseal}'s, in one write transaction: all or none.
   *
   * @return how many values were re-sealed
   */
  public static int resealAll(SqlStore store, Function<Sealed, String> reseal) {
    return store.writeJdbc(
        jdbc -> {
          List<Sealed> values = all(jdbc);
          for (Sealed s : values) {
            String next = reseal.apply(s);
            switch (s.kind()) {
              case ACCESS_KEY ->
                  jdbc.update(
                      "UPDATE iam_access_keys SET sealed_secret = ? WHERE access_key_id = ?",
                      next,
                      s.id());
              case MFA_SEED ->
                  jdbc.update(
                      "UPDATE iam_mfa_devices SET sealed_seed = ? WHERE serial_number = ?",
                      next,
                      s.id());
              case SERVER_CERTIFICATE_KEY ->
                  jdbc.update(
                      "UPDATE iam_server_certificates SET sealed_private_key = ? WHERE id = ?",
                      next,
                      s.id());
            }
          }
          return values.size();
        });
  }
}

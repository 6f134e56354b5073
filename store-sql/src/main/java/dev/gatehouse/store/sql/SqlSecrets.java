package dev.gatehouse.store.sql;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The values the store keeps sealed under the master key: access key secrets, virtual MFA seeds and
 * the data keys of objects kept inline in the object catalog. A master key rotation re-seals them.
 */
public final class SqlSecrets {
  private SqlSecrets() {}

  /** What a sealed value is. */
  public enum Kind {
    ACCESS_KEY,
    MFA_SEED
  }

  /**
   * One sealed value.
   *
   * @param id the access key id or the MFA device's serial number
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
            if (s.kind() == Kind.ACCESS_KEY) {
              jdbc.update(
                  "UPDATE iam_access_keys SET sealed_secret = ? WHERE access_key_id = ?",
                  next,
                  s.id());
            } else {
              jdbc.update(
                  "UPDATE iam_mfa_devices SET sealed_seed = ? WHERE serial_number = ?",
                  next,
                  s.id());
            }
          }
          return values.size();
        });
  }

  /**
   * Replaces the sealed bytes of every object blob kept inline in the catalog with {@code reseal}'s
   * (given the blob id and its sealed bytes), in one write transaction: all or none.
   *
   * @return how many inline blobs were re-sealed
   */
  public static int resealInlineBlobs(SqlStore store, BiFunction<String, byte[], byte[]> reseal) {
    return store.writeJdbc(
        jdbc -> {
          List<String> ids =
              jdbc.list(
                  "SELECT blob_id FROM s3_object_blobs WHERE inline_data IS NOT NULL",
                  rs -> rs.getString(1));
          for (String id : ids) {
            byte[] sealed =
                jdbc.list(
                        "SELECT inline_data FROM s3_object_blobs WHERE blob_id = ?",
                        rs -> rs.getBytes(1),
                        id)
                    .get(0);
            jdbc.update(
                "UPDATE s3_object_blobs SET inline_data = ? WHERE blob_id = ?",
                reseal.apply(id, sealed),
                id);
          }
          return ids.size();
        });
  }
}

package dev.gatehouse.store.sql;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The values the store keeps sealed under the master key: access key secrets, virtual MFA seeds,
 * access-request webhook keys and server certificates' private keys. A master key rotation re-seals
 * them all in one write transaction.
 */
public final class SqlSecrets {
  private SqlSecrets() {}

  /** What a sealed value is, and the table and columns that hold it. */
  public enum Kind {
    ACCESS_KEY("iam_access_keys", "access_key_id", "sealed_secret"),
    MFA_SEED("iam_mfa_devices", "serial_number", "sealed_seed"),
    /** An account's access-request webhook key, bound to the account id. */
    ACCESS_WEBHOOK("gh_access_notifications", "account_id", "sealed_secret"),
    SERVER_CERTIFICATE_KEY("iam_server_certificates", "id", "sealed_private_key");

    private final String table;
    private final String idColumn;
    private final String sealedColumn;

    Kind(String table, String idColumn, String sealedColumn) {
      this.table = table;
      this.idColumn = idColumn;
      this.sealedColumn = sealedColumn;
    }
  }

  /**
   * One sealed value.
   *
   * @param id the access key id, the MFA device's serial number, the webhook's account id or the
   *     server certificate's id
   */
  public record Sealed(Kind kind, String id, String envelope) {}

  /** Every sealed value. */
  public static List<Sealed> all(SqlStore store) {
    return store.readJdbc(SqlSecrets::all);
  }

  private static List<Sealed> all(Jdbc jdbc) {
    List<Sealed> out = new java.util.ArrayList<>();
    for (Kind kind : Kind.values()) {
      out.addAll(
          jdbc.list(
              "SELECT " + kind.idColumn + ", " + kind.sealedColumn + " FROM " + kind.table,
              rs -> new Sealed(kind, rs.getString(1), rs.getString(2))));
    }
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
            Kind kind = s.kind();
            jdbc.update(
                "UPDATE "
                    + kind.table
                    + " SET "
                    + kind.sealedColumn
                    + " = ? WHERE "
                    + kind.idColumn
                    + " = ?",
                reseal.apply(s),
                s.id());
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

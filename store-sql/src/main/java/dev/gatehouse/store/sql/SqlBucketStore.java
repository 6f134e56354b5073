package dev.gatehouse.store.sql;

import dev.gatehouse.core.s3.Bucket;
import dev.gatehouse.core.s3.BucketStore;
import dev.gatehouse.core.s3.PublicAccessBlock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link BucketStore} over the same database as {@link SqlStore} (tables of {@code
 * V8__buckets.sql}). Each method is one transaction; writes run under the store's write exclusion,
 * so the name and quota checks of {@link #insert} hold under concurrency and a policy, block or tag
 * set is replaced whole.
 */
public final class SqlBucketStore implements BucketStore {
  private static final String COLUMNS =
      "name, account_id, region, created_at, location, policy, block_public_acls,"
          + " ignore_public_acls, block_public_policy, restrict_public_buckets";

  private final SqlStore store;

  /** Buckets kept in {@code store}'s database. */
  public SqlBucketStore(SqlStore store) {
    this.store = store;
  }

  @Override
  public Optional<Bucket> find(String name) {
    return store.readJdbc(j -> find(j, name));
  }

  private static Optional<Bucket> find(Jdbc j, String name) {
    return j.one("SELECT " + COLUMNS + " FROM s3_buckets WHERE name = ?", SqlBucketStore::row, name)
        .map(b -> b.withTags(tags(j, name)));
  }

  @Override
  public List<Bucket> listByOwner(String accountId) {
    return store.readJdbc(j -> list(j, " WHERE b.account_id = ?", accountId));
  }

  @Override
  public List<Bucket> listAll() {
    return store.readJdbc(j -> list(j, ""));
  }

  /** The buckets {@code where} selects (on {@code b}, the buckets table), by name, with tags. */
  private static List<Bucket> list(Jdbc j, String where, Object... args) {
    Map<String, Map<String, String>> tags = new HashMap<>();
    for (String[] t :
        j.list(
            "SELECT t.bucket, t.tag_key, t.tag_value FROM s3_bucket_tags t"
                + " JOIN s3_buckets b ON b.name = t.bucket"
                + where,
            rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
            args)) {
      tags.computeIfAbsent(t[0], k -> new LinkedHashMap<>()).put(t[1], t[2]);
    }
    List<Bucket> out = new ArrayList<>();
    for (Bucket b :
        j.list(
            "SELECT " + COLUMNS + " FROM s3_buckets b" + where + " ORDER BY name",
            SqlBucketStore::row,
            args)) {
      out.add(b.withTags(tags.getOrDefault(b.name(), Map.of())));
    }
    return out;
  }

  @Override
  public int countByOwner(String accountId) {
    return store.readJdbc(
        j -> (int) j.count("SELECT COUNT(*) FROM s3_buckets WHERE account_id = ?", accountId));
  }

  @Override
  public InsertResult insert(Bucket bucket, int maxPerOwner) {
    return store.writeJdbc(
        j -> {
          if (j.count("SELECT COUNT(*) FROM s3_buckets WHERE name = ?", bucket.name()) > 0) {
            return InsertResult.NAME_TAKEN;
          }
          if (j.count(
                  "SELECT COUNT(*) FROM s3_buckets WHERE account_id = ?", bucket.ownerAccountId())
              >= maxPerOwner) {
            return InsertResult.QUOTA_EXCEEDED;
          }
          Optional<PublicAccessBlock> block = bucket.publicAccessBlock();
          j.update(
              "INSERT INTO s3_buckets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              bucket.name(),
              bucket.ownerAccountId(),
              bucket.region(),
              bucket.createdAt().toEpochMilli(),
              bucket.location(),
              bucket.policy().<Object>map(p -> p).orElse(new Jdbc.Nullable(Types.VARCHAR)),
              flag(block.map(PublicAccessBlock::blockPublicAcls)),
              flag(block.map(PublicAccessBlock::ignorePublicAcls)),
              flag(block.map(PublicAccessBlock::blockPublicPolicy)),
              flag(block.map(PublicAccessBlock::restrictPublicBuckets)));
          insertTags(j, bucket.name(), bucket.tags());
          return InsertResult.INSERTED;
        });
  }

  @Override
  public boolean delete(String name) {
    return store.writeJdbc(
        j -> {
          j.update("DELETE FROM s3_bucket_tags WHERE bucket = ?", name);
          return j.update("DELETE FROM s3_buckets WHERE name = ?", name) > 0;
        });
  }

  @Override
  public boolean setPolicy(String name, Optional<String> policy) {
    return store.writeJdbc(
        j ->
            j.update(
                    "UPDATE s3_buckets SET policy = ? WHERE name = ?",
                    policy.<Object>map(p -> p).orElse(new Jdbc.Nullable(Types.VARCHAR)),
                    name)
                > 0);
  }

  @Override
  public boolean setPublicAccessBlock(String name, Optional<PublicAccessBlock> block) {
    return store.writeJdbc(
        j ->
            j.update(
                    "UPDATE s3_buckets SET block_public_acls = ?, ignore_public_acls = ?,"
                        + " block_public_policy = ?, restrict_public_buckets = ? WHERE name = ?",
                    flag(block.map(PublicAccessBlock::blockPublicAcls)),
                    flag(block.map(PublicAccessBlock::ignorePublicAcls)),
                    flag(block.map(PublicAccessBlock::blockPublicPolicy)),
                    flag(block.map(PublicAccessBlock::restrictPublicBuckets)),
                    name)
                > 0);
  }

  @Override
  public boolean setTags(String name, Map<String, String> tags) {
    return store.writeJdbc(
        j -> {
          if (j.count("SELECT COUNT(*) FROM s3_buckets WHERE name = ?", name) == 0) {
            return false;
          }
          j.update("DELETE FROM s3_bucket_tags WHERE bucket = ?", name);
          insertTags(j, name, tags);
          return true;
        });
  }

  private static void insertTags(Jdbc j, String bucket, Map<String, String> tags) {
    for (Map.Entry<String, String> t : tags.entrySet()) {
      j.update(
          "INSERT INTO s3_bucket_tags (bucket, tag_key, tag_value) VALUES (?, ?, ?)",
          bucket,
          t.getKey(),
          t.getValue());
    }
  }

  private static Map<String, String> tags(Jdbc j, String bucket) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String[] t :
        j.list(
            "SELECT tag_key, tag_value FROM s3_bucket_tags WHERE bucket = ?",
            rs -> new String[] {rs.getString(1), rs.getString(2)},
            bucket)) {
      out.put(t[0], t[1]);
    }
    return out;
  }

  private static Object flag(Optional<Boolean> value) {
    return value.<Object>map(v -> v ? 1 : 0).orElse(new Jdbc.Nullable(Types.INTEGER));
  }

  private static Bucket row(ResultSet rs) throws SQLException {
    int acls = rs.getInt(7);
    Optional<PublicAccessBlock> block =
        rs.wasNull()
            ? Optional.empty()
            : Optional.of(
                new PublicAccessBlock(
                    acls == 1, rs.getInt(8) == 1, rs.getInt(9) == 1, rs.getInt(10) == 1));
    return new Bucket(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        Instant.ofEpochMilli(rs.getLong(4)),
        rs.getString(5),
        Optional.ofNullable(rs.getString(6)),
        block,
        Map.of());
  }
}

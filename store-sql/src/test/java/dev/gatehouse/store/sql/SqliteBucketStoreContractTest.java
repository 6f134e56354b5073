package dev.gatehouse.store.sql;

import dev.gatehouse.core.s3.BucketStore;
import dev.gatehouse.core.s3.BucketStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;

class SqliteBucketStoreContractTest extends BucketStoreContract {
  private SqlStore sql;

  @Override
  protected BucketStore openStore() throws Exception {
    Path dir = Files.createTempDirectory("gatehouse-sqlite-buckets");
    sql = SqliteStore.open(dir);
    return new SqlBucketStore(sql);
  }

  @Override
  protected void cleanUp() {
    sql.close();
  }
}

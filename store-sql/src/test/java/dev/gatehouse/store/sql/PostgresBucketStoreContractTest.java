package dev.gatehouse.store.sql;

import dev.gatehouse.core.s3.BucketStore;
import dev.gatehouse.core.s3.BucketStoreContract;
import dev.gatehouse.testsupport.TestPostgres;

class PostgresBucketStoreContractTest extends BucketStoreContract {
  private TestPostgres.Database database;
  private SqlStore sql;

  @Override
  protected BucketStore openStore() throws Exception {
    database = TestPostgres.createDatabase();
    sql = PostgresStore.open(database.url(), database.user(), database.password(), 4);
    return new SqlBucketStore(sql);
  }

  @Override
  protected void cleanUp() throws Exception {
    sql.close();
    database.close();
  }
}

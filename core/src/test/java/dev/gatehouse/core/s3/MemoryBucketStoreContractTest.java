package dev.gatehouse.core.s3;

class MemoryBucketStoreContractTest extends BucketStoreContract {
  @Override
  protected BucketStore openStore() {
    return new MemoryBucketStore();
  }
}

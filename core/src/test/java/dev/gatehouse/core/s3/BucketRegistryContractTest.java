package dev.gatehouse.core.s3;

import dev.gatehouse.core.snapshot.CompiledPolicies;

/** The in-memory registry keeps the store's contract: every write is read back at once. */
class BucketRegistryContractTest extends BucketStoreContract {
  @Override
  protected BucketStore openStore() {
    return new BucketRegistry(new MemoryBucketStore(), CompiledPolicies.bounded(16));
  }
}

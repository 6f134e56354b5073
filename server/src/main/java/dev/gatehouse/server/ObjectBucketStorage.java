package dev.gatehouse.server;

import dev.gatehouse.core.objects.ListRequest;
import dev.gatehouse.core.objects.ObjectStore;
import dev.gatehouse.core.s3.BucketStorage;

/**
 * The bucket rules' view of the object store: a bucket's room, whether it is empty, its removal.
 */
final class ObjectBucketStorage implements BucketStorage {
  private final ObjectStore objects;

  ObjectBucketStorage(ObjectStore objects) {
    this.objects = objects;
  }

  @Override
  public String create(String bucket) {
    return objects.createBucket(bucket);
  }

  /** No object and no upload in progress (S3 refuses to delete a bucket with either). */
  @Override
  public boolean isEmpty(String location) {
    return objects.list(location, ListRequest.prefix("").withMaxKeys(1)).objects().isEmpty()
        && objects.listUploads(location, "").isEmpty();
  }

  @Override
  public void delete(String location) {
    objects.deleteBucket(location);
  }
}

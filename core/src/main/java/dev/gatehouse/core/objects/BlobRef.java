package dev.gatehouse.core.objects;

import java.util.Objects;

/** A stored run of bytes of an object, by the id its {@link BlobStore} gave it. */
public record BlobRef(String id, long size) {
  public BlobRef {
    Objects.requireNonNull(id, "id");
  }
}

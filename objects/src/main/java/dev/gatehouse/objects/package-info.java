/**
 * Object storage adapters of Gatehouse's S3: {@link dev.gatehouse.objects.FileBlobStore} (the bytes
 * of the embedded store: durable, encrypted at rest with per-object keys), {@link
 * dev.gatehouse.objects.FileObjectStore} (the embedded store, assembled from it and a catalog) and
 * {@link dev.gatehouse.objects.S3BackendStore} (any S3-compatible store, re-signed and streamed).
 */
package dev.gatehouse.objects;

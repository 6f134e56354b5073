/**
 * The object-store port behind Gatehouse's S3: an S3-shaped {@link
 * dev.gatehouse.core.objects.ObjectStore}, its values and errors, and the S3 rules every store
 * shares (listing order and paging, byte ranges, multipart completion). {@link
 * dev.gatehouse.core.objects.CatalogObjectStore} builds an {@code ObjectStore} from two smaller
 * ports, an {@link dev.gatehouse.core.objects.ObjectCatalog} for metadata and a {@link
 * dev.gatehouse.core.objects.BlobStore} for bytes; the filesystem store of the objects module is
 * one. Every adapter passes the contract suite in this module's test jar.
 */
package dev.gatehouse.core.objects;

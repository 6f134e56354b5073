package dev.gatehouse.server;

import dev.gatehouse.api.CachedCredentials;
import dev.gatehouse.api.s3.S3Address;
import dev.gatehouse.core.iam.LastUse;
import dev.gatehouse.core.objects.CachedObjectCatalog;
import dev.gatehouse.core.objects.StoredObject;
import dev.gatehouse.core.s3.BucketRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Which S3 requests are answered on the thread that read them (no hand-off to the pool), as {@link
 * InlineReads} decides for IAM: a GetObject or HeadObject without a body, signed in the
 * Authorization header for {@code s3} with a long-term access key (no session token, not presigned,
 * not streamed in chunks), whose key, last use and account snapshot the node holds in memory
 * ({@link Caller}), of an object whose bucket and catalog record are in memory, written in one
 * piece kept inline in that record and no larger than {@link S3Handler#SMALL_BODY} ({@link
 * Stored}): its bytes are then decrypted from the record, no file is read and no store is asked.
 * The object store answers only for the embedded store's cached catalog; an S3-compatible backend
 * answers no.
 *
 * <p>Everything else runs on the pool. The check is conservative: a request it wrongly sends to the
 * pool is answered the same, only later. A write that lands between this check and the read (a PUT
 * replacing the object) makes that read ask the catalog on this thread, once; a large body that
 * such a race yields is still written from the pool ({@link S3Handler}).
 */
final class InlineObjectReads {
  /** The caller's side: whether a request signed with this key is authorized from memory. */
  @FunctionalInterface
  interface Caller {
    /**
     * @return true when the key is cached, no write of its last use is due, and its account's
     *     snapshot is current
     */
    boolean answers(String accessKeyId);
  }

  /** The object's side: whether its bucket and record are in memory and its bytes inline. */
  @FunctionalInterface
  interface Stored {
    /**
     * @return true when every bucket is in memory, {@code bucket} among them, and the catalog
     *     record of {@code key} in it is cached, one inline piece of at most {@code maxBytes}
     */
    boolean smallInMemory(String bucket, String key, long maxBytes);
  }

  /** Sends every S3 request to the pool. */
  static final InlineObjectReads NONE =
      new InlineObjectReads(key -> false, (bucket, key, max) -> false, Optional.empty());

  /** The operations answered inline. */
  static final Set<String> OPERATIONS = Set.of("GetObject", "HeadObject");

  private static final String SESSION_TOKEN = "X-Amz-Security-Token";

  private final Caller caller;
  private final Stored objects;
  private final Optional<String> domain;

  /**
   * @param domain {@code serve --s3-domain}, for virtual-hosted addresses (as {@code S3Api} reads)
   */
  InlineObjectReads(Caller caller, Stored objects, Optional<String> domain) {
    this.caller = caller;
    this.objects = objects;
    this.domain = domain;
  }

  /**
   * Whether the S3 request with this method, host, raw path and query and headers runs inline.
   *
   * @param host the Host header, lower-cased
   */
  boolean eligible(
      String method, String host, String rawPath, String rawQuery, HttpFields headers) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return false; // at once: no other method routes to OPERATIONS
    }
    if (headers.contains(SESSION_TOKEN)
        || headers.contains(HttpHeader.TRANSFER_ENCODING)
        || (rawQuery != null && rawQuery.contains("X-Amz-"))) {
      return false; // session credentials, a body in chunks, presigned
    }
    String length = headers.get(HttpHeader.CONTENT_LENGTH);
    if (length != null && !length.equals("0")) {
      return false;
    }
    String payload = headers.get("x-amz-content-sha256");
    if (payload != null && payload.toUpperCase(Locale.ROOT).startsWith("STREAMING")) {
      return false;
    }
    String key = s3AccessKey(headers.get(HttpHeader.AUTHORIZATION));
    if (key.isEmpty()) {
      return false;
    }
    S3Address address;
    try {
      address =
          S3Address.of(
              method,
              host,
              rawPath == null || rawPath.isEmpty() ? "/" : rawPath,
              rawQuery == null ? "" : rawQuery,
              name -> {
                String v = headers.get(name);
                return v == null ? "" : v;
              },
              domain);
    } catch (RuntimeException e) {
      return false; // a malformed path: the pool answers its error
    }
    if (!OPERATIONS.contains(address.operation())) {
      return false;
    }
    return caller.answers(key)
        && objects.smallInMemory(address.bucket(), address.key(), S3Handler.SMALL_BODY);
  }

  /**
   * The caller's side over the node's memory: the key is cached, its last use was written recently
   * (the read writes nothing) and the snapshot of its account is current ({@code
   * Snapshots.inMemory}).
   */
  static Caller caller(CachedCredentials keys, LastUse use, Predicate<String> accountInMemory) {
    return key ->
        keys.cached(key)
            .map(
                c ->
                    !use.due(key, Duration.ofSeconds(1))
                        && accountInMemory.test(c.principal().accountId()))
            .orElse(false);
  }

  /**
   * The decision over a node's buckets and object store: an object answers inline only from the
   * embedded store's cached catalog (a backend's objects are never in memory).
   */
  static InlineObjectReads over(
      Caller caller, BucketRegistry buckets, ObjectStores.Opened store, Optional<String> domain) {
    if (store.cached().isEmpty()) {
      return new InlineObjectReads(caller, (bucket, key, max) -> false, domain);
    }
    CachedObjectCatalog catalog = store.cached().get();
    return new InlineObjectReads(
        caller,
        (bucket, key, max) ->
            buckets.inMemory()
                && buckets
                    .find(bucket)
                    .flatMap(b -> catalog.cached(b.location(), key))
                    .map(o -> smallInline(o, max))
                    .orElse(false),
        domain);
  }

  /** Whether an object is one piece of at most {@code max} bytes kept in its catalog record. */
  static boolean smallInline(StoredObject object, long max) {
    return object.size() <= max && object.blobs().size() == 1 && object.blobs().get(0).isInline();
  }

  /** The access key of a SigV4 Authorization header scoped to {@code s3}; empty otherwise. */
  static String s3AccessKey(String authorization) {
    return SignedScope.of(authorization)
        .filter(scope -> scope.service().equals("s3"))
        .map(SignedScope::accessKeyId)
        .orElse("");
  }
}

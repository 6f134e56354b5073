package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.CachedCredentials;
import dev.gatehouse.api.Credentials;
import dev.gatehouse.api.sts.SteppedClock;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.iam.LastUse;
import dev.gatehouse.core.objects.BlobRef;
import dev.gatehouse.core.objects.CachedObjectCatalog;
import dev.gatehouse.core.objects.ObjectAttributes;
import dev.gatehouse.core.objects.StoredObject;
import dev.gatehouse.core.s3.Bucket;
import dev.gatehouse.core.s3.BucketRegistry;
import dev.gatehouse.core.snapshot.CompiledPolicies;
import dev.gatehouse.store.sql.SqlBucketStore;
import dev.gatehouse.store.sql.SqlObjectCatalog;
import dev.gatehouse.store.sql.SqlStore;
import dev.gatehouse.store.sql.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which S3 requests run without a hand-off: header-signed GetObject and HeadObject, without a body,
 * by a caller and of an object the node holds in memory (a small object kept in its record).
 */
class InlineObjectReadsTest {
  static final String S3 =
      "AWS4-HMAC-SHA256 Credential=AKIAKNOWN/20260102/us-east-1/s3/aws4_request,"
          + " SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=abc";
  static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

  final InlineObjectReads reads =
      new InlineObjectReads(
          key -> key.equals("AKIAKNOWN"),
          (bucket, key, max) ->
              bucket.equals("bucket") && key.equals("small") && max == S3Handler.SMALL_BODY,
          Optional.of("example.com"));

  static HttpFields.Mutable signed() {
    return HttpFields.build().add("Authorization", S3).add("x-amz-content-sha256", "e3b0c442");
  }

  boolean get(String path, String query, HttpFields headers) {
    return reads.eligible("GET", "127.0.0.1:7440", path, query, headers);
  }

  @Test
  void aSignedGetOrHeadOfASmallObjectInMemoryRunsInline() {
    assertThat(get("/bucket/small", null, signed())).isTrue();
    assertThat(reads.eligible("HEAD", "x", "/bucket/small", "", signed())).isTrue();
    assertThat(get("/bucket/small", "response-content-type=text/plain", signed())).isTrue();
    assertThat(get("/bucket/small", null, signed().add("Content-Length", "0"))).isTrue();
    assertThat(reads.eligible("GET", "bucket.s3.example.com", "/small", null, signed())).isTrue();
  }

  @Test
  void otherOperationsGoToThePool() {
    assertThat(reads.eligible("PUT", "x", "/bucket/small", null, signed())).isFalse();
    assertThat(reads.eligible("DELETE", "x", "/bucket/small", null, signed())).isFalse();
    assertThat(get("/bucket/small", "tagging", signed())).isFalse();
    assertThat(get("/bucket", null, signed())).isFalse();
    assertThat(get("/", null, signed())).isFalse();
    assertThat(get("/bucket/small%", null, signed())).isFalse(); // malformed: the pool answers
  }

  @Test
  void anObjectOrCallerNotInMemoryGoesToThePool() {
    assertThat(get("/bucket/large", null, signed())).isFalse();
    assertThat(get("/other/small", null, signed())).isFalse();
    HttpFields.Mutable other =
        HttpFields.build().add("Authorization", S3.replace("AKIAKNOWN", "AKIAOTHER"));
    assertThat(get("/bucket/small", null, other)).isFalse();
    assertThat(InlineObjectReads.NONE.eligible("GET", "x", "/bucket/small", null, signed()))
        .isFalse();
  }

  @Test
  void sessionsPresignedAndUnsignedRequestsGoToThePool() {
    assertThat(get("/bucket/small", null, signed().add("X-Amz-Security-Token", "t"))).isFalse();
    assertThat(
            get(
                "/bucket/small",
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAKNOWN%2F20260102",
                signed()))
        .isFalse();
    assertThat(get("/bucket/small", null, HttpFields.build())).isFalse();
    assertThat(get("/bucket/small", null, HttpFields.build().add("Authorization", "AWS a:b")))
        .isFalse();
    HttpFields.Mutable iam = HttpFields.build().add("Authorization", S3.replace("/s3/", "/iam/"));
    assertThat(get("/bucket/small", null, iam)).isFalse();
    HttpFields.Mutable s3x = HttpFields.build().add("Authorization", S3.replace("/s3/", "/s3x/"));
    assertThat(get("/bucket/small", null, s3x)).isFalse();
    HttpFields.Mutable cut =
        HttpFields.build().add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAKNOWN/x/y");
    assertThat(get("/bucket/small", null, cut)).isFalse();
  }

  @Test
  void aRequestWithABodyGoesToThePool() {
    assertThat(get("/bucket/small", null, signed().add("Content-Length", "5"))).isFalse();
    assertThat(get("/bucket/small", null, signed().add("Transfer-Encoding", "chunked"))).isFalse();
    HttpFields.Mutable streaming =
        HttpFields.build()
            .add("Authorization", S3)
            .add("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
    assertThat(get("/bucket/small", null, streaming)).isFalse();
  }

  @Test
  void onlyOneInlinePieceWithinTheLimitIsSmall() {
    BlobRef inline = new BlobRef("i", 40, new BlobRef.Inline(new byte[40]));
    assertThat(InlineObjectReads.smallInline(object(24, List.of(inline)), 24)).isTrue();
    assertThat(InlineObjectReads.smallInline(object(24, List.of(inline)), 23)).isFalse();
    assertThat(InlineObjectReads.smallInline(object(24, List.of(new BlobRef("f", 24))), 24))
        .as("bytes in a file")
        .isFalse();
    assertThat(InlineObjectReads.smallInline(object(48, List.of(inline, inline)), 100))
        .as("two pieces")
        .isFalse();
    assertThat(InlineObjectReads.smallInline(object(0, List.of()), 100)).isFalse();
  }

  private static StoredObject object(long size, List<BlobRef> blobs) {
    return new StoredObject("k", size, "e", T, ObjectAttributes.none(), blobs);
  }

  /**
   * The caller's side: a cached key, no last-use write due (within a second), a current account.
   */
  @Test
  void aCallerIsInMemoryWithACachedKeyNoWriteDueAndACurrentAccount() {
    SteppedClock clock = new SteppedClock(T);
    CachedCredentials keys =
        new CachedCredentials(
            id ->
                Optional.of(
                    new Credentials.Credential(new Principal.Root("123456789012"), "s", true)));
    LastUse use = new LastUse((subject, service, region) -> {}, clock);
    boolean[] current = {true};
    InlineObjectReads.Caller caller =
        InlineObjectReads.caller(
            keys, use, account -> current[0] && account.equals("123456789012"));

    use.used("AKIAKNOWN", "s3", "us-east-1");
    assertThat(caller.answers("AKIAKNOWN")).as("not cached").isFalse();
    keys.find("AKIAKNOWN");
    assertThat(caller.answers("AKIAKNOWN")).isTrue();
    current[0] = false;
    assertThat(caller.answers("AKIAKNOWN")).as("the account's snapshot is stale").isFalse();
    current[0] = true;
    Duration almostDue = LastUse.INTERVAL.minusMillis(500);
    clock.advance(almostDue);
    assertThat(caller.answers("AKIAKNOWN")).as("a last-use write within a second").isFalse();
    clock.advance(almostDue.negated());
    keys.find("AKIANEW");
    assertThat(caller.answers("AKIANEW")).as("never written").isFalse();
  }

  /**
   * Over the node's own parts: the bucket registry must have read its buckets and the catalog cache
   * must hold the record (a write drops it); an S3-compatible backend never answers inline.
   */
  @Test
  void theNodesMemoryAnswersOnlyForWhatItHolds(@TempDir Path dir) {
    try (SqlStore sql = SqliteStore.open(dir)) {
      BucketRegistry buckets =
          new BucketRegistry(new SqlBucketStore(sql), CompiledPolicies.bounded(16));
      CachedObjectCatalog catalog = new CachedObjectCatalog(new SqlObjectCatalog(sql));
      catalog.createLocation("loc");
      buckets.insert(Bucket.created("bucket", "123456789012", "us-east-1", T, "loc"), 10);
      BlobRef inline = new BlobRef("i", 40, new BlobRef.Inline(new byte[40]));
      catalog.putObject(
          "loc", new StoredObject("small", 24, "e", T, ObjectAttributes.none(), List.of(inline)));
      InlineObjectReads node =
          InlineObjectReads.over(
              key -> true,
              buckets,
              new ObjectStores.Opened(null, Optional.of(catalog)),
              Optional.empty());
      InlineObjectReads backend =
          InlineObjectReads.over(
              key -> true,
              buckets,
              new ObjectStores.Opened(null, Optional.empty()),
              Optional.empty());
      InlineObjectReads noCaller =
          InlineObjectReads.over(
              key -> false,
              buckets,
              new ObjectStores.Opened(null, Optional.of(catalog)),
              Optional.empty());

      assertThat(catalog.object("loc", "small")).isPresent(); // the record is cached
      assertThat(node.eligible("GET", "x", "/bucket/small", null, signed()))
          .as("buckets not read yet")
          .isFalse();
      buckets.find("bucket");
      assertThat(node.eligible("GET", "x", "/bucket/small", null, signed())).isTrue();
      assertThat(backend.eligible("GET", "x", "/bucket/small", null, signed())).isFalse();
      assertThat(noCaller.eligible("GET", "x", "/bucket/small", null, signed())).isFalse();
      assertThat(node.eligible("GET", "x", "/nobucket/small", null, signed())).isFalse();

      catalog.putObject(
          "loc", new StoredObject("small", 24, "f", T, ObjectAttributes.none(), List.of(inline)));
      assertThat(node.eligible("GET", "x", "/bucket/small", null, signed()))
          .as("the record a write dropped")
          .isFalse();
      catalog.object("loc", "small");
      assertThat(node.eligible("GET", "x", "/bucket/small", null, signed())).isTrue();
    }
  }
}

package dev.gatehouse.core.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} adapter must do, S3's semantics included: run by the memory store
 * here, the filesystem store and the S3 backend adapter in the objects module.
 */
public abstract class ObjectStoreContract {
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  protected static final int MIB = 1024 * 1024;

  protected String location;

  /** The store under test; the same instance on every call within a test. */
  protected abstract ObjectStore store();

  /**
   * Whether the store lists in S3's UTF-8 binary order even for characters above U+FFFF (a backend
   * that sorts UTF-16 strings does not; Gatehouse's own stores do).
   */
  protected boolean listsInUtf8BinaryOrder() {
    return true;
  }

  /**
   * The least size the largest write of a multi-megabyte body's {@code transferTo} must reach: a
   * store whose streams write whole buffers says so; one that proxies a socket copies 8 KiB at a
   * time.
   */
  protected int smallestLargestTransferWrite() {
    return 1;
  }

  /** Whether the store keeps object tags (a backend may answer {@code NotImplemented}). */
  protected boolean supportsTagging() {
    return true;
  }

  @BeforeEach
  void createBucket() {
    location =
        store()
            .createBucket(
                "contract-" + BUCKETS.incrementAndGet() + "-" + System.nanoTime() % 100000);
  }

  /** The exception a decoding stream throws for a chunk whose signature failed. */
  public static final class ForgedChunk extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ForgedChunk() {
      super("chunk signature mismatch");
    }
  }

  /** {@code good} bytes of {@code content}, then {@link ForgedChunk}. */
  public static InputStream failingAfter(byte[] content, int good) {
    return new InputStream() {
      private int pos;

      @Override
      public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= good) {
          throw new ForgedChunk();
        }
        int n = Math.min(len, good - pos);
        System.arraycopy(content, pos, b, off, n);
        pos += n;
        return n;
      }
    };
  }

  public static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  protected ObjectInfo put(String key, byte[] content) {
    return store()
        .put(location, ObjectWrite.of(key, content.length), new ByteArrayInputStream(content));
  }

  protected static byte[] read(ObjectContent content) {
    try (content) {
      return content.body().readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectError errorOf(Throwable t) {
    return ((ObjectStoreException) t).error();
  }

  @Test
  void putThenGetReturnsTheBytesWithTheirMd5AsEtag() {
    byte[] content = bytes(100_000, 1);
    ObjectAttributes attributes =
        ObjectAttributes.none()
            .withContentType("text/plain")
            .withUserMetadata(Map.of("color", "blue"))
            .withTags(supportsTagging() ? Map.of("project", "x") : Map.of());
    ObjectInfo put =
        store()
            .put(
                location,
                new ObjectWrite("a/b.txt", content.length, attributes),
                new ByteArrayInputStream(content));
    assertThat(put.etag()).isEqualTo(MultipartRules.md5Hex(content));
    assertThat(put.quotedEtag()).isEqualTo("\"" + put.etag() + "\"");
    try (ObjectContent got = store().get(location, "a/b.txt")) {
      assertThat(got.span()).isEqualTo(new ByteRange.Span(0, content.length - 1));
      assertThat(got.body().readAllBytes()).isEqualTo(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectInfo head = store().head(location, "a/b.txt");
    assertThat(head.size()).isEqualTo(content.length);
    assertThat(head.etag()).isEqualTo(put.etag());
    assertThat(head.attributes().contentType()).isEqualTo("text/plain");
    assertThat(head.attributes().userMetadata()).containsEntry("color", "blue");
    assertThat(head.attributes().tags())
        .isEqualTo(supportsTagging() ? Map.of("project", "x") : Map.of());
    assertThat(head.lastModified()).isNotNull();
  }

  @Test
  void anEmptyObjectHasTheMd5OfNothing() {
    ObjectInfo put = put("empty", new byte[0]);
    assertThat(put.etag()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    assertThat(read(store().get(location, "empty"))).isEmpty();
    assertThatThrownBy(() -> store().get(location, "empty", new ByteRange.From(0)))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.INVALID_RANGE));
  }

  @Test
  void aMissingKeyIsNoSuchKey() {
    assertThatThrownBy(() -> store().get(location, "absent"))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_KEY));
    assertThatThrownBy(() -> store().head(location, "absent"))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_KEY));
  }

  @Test
  void aPutReplacesTheObject() {
    put("k", bytes(10, 1));
    byte[] second = bytes(20, 2);
    put("k", second);
    assertThat(read(store().get(location, "k"))).isEqualTo(second);
  }

  @Test
  void rangesSelectTheirBytesAndAnUnsatisfiableOneIsInvalidRange() {
    byte[] content = bytes(300_000, 3);
    put("r", content);
    assertThat(read(store().get(location, "r", new ByteRange.FromTo(65_530, 131_080))))
        .isEqualTo(Arrays.copyOfRange(content, 65_530, 131_081));
    assertThat(read(store().get(location, "r", new ByteRange.From(299_990))))
        .isEqualTo(Arrays.copyOfRange(content, 299_990, 300_000));
    assertThat(read(store().get(location, "r", new ByteRange.Suffix(7))))
        .isEqualTo(Arrays.copyOfRange(content, 299_993, 300_000));
    ObjectContent clamped = store().get(location, "r", new ByteRange.FromTo(299_000, 999_999));
    assertThat(clamped.span()).isEqualTo(new ByteRange.Span(299_000, 299_999));
    assertThat(read(clamped)).isEqualTo(Arrays.copyOfRange(content, 299_000, 300_000));
    assertThatThrownBy(() -> store().get(location, "r", new ByteRange.From(300_000)))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.INVALID_RANGE));
  }

  @Test
  void deleteRemovesAndDeletingAnAbsentKeySucceeds() {
    put("d", bytes(5, 1));
    store().delete(location, "d");
    assertThatThrownBy(() -> store().head(location, "d"))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_KEY));
    store().delete(location, "d");
  }

  @Test
  void aPutWhoseStreamFailsLeavesNothingAndKeepsTheOldObject() {
    byte[] old = bytes(1000, 4);
    put("keep", old);
    byte[] content = bytes(3 * MIB, 5);
    assertThatThrownBy(
            () ->
                store()
                    .put(
                        location,
                        ObjectWrite.of("keep", content.length),
                        failingAfter(content, 2 * MIB)))
        .isInstanceOf(ForgedChunk.class);
    assertThatThrownBy(
            () ->
                store()
                    .put(
                        location,
                        ObjectWrite.of("new", content.length),
                        failingAfter(content, MIB)))
        .isInstanceOf(ForgedChunk.class);
    assertThat(read(store().get(location, "keep"))).isEqualTo(old);
    assertThatThrownBy(() -> store().head(location, "new"))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_KEY));
    assertThat(store().list(location, ListRequest.prefix("")).objects())
        .extracting(ObjectInfo::key)
        .containsExactly("keep");
  }

  @Test
  void aBodyShorterThanDeclaredIsIncompleteAndLeavesNothing() {
    byte[] content = bytes(1000, 6);
    assertThatThrownBy(
            () ->
                store()
                    .put(
                        location, ObjectWrite.of("short", 2000), new ByteArrayInputStream(content)))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.INCOMPLETE_BODY));
    assertThat(store().list(location, ListRequest.prefix("")).objects()).isEmpty();
  }

  @Test
  void listingRollsUpCommonPrefixesAndPages() {
    List<String> keys = List.of("a", "b/1", "b/2", "c/x/1", "c/y", "d", "e/", "e/f");
    for (String k : keys) {
      put(k, bytes(3, k.hashCode()));
    }
    ListResult all = store().list(location, ListRequest.prefix(""));
    assertThat(all.objects()).extracting(ObjectInfo::key).containsExactlyElementsOf(keys);
    assertThat(all.truncated()).isFalse();
    assertThat(all.objects().get(0).size()).isEqualTo(3);

    ListResult rolled = store().list(location, ListRequest.prefix("").withDelimiter("/"));
    assertThat(rolled.objects()).extracting(ObjectInfo::key).containsExactly("a", "d");
    assertThat(rolled.commonPrefixes()).containsExactly("b/", "c/", "e/");

    ListResult underC = store().list(location, ListRequest.prefix("c/").withDelimiter("/"));
    assertThat(underC.objects()).extracting(ObjectInfo::key).containsExactly("c/y");
    assertThat(underC.commonPrefixes()).containsExactly("c/x/");

    ListResult after = store().list(location, ListRequest.prefix("").withStartAfter("b/2"));
    assertThat(after.objects())
        .extracting(ObjectInfo::key)
        .containsExactly("c/x/1", "c/y", "d", "e/", "e/f");

    List<String> paged = new ArrayList<>();
    ListRequest page = ListRequest.prefix("").withDelimiter("/").withMaxKeys(2);
    int pages = 0;
    while (true) {
      ListResult r = store().list(location, page);
      pages++;
      r.objects().forEach(o -> paged.add(o.key()));
      paged.addAll(r.commonPrefixes());
      assertThat(r.keyCount()).isLessThanOrEqualTo(2);
      if (!r.truncated()) {
        break;
      }
      assertThat(r.nextContinuationToken()).isNotEmpty();
      page = page.withContinuationToken(r.nextContinuationToken());
    }
    assertThat(paged).containsExactlyInAnyOrder("a", "b/", "c/", "d", "e/");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void listingOrdersKeysByUtf8Bytes() {
    // UTF-16 order puts U+1F600 (a surrogate pair, D83D...) before U+FFFD; UTF-8 puts it after.
    List<String> keys = List.of("A", "a", "\u00e9", "\ufffd", "\ud83d\ude00");
    for (String k : keys) {
      put(k, bytes(1, 1));
    }
    List<String> listed =
        store().list(location, ListRequest.prefix("")).objects().stream()
            .map(ObjectInfo::key)
            .toList();
    if (listsInUtf8BinaryOrder()) {
      assertThat(listed).containsExactlyElementsOf(keys);
    } else {
      assertThat(listed).containsExactlyInAnyOrderElementsOf(keys);
    }
  }

  @Test
  void copyKeepsOrReplacesAttributes() {
    byte[] content = bytes(70_000, 7);
    store()
        .put(
            location,
            new ObjectWrite(
                "src", content.length, ObjectAttributes.none().withUserMetadata(Map.of("m", "1"))),
            new ByteArrayInputStream(content));
    ObjectInfo same = store().copy(location, "src", location, "dst");
    assertThat(same.etag()).isEqualTo(MultipartRules.md5Hex(content));
    assertThat(store().head(location, "dst").attributes().userMetadata()).containsEntry("m", "1");
    assertThat(read(store().get(location, "dst"))).isEqualTo(content);
    store()
        .copy(
            location,
            "src",
            location,
            "dst2",
            ObjectAttributes.none().withContentType("image/png"));
    ObjectInfo replaced = store().head(location, "dst2");
    assertThat(replaced.attributes().userMetadata()).isEmpty();
    assertThat(replaced.attributes().contentType()).isEqualTo("image/png");
    assertThatThrownBy(() -> store().copy(location, "absent", location, "x"))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_KEY));
  }

  @Test
  void tagsCanBeReplaced() {
    put("t", bytes(4, 1));
    if (!supportsTagging()) {
      assertThatThrownBy(() -> store().putTags(location, "t", Map.of("env", "prod")))
          .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NOT_IMPLEMENTED));
      return;
    }
    store().putTags(location, "t", Map.of("env", "prod", "team", "a"));
    assertThat(store().head(location, "t").attributes().tags())
        .isEqualTo(Map.of("env", "prod", "team", "a"));
    store().putTags(location, "t", Map.of());
    assertThat(store().head(location, "t").attributes().tags()).isEmpty();
    assertThatThrownBy(() -> store().putTags(location, "absent", Map.of("a", "b")))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_KEY));
  }

  private PartInfo part(String key, String uploadId, int number, byte[] content) {
    return store()
        .uploadPart(
            location, key, uploadId, number, content.length, new ByteArrayInputStream(content));
  }

  @Test
  void multipartUploadCompletesToTheConcatenation() throws IOException {
    Upload upload =
        store().createUpload(location, "big", ObjectAttributes.none().withContentType("video/mp4"));
    assertThat(store().listUploads(location, ""))
        .extracting(Upload::uploadId)
        .contains(upload.uploadId());
    byte[] one = bytes(5 * MIB, 8);
    byte[] two = bytes(1234, 9);
    PartInfo p1 = part("big", upload.uploadId(), 1, one);
    PartInfo p2 = part("big", upload.uploadId(), 2, two);
    assertThat(p1.etag()).isEqualTo(MultipartRules.md5Hex(one));
    assertThat(store().listParts(location, "big", upload.uploadId()))
        .extracting(PartInfo::partNumber, PartInfo::size)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, (long) one.length),
            org.assertj.core.groups.Tuple.tuple(2, (long) two.length));
    ObjectInfo done =
        store()
            .completeUpload(
                location,
                "big",
                upload.uploadId(),
                List.of(
                    new CompletedPart(1, "\"" + p1.etag() + "\""),
                    new CompletedPart(2, p2.etag())));
    assertThat(done.etag()).isEqualTo(MultipartRules.etag(List.of(p1, p2))).endsWith("-2");
    assertThat(done.size()).isEqualTo(one.length + two.length);
    byte[] whole = new byte[one.length + two.length];
    System.arraycopy(one, 0, whole, 0, one.length);
    System.arraycopy(two, 0, whole, one.length, two.length);
    assertThat(read(store().get(location, "big"))).isEqualTo(whole);
    assertThat(read(store().get(location, "big", new ByteRange.FromTo(5 * MIB - 10, 5 * MIB + 9))))
        .isEqualTo(Arrays.copyOfRange(whole, 5 * MIB - 10, 5 * MIB + 10));
    // A transfer (how a GET is sent) writes each part in writes as large as the store allows.
    int[] largest = {0};
    java.io.ByteArrayOutputStream sent =
        new java.io.ByteArrayOutputStream() {
          @Override
          public synchronized void write(byte[] b, int off, int len) {
            largest[0] = Math.max(largest[0], len);
            super.write(b, off, len);
          }
        };
    try (ObjectContent c = store().get(location, "big", new ByteRange.From(10))) {
      assertThat(c.body().transferTo(sent)).isEqualTo(whole.length - 10);
    }
    assertThat(sent.toByteArray()).isEqualTo(Arrays.copyOfRange(whole, 10, whole.length));
    assertThat(largest[0]).isGreaterThanOrEqualTo(smallestLargestTransferWrite());
    assertThat(store().head(location, "big").attributes().contentType()).isEqualTo("video/mp4");
    assertThat(store().listUploads(location, "")).isEmpty();
    assertThatThrownBy(() -> store().listParts(location, "big", upload.uploadId()))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_UPLOAD));
  }

  @Test
  void completionRefusesBadPartLists() {
    Upload upload = store().createUpload(location, "m", ObjectAttributes.none());
    String id = upload.uploadId();
    PartInfo small1 = part("m", id, 1, bytes(100, 1));
    PartInfo small2 = part("m", id, 2, bytes(100, 2));
    assertThatThrownBy(
            () ->
                store()
                    .completeUpload(
                        location,
                        "m",
                        id,
                        List.of(
                            new CompletedPart(2, small2.etag()),
                            new CompletedPart(1, small1.etag()))))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.INVALID_PART_ORDER));
    assertThatThrownBy(
            () ->
                store()
                    .completeUpload(
                        location, "m", id, List.of(new CompletedPart(1, small2.etag()))))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.INVALID_PART));
    assertThatThrownBy(
            () ->
                store()
                    .completeUpload(
                        location, "m", id, List.of(new CompletedPart(3, small2.etag()))))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.INVALID_PART));
    assertThatThrownBy(
            () ->
                store()
                    .completeUpload(
                        location,
                        "m",
                        id,
                        List.of(
                            new CompletedPart(1, small1.etag()),
                            new CompletedPart(2, small2.etag()))))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.ENTITY_TOO_SMALL));
    // A single small part is fine: the last part has no minimum.
    ObjectInfo one =
        store().completeUpload(location, "m", id, List.of(new CompletedPart(1, small1.etag())));
    assertThat(one.etag()).endsWith("-1");
    assertThat(read(store().get(location, "m"))).isEqualTo(bytes(100, 1));
  }

  @Test
  void partNumbersAreOneToTenThousand() {
    Upload upload = store().createUpload(location, "n", ObjectAttributes.none());
    for (int bad : new int[] {0, 10_001}) {
      assertThatThrownBy(() -> part("n", upload.uploadId(), bad, bytes(1, 1)))
          .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.INVALID_ARGUMENT));
    }
    store().abortUpload(location, "n", upload.uploadId());
  }

  @Test
  void aReuploadedPartReplacesTheEarlierOne() {
    Upload upload = store().createUpload(location, "p", ObjectAttributes.none());
    part("p", upload.uploadId(), 1, bytes(10, 1));
    PartInfo second = part("p", upload.uploadId(), 1, bytes(20, 2));
    assertThat(store().listParts(location, "p", upload.uploadId()))
        .extracting(PartInfo::etag)
        .containsExactly(second.etag());
    store()
        .completeUpload(
            location, "p", upload.uploadId(), List.of(new CompletedPart(1, second.etag())));
    assertThat(read(store().get(location, "p"))).isEqualTo(bytes(20, 2));
  }

  @Test
  void anAbortedUploadIsGoneAndAPartWhoseStreamFailsIsNotListed() {
    Upload upload = store().createUpload(location, "x", ObjectAttributes.none());
    byte[] content = bytes(2 * MIB, 10);
    assertThatThrownBy(
            () ->
                store()
                    .uploadPart(
                        location,
                        "x",
                        upload.uploadId(),
                        1,
                        content.length,
                        failingAfter(content, MIB)))
        .isInstanceOf(ForgedChunk.class);
    assertThat(store().listParts(location, "x", upload.uploadId())).isEmpty();
    part("x", upload.uploadId(), 2, bytes(10, 1));
    store().abortUpload(location, "x", upload.uploadId());
    assertThat(store().listUploads(location, "")).isEmpty();
    assertThatThrownBy(() -> part("x", upload.uploadId(), 3, bytes(10, 1)))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_UPLOAD));
    assertThatThrownBy(
            () ->
                store()
                    .completeUpload(
                        location, "x", upload.uploadId(), List.of(new CompletedPart(2, "e"))))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_UPLOAD));
    assertThatThrownBy(() -> store().abortUpload(location, "x", upload.uploadId()))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_UPLOAD));
    assertThatThrownBy(() -> store().head(location, "x"))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_KEY));
  }

  @Test
  void uploadsAreListedByPrefix() {
    Upload a = store().createUpload(location, "logs/a", ObjectAttributes.none());
    Upload b = store().createUpload(location, "data/b", ObjectAttributes.none());
    assertThat(store().listUploads(location, "logs/"))
        .extracting(Upload::uploadId)
        .containsExactly(a.uploadId());
    assertThat(store().listUploads(location, ""))
        .extracting(Upload::key)
        .containsExactly("data/b", "logs/a");
    store().abortUpload(location, "logs/a", a.uploadId());
    store().abortUpload(location, "data/b", b.uploadId());
  }

  @Test
  void aBucketHoldingObjectsCannotBeDeletedAndAnEmptyOneCan() {
    put("o", bytes(1, 1));
    assertThatThrownBy(() -> store().deleteBucket(location))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.BUCKET_NOT_EMPTY));
    store().delete(location, "o");
    store().deleteBucket(location);
    assertThatThrownBy(() -> put("o", bytes(1, 1)))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_BUCKET));
    location = store().createBucket("contract-again-" + BUCKETS.incrementAndGet());
  }
}

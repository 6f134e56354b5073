package dev.gatehouse.core.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ObjectCatalog} adapter must do: memory here, SQL in store-sql. */
public abstract class ObjectCatalogContract {
  private static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");

  protected abstract ObjectCatalog catalog();

  private String loc;
  private int blobCounter;

  @BeforeEach
  void location() {
    loc = "bucket." + System.nanoTime();
    assertThat(catalog().createLocation(loc)).isTrue();
  }

  private StoredObject object(String key) {
    String blob = "blob-" + key.hashCode() + "-" + blobCounter++;
    return new StoredObject(
        key,
        12,
        "etag-" + key.length(),
        T,
        new ObjectAttributes(
            "text/plain",
            Map.of("a", "1", "odd=&;:", "v,;&=%"),
            Map.of("CRC32", "AAAAAA=="),
            Map.of("team", "x y")),
        List.of(new BlobRef(blob, 5), new BlobRef(blob + "b", 7)));
  }

  private static ObjectError errorOf(Throwable t) {
    return ((ObjectStoreException) t).error();
  }

  @Test
  void locationsAreCreatedOnceAndDeletedWhenEmpty() {
    assertThat(catalog().createLocation(loc)).isFalse();
    assertThat(catalog().locationExists(loc)).isTrue();
    catalog().putObject(loc, object("k"));
    assertThatThrownBy(() -> catalog().deleteLocation(loc))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.BUCKET_NOT_EMPTY));
    catalog().deleteObject(loc, "k");
    catalog().createUpload(loc, new StoredUpload("u1", "k", T, ObjectAttributes.none()));
    assertThatThrownBy(() -> catalog().deleteLocation(loc))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.BUCKET_NOT_EMPTY));
    catalog().removeUpload(loc, "u1");
    catalog().deleteLocation(loc);
    assertThat(catalog().locationExists(loc)).isFalse();
    assertThatThrownBy(() -> catalog().deleteLocation(loc))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_BUCKET));
    assertThatThrownBy(() -> catalog().putObject(loc, object("k")))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_BUCKET));
    assertThatThrownBy(
            () ->
                catalog()
                    .createUpload(loc, new StoredUpload("u2", "k", T, ObjectAttributes.none())))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_BUCKET));
  }

  @Test
  void objectsRoundTripAndReplace() {
    StoredObject first = object("k/\u00e9");
    assertThat(catalog().putObject(loc, first)).isEmpty();
    assertThat(catalog().object(loc, "k/\u00e9")).contains(first);
    StoredObject second = object("k/\u00e9");
    assertThat(catalog().putObject(loc, second)).contains(first);
    assertThat(catalog().object(loc, "k/\u00e9")).contains(second);
    ObjectAttributes tagged = second.attributes().withTags(Map.of("new", "tag"));
    assertThat(catalog().updateAttributes(loc, "k/\u00e9", tagged))
        .contains(second.withAttributes(tagged));
    assertThat(catalog().object(loc, "k/\u00e9").orElseThrow().attributes()).isEqualTo(tagged);
    assertThat(catalog().updateAttributes(loc, "absent", tagged)).isEmpty();
    assertThat(catalog().deleteObject(loc, "k/\u00e9")).contains(second.withAttributes(tagged));
    assertThat(catalog().deleteObject(loc, "k/\u00e9")).isEmpty();
    assertThat(catalog().object(loc, "k/\u00e9")).isEmpty();
  }

  @Test
  void inlineBlobsRoundTripWithTheirBytes() {
    byte[] sealed = new byte[300];
    for (int i = 0; i < sealed.length; i++) {
      sealed[i] = (byte) (i * 7);
    }
    StoredObject file = object("in");
    StoredObject inline =
        new StoredObject(
            "in",
            12,
            "etag-inline",
            T,
            file.attributes(),
            List.of(new BlobRef("inline-1", 12, new BlobRef.Inline(sealed))));
    assertThat(catalog().putObject(loc, file)).isEmpty();
    assertThat(catalog().putObject(loc, inline)).contains(file);
    StoredObject read = catalog().object(loc, "in").orElseThrow();
    assertThat(read).isEqualTo(inline);
    assertThat(read.blobs().get(0).isInline()).isTrue();
    assertThat(read.blobs().get(0).inline().sealed()).isEqualTo(sealed);
    assertThat(catalog().scan(loc, "", "", 10)).containsExactly(inline);
    assertThat(catalog().referencedBlobs(List.of("inline-1", "other"))).containsExactly("inline-1");
    StoredObject tagged = inline.withAttributes(ObjectAttributes.none());
    assertThat(catalog().updateAttributes(loc, "in", ObjectAttributes.none())).contains(tagged);
    StoredObject again = object("in");
    assertThat(catalog().putObject(loc, again)).contains(tagged);
    assertThat(catalog().object(loc, "in").orElseThrow().blobs())
        .noneMatch(BlobRef::isInline)
        .isEqualTo(again.blobs());
    assertThat(catalog().putObject(loc, inline)).contains(again);
    assertThat(catalog().deleteObject(loc, "in")).contains(inline);
    assertThat(catalog().object(loc, "in")).isEmpty();
  }

  @Test
  void scanReadsAKeyRangeInUtf8Order() {
    List<String> keys = List.of("a", "a/1", "a/2", "a0", "b", "\ufffd", "\ud83d\ude00");
    for (int i = keys.size() - 1; i >= 0; i--) {
      String k = keys.get(i);
      catalog().putObject(loc, object(k));
    }
    String other = loc + "-other";
    catalog().createLocation(other);
    catalog().putObject(other, object("a/9"));
    assertThat(catalog().scan(loc, "", "", 100))
        .extracting(StoredObject::key)
        .containsExactlyElementsOf(keys);
    assertThat(catalog().scan(loc, "a/", "", 100))
        .extracting(StoredObject::key)
        .containsExactly("a/1", "a/2");
    assertThat(catalog().scan(loc, "", ObjectKeys.sortKey("a/1"), 2))
        .extracting(StoredObject::key)
        .containsExactly("a/2", "a0");
    assertThat(catalog().scan(loc, "", ObjectKeys.pastPrefix("a/"), 1))
        .extracting(StoredObject::key)
        .containsExactly("a0");
    assertThat(catalog().scan(loc, "a", ObjectKeys.sortKey("b"), 10)).isEmpty();
  }

  @Test
  void uploadsAndPartsLiveUntilCompletedOrRemoved() {
    StoredUpload u =
        new StoredUpload("up-" + loc, "big", T, ObjectAttributes.none().withContentType("a/b"));
    catalog().createUpload(loc, u);
    catalog()
        .createUpload(
            loc,
            new StoredUpload("up2-" + loc, "a-first", T.plusSeconds(1), ObjectAttributes.none()));
    assertThat(catalog().upload(loc, u.uploadId())).contains(u);
    assertThat(catalog().upload(loc, "nope")).isEmpty();
    assertThat(catalog().uploads(loc, ""))
        .extracting(StoredUpload::key)
        .containsExactly("a-first", "big");
    assertThat(catalog().uploads(loc, "b")).containsExactly(u);
    StoredPart p1 = new StoredPart(1, "e1", T, new BlobRef("p1-" + loc, 5));
    StoredPart p1b = new StoredPart(1, "e1b", T, new BlobRef("p1b-" + loc, 6));
    StoredPart p2 = new StoredPart(2, "e2", T, new BlobRef("p2-" + loc, 7));
    assertThat(catalog().putPart(loc, u.uploadId(), p1)).isEmpty();
    assertThat(catalog().putPart(loc, u.uploadId(), p2)).isEmpty();
    assertThat(catalog().putPart(loc, u.uploadId(), p1b)).contains(p1);
    assertThat(catalog().parts(loc, u.uploadId())).containsExactly(p1b, p2);
    assertThat(catalog().referencedBlobs(List.of(p1b.blob().id(), p1.blob().id(), "x")))
        .isEqualTo(Set.of(p1b.blob().id()));

    StoredObject stale =
        new StoredObject("big", 12, "m-2", T, u.attributes(), List.of(p1.blob(), p2.blob()));
    assertThatThrownBy(() -> catalog().completeUpload(loc, u.uploadId(), stale))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.INVALID_PART));
    assertThat(catalog().parts(loc, u.uploadId())).hasSize(2);

    StoredObject done = new StoredObject("big", 6, "m-1", T, u.attributes(), List.of(p1b.blob()));
    ObjectCatalog.Completion c = catalog().completeUpload(loc, u.uploadId(), done);
    assertThat(c.replaced()).isEmpty();
    assertThat(c.removedParts()).containsExactlyInAnyOrder(p1b, p2);
    assertThat(catalog().object(loc, "big")).contains(done);
    assertThat(catalog().upload(loc, u.uploadId())).isEmpty();
    assertThat(catalog().referencedBlobs(List.of(p1b.blob().id(), p2.blob().id())))
        .isEqualTo(Set.of(p1b.blob().id()));
    assertThatThrownBy(() -> catalog().putPart(loc, u.uploadId(), p2))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_UPLOAD));
    assertThatThrownBy(() -> catalog().parts(loc, u.uploadId()))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_UPLOAD));
    assertThatThrownBy(() -> catalog().removeUpload(loc, u.uploadId()))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_UPLOAD));
    assertThatThrownBy(() -> catalog().completeUpload(loc, u.uploadId(), done))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.NO_SUCH_UPLOAD));

    StoredPart q = new StoredPart(3, "e3", T, new BlobRef("q-" + loc, 1));
    catalog().putPart(loc, "up2-" + loc, q);
    assertThat(catalog().removeUpload(loc, "up2-" + loc)).containsExactly(q);
    assertThat(catalog().uploads(loc, "")).isEmpty();
  }
}

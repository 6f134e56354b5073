package dev.gatehouse.core.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObjectValuesTest {
  private static ObjectError errorOf(Throwable t) {
    return ((ObjectStoreException) t).error();
  }

  @Test
  void rangeHeadersParseAsHttpSaysAndOthersAreIgnored() {
    assertThat(ByteRange.parse("bytes=0-9")).contains(new ByteRange.FromTo(0, 9));
    assertThat(ByteRange.parse("bytes=5-")).contains(new ByteRange.From(5));
    assertThat(ByteRange.parse(" bytes=-3 ")).contains(new ByteRange.Suffix(3));
    for (String ignored :
        new String[] {
          "bytes=9-0", "bytes=-", "bytes=0-1,3-4", "items=0-1", "bytes=99999999999999999999-"
        }) {
      assertThat(ByteRange.parse(ignored)).as(ignored).isEqualTo(Optional.empty());
    }
    assertThat(new ByteRange.Suffix(500).resolve(100)).isEqualTo(new ByteRange.Span(0, 99));
    assertThatThrownBy(() -> new ByteRange.Suffix(0).resolve(100))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.INVALID_RANGE));
    assertThatThrownBy(() -> new ByteRange.FromTo(5, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ByteRange.From(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ByteRange.Suffix(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ByteRange.Span.whole(0).length()).isZero();
  }

  @Test
  void keysAreNonEmptyWellFormedAndAtMost1024Utf8Bytes() {
    ObjectKeys.requireValid("a".repeat(1024));
    ObjectKeys.requireValid("\ud83d\ude00");
    for (String bad :
        new String[] {
          "", "a".repeat(1025), "\u00e9".repeat(513), "x\ud83d", "\ude00x", "\ud83dx"
        }) {
      assertThatThrownBy(() -> ObjectKeys.requireValid(bad))
          .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.INVALID_ARGUMENT));
    }
    assertThatThrownBy(() -> ObjectWrite.of("k", -1))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.INVALID_ARGUMENT));
    assertThat(ObjectKeys.fromSortKey(ObjectKeys.sortKey("\u00e9/\ud83d\ude00")))
        .isEqualTo("\u00e9/\ud83d\ude00");
    assertThat(ObjectKeys.sortKey("\ufffd")).isLessThan(ObjectKeys.sortKey("\ud83d\ude00"));
    assertThat(ObjectKeys.pastPrefix("a/"))
        .isGreaterThan(ObjectKeys.sortKey("a/\ud83d\ude00\ud83d"))
        .isLessThan(ObjectKeys.sortKey("a0"));
  }

  @Test
  void errorsKnowTheirCodesAndStatuses() {
    assertThat(ObjectError.fromCode("NoSuchKey")).isEqualTo(ObjectError.NO_SUCH_KEY);
    assertThat(ObjectError.fromCode("SlowDown")).isEqualTo(ObjectError.INTERNAL_ERROR);
    assertThat(ObjectError.INVALID_RANGE.httpStatus()).isEqualTo(416);
    assertThat(ObjectError.BUCKET_NOT_EMPTY.code()).isEqualTo("BucketNotEmpty");
    ObjectStoreException e = ObjectStoreException.internal("disk", new RuntimeException());
    assertThat(e.error()).isEqualTo(ObjectError.INTERNAL_ERROR);
  }

  @Test
  void sizeLimitsAreS3s() {
    MultipartRules.requirePutSize(MultipartRules.MAX_PUT_SIZE);
    MultipartRules.requirePartSize(MultipartRules.MAX_PART_SIZE);
    assertThatThrownBy(() -> MultipartRules.requirePutSize(MultipartRules.MAX_PUT_SIZE + 1))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.ENTITY_TOO_LARGE));
    assertThatThrownBy(() -> MultipartRules.requirePartSize(MultipartRules.MAX_PART_SIZE + 1))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.ENTITY_TOO_LARGE));
    assertThatThrownBy(() -> MultipartRules.select(java.util.List.of(), Map.of()))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.MALFORMED_XML));
    // The multipart ETag of AWS's documented shape: md5 of the binary md5s, dash, count.
    PartInfo p = new PartInfo(1, MultipartRules.md5Hex(new byte[0]), 0, Instant.EPOCH);
    assertThat(MultipartRules.etag(java.util.List.of(p)))
        .isEqualTo(MultipartRules.md5Hex(java.util.HexFormat.of().parseHex(p.etag())) + "-1");
  }

  @Test
  void valuesNormalise() {
    assertThat(new ObjectAttributes("", Map.of(), Map.of(), Map.of()).contentType())
        .isEqualTo(ObjectAttributes.DEFAULT_CONTENT_TYPE);
    assertThat(ObjectAttributes.none().withChecksums(Map.of("CRC32", "AAAAAA==")).checksums())
        .containsEntry("CRC32", "AAAAAA==");
    assertThat(ListRequest.prefix("").withMaxKeys(5000).maxKeys()).isEqualTo(1000);
    assertThatThrownBy(() -> ListRequest.prefix("").withMaxKeys(-1))
        .satisfies(e -> assertThat(errorOf(e)).isEqualTo(ObjectError.INVALID_ARGUMENT));
    assertThat(new CompletedPart(1, " \"abc\" ").bareEtag()).isEqualTo("abc");
    assertThat(new CompletedPart(1, "\"").bareEtag()).isEqualTo("\"");
  }
}

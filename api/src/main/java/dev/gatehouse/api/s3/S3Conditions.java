package dev.gatehouse.api.s3;

import dev.gatehouse.core.objects.ObjectInfo;
import dev.gatehouse.core.s3.S3Error;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** S3's conditional requests: the {@code If-*} headers of reads and of a copy's source. */
final class S3Conditions {
  private S3Conditions() {}

  /**
   * If-Match / If-Unmodified-Since (412 PreconditionFailed), If-None-Match / If-Modified-Since (304
   * Not Modified), in RFC 9110's order: a present If-Match replaces If-Unmodified-Since, a present
   * If-None-Match replaces If-Modified-Since.
   */
  static void check(S3Actions.Context c, ObjectInfo info) {
    String ifMatch = c.header("If-Match");
    if (!ifMatch.isEmpty()) {
      if (!etagMatches(ifMatch, info.etag())) {
        throw S3Refusal.of(S3Error.PRECONDITION_FAILED);
      }
    } else {
      Optional<Instant> since = date(c.header("If-Unmodified-Since"));
      if (since.isPresent()
          && info.lastModified().getEpochSecond() > since.get().getEpochSecond()) {
        throw S3Refusal.of(S3Error.PRECONDITION_FAILED);
      }
    }
    String ifNoneMatch = c.header("If-None-Match");
    if (!ifNoneMatch.isEmpty()) {
      if (etagMatches(ifNoneMatch, info.etag())) {
        throw S3Refusal.of(S3Error.NOT_MODIFIED);
      }
    } else {
      Optional<Instant> since = date(c.header("If-Modified-Since"));
      if (since.isPresent()
          && info.lastModified().getEpochSecond() <= since.get().getEpochSecond()) {
        throw S3Refusal.of(S3Error.NOT_MODIFIED);
      }
    }
  }

  private static boolean etagMatches(String header, String etag) {
    for (String candidate : header.split(",")) {
      String t = candidate.trim();
      if (t.equals("*") || t.replace("\"", "").equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Instant> date(String header) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty(); // spec: RFC 9110 13.1.3, an invalid date is ignored
    }
  }

  /** {@code x-amz-copy-source-if-*}: each failure is 412 PreconditionFailed. */
  static void copySource(S3Actions.Context c, ObjectInfo source) {
    String match = c.header("x-amz-copy-source-if-match");
    if (!match.isEmpty() && !etagMatches(match, source.etag())) {
      throw S3Refusal.of(S3Error.PRECONDITION_FAILED);
    }
    String noneMatch = c.header("x-amz-copy-source-if-none-match");
    if (!noneMatch.isEmpty() && etagMatches(noneMatch, source.etag())) {
      throw S3Refusal.of(S3Error.PRECONDITION_FAILED);
    }
  }
}

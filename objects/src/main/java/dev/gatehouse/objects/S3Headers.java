package dev.gatehouse.objects;

import dev.gatehouse.core.objects.ObjectAttributes;
import dev.gatehouse.core.objects.ObjectInfo;
import dev.gatehouse.sigv4.Header;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The object attributes as backend headers: content type, {@code x-amz-meta-*} user metadata and
 * {@code x-amz-tagging} on the way out; an {@link ObjectInfo} from a HEAD or GET answer's headers
 * on the way back (a {@code Last-Modified} that does not parse becomes {@code now}).
 */
final class S3Headers {
  private static final String META = "x-amz-meta-";

  private S3Headers() {}

  static List<Header> attributeHeaders(ObjectAttributes a) {
    List<Header> h = new ArrayList<>();
    h.add(new Header("content-type", a.contentType()));
    a.userMetadata().forEach((k, v) -> h.add(new Header(META + k, v)));
    if (!a.tags().isEmpty()) {
      h.add(new Header("x-amz-tagging", tagQuery(a.tags())));
    }
    return h;
  }

  private static String tagQuery(Map<String, String> tags) {
    StringBuilder b = new StringBuilder();
    tags.forEach(
        (k, v) -> {
          if (b.length() > 0) {
            b.append('&');
          }
          b.append(BackendWire.uriEncode(k, false))
              .append('=')
              .append(BackendWire.uriEncode(v, false));
        });
    return b.toString();
  }

  static String etagOf(HttpResponse<?> r) {
    return S3Listings.bare(r.headers().firstValue("etag").orElse(""));
  }

  static ObjectInfo info(
      String key, HttpResponse<?> r, long size, Map<String, String> tags, Supplier<Instant> now) {
    Map<String, String> meta = new TreeMap<>();
    r.headers()
        .map()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (lower.startsWith(META) && !values.isEmpty()) {
                meta.put(lower.substring(META.length()), values.get(0));
              }
            });
    Instant modified = now.get();
    String lm = r.headers().firstValue("last-modified").orElse("");
    try {
      if (!lm.isEmpty()) {
        modified = ZonedDateTime.parse(lm, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      }
    } catch (DateTimeParseException e) {
      modified = now.get();
    }
    return new ObjectInfo(
        key,
        size,
        etagOf(r),
        modified,
        new ObjectAttributes(
            r.headers().firstValue("content-type").orElse(""), meta, Map.of(), tags));
  }
}

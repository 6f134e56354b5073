package dev.gatehouse.objects;

import dev.gatehouse.core.objects.ListResult;
import dev.gatehouse.core.objects.ObjectAttributes;
import dev.gatehouse.core.objects.ObjectInfo;
import dev.gatehouse.core.objects.PartInfo;
import dev.gatehouse.core.objects.Upload;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.w3c.dom.Element;

/**
 * Reading the backend's listing answers (ListObjectsV2, ListParts, ListMultipartUploads,
 * GetObjectTagging) into the store's records. A timestamp that does not parse becomes {@code now}.
 */
final class S3Listings {
  private S3Listings() {}

  /** One page of ListParts: its parts and the marker of the next page, or {@code null} if last. */
  record PartsPage(List<PartInfo> parts, String nextMarker) {}

  /**
   * One page of ListMultipartUploads: its uploads and, when {@code truncated}, the markers of the
   * next page.
   */
  record UploadsPage(
      List<Upload> uploads, boolean truncated, String nextKeyMarker, String nextUploadIdMarker) {}

  static Map<String, String> tagSet(byte[] xml) {
    Map<String, String> tags = new TreeMap<>();
    Element root = S3Xml.parse(xml);
    for (Element set : S3Xml.children(root, "TagSet")) {
      for (Element tag : S3Xml.children(set, "Tag")) {
        tags.put(S3Xml.textOr(tag, "Key", ""), S3Xml.textOr(tag, "Value", ""));
      }
    }
    return tags;
  }

  static ListResult objects(byte[] xml, Supplier<Instant> now) {
    Element root = S3Xml.parse(xml);
    List<ObjectInfo> objects = new ArrayList<>();
    String marker = "";
    for (Element c : S3Xml.children(root, "Contents")) {
      String key = S3Xml.textOr(c, "Key", "");
      objects.add(
          new ObjectInfo(
              key,
              Long.parseLong(S3Xml.textOr(c, "Size", "0")),
              bare(S3Xml.textOr(c, "ETag", "")),
              instant(S3Xml.textOr(c, "LastModified", ""), now),
              ObjectAttributes.none()));
      marker = key;
    }
    List<String> prefixes = new ArrayList<>();
    for (Element p : S3Xml.children(root, "CommonPrefixes")) {
      String prefix = S3Xml.textOr(p, "Prefix", "");
      prefixes.add(prefix);
      if (prefix.compareTo(marker) > 0) {
        marker = prefix;
      }
    }
    boolean truncated = Boolean.parseBoolean(S3Xml.textOr(root, "IsTruncated", "false"));
    return new ListResult(
        objects,
        prefixes,
        truncated,
        truncated ? S3Xml.textOr(root, "NextContinuationToken", "") : "",
        marker);
  }

  static PartsPage parts(byte[] xml, Supplier<Instant> now) {
    Element root = S3Xml.parse(xml);
    List<PartInfo> parts = new ArrayList<>();
    for (Element p : S3Xml.children(root, "Part")) {
      parts.add(
          new PartInfo(
              Integer.parseInt(S3Xml.textOr(p, "PartNumber", "0")),
              bare(S3Xml.textOr(p, "ETag", "")),
              Long.parseLong(S3Xml.textOr(p, "Size", "0")),
              instant(S3Xml.textOr(p, "LastModified", ""), now)));
    }
    String next = S3Xml.textOr(root, "NextPartNumberMarker", "");
    boolean last =
        !Boolean.parseBoolean(S3Xml.textOr(root, "IsTruncated", "false")) || next.isEmpty();
    return new PartsPage(parts, last ? null : next);
  }

  static UploadsPage uploads(byte[] xml, Supplier<Instant> now) {
    Element root = S3Xml.parse(xml);
    List<Upload> uploads = new ArrayList<>();
    for (Element u : S3Xml.children(root, "Upload")) {
      uploads.add(
          new Upload(
              S3Xml.textOr(u, "UploadId", ""),
              S3Xml.textOr(u, "Key", ""),
              instant(S3Xml.textOr(u, "Initiated", ""), now)));
    }
    if (!Boolean.parseBoolean(S3Xml.textOr(root, "IsTruncated", "false"))) {
      return new UploadsPage(uploads, false, null, null);
    }
    return new UploadsPage(
        uploads,
        true,
        S3Xml.textOr(root, "NextKeyMarker", ""),
        S3Xml.textOr(root, "NextUploadIdMarker", ""));
  }

  /** An ETag without its surrounding quotes. */
  static String bare(String etag) {
    String e = etag.trim();
    return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")
        ? e.substring(1, e.length() - 1)
        : e;
  }

  private static Instant instant(String iso, Supplier<Instant> now) {
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException e) {
      return now.get();
    }
  }
}

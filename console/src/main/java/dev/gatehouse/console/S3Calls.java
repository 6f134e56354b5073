package dev.gatehouse.console;

import dev.gatehouse.api.InProcessCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The S3 requests the console's S3 pages make, as an SDK would make them (path-style addresses,
 * S3's query parameters and headers), run as the actor through {@link Visit#s3}; and S3's XML
 * answers read into values.
 */
final class S3Calls {
  private S3Calls() {}

  /** A bucket of ListBuckets. */
  record Bucket(String name, String region, String created) {}

  /** An object of a listing. */
  record Item(String key, long size, String lastModified) {}

  /** One page of ListObjectsV2 with the delimiter {@code /}. */
  record Listing(List<String> folders, List<Item> objects, Optional<String> next) {}

  /** The caller's account's buckets (ListBuckets). */
  static List<Bucket> buckets(Visit v) {
    Element root = xml(v.s3(InProcessCalls.RestCall.of("GET", "/", "")).text());
    List<Bucket> out = new ArrayList<>();
    for (Element b : children(root, "Buckets", "Bucket")) {
      out.add(new Bucket(text(b, "Name"), text(b, "BucketRegion"), text(b, "CreationDate")));
    }
    return out;
  }

  /** CreateBucket in {@code region} ({@code us-east-1} takes no LocationConstraint, as on AWS). */
  static void createBucket(Visit v, String name, String region) {
    byte[] body =
        region.isEmpty() || region.equals("us-east-1")
            ? new byte[0]
            : ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                    + "<LocationConstraint>"
                    + Html.escape(region)
                    + "</LocationConstraint></CreateBucketConfiguration>")
                .getBytes(StandardCharsets.UTF_8);
    v.s3(withBody("PUT", "/" + path(name), "", body, "application/xml")).text();
  }

  static void deleteBucket(Visit v, String name) {
    v.s3(InProcessCalls.RestCall.of("DELETE", "/" + path(name), "")).text();
  }

  /** ListObjectsV2 of one page under {@code prefix}, folders by {@code /}. */
  static Listing list(Visit v, String bucket, String prefix, String token, int maxKeys) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("list-type", "2");
    q.put("delimiter", "/");
    q.put("max-keys", Integer.toString(maxKeys));
    if (!prefix.isEmpty()) {
      q.put("prefix", prefix);
    }
    if (!token.isEmpty()) {
      q.put("continuation-token", token);
    }
    Element root =
        xml(v.s3(InProcessCalls.RestCall.of("GET", "/" + path(bucket), query(q))).text());
    List<String> folders = new ArrayList<>();
    for (Element p : children(root, "CommonPrefixes")) {
      folders.add(text(p, "Prefix"));
    }
    List<Item> objects = new ArrayList<>();
    for (Element c : children(root, "Contents")) {
      objects.add(
          new Item(text(c, "Key"), Long.parseLong(text(c, "Size")), text(c, "LastModified")));
    }
    String next = text(root, "NextContinuationToken");
    boolean truncated = text(root, "IsTruncated").equals("true");
    return new Listing(
        folders, objects, truncated && !next.isEmpty() ? Optional.of(next) : Optional.empty());
  }

  /** PutObject of a streamed body of known length. */
  static void put(
      Visit v, String bucket, String key, String contentType, long length, java.io.InputStream in) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Content-Length", Long.toString(length)));
    headers.add(Map.entry("Content-Type", contentType));
    v.s3(new InProcessCalls.RestCall("PUT", objectPath(bucket, key), "", headers, in)).text();
  }

  /** GetObject: the answer's body streams the object (the caller closes it). */
  static InProcessCalls.RestAnswer get(Visit v, String bucket, String key) {
    return v.s3(InProcessCalls.RestCall.of("GET", objectPath(bucket, key), ""));
  }

  static void deleteObject(Visit v, String bucket, String key) {
    v.s3(InProcessCalls.RestCall.of("DELETE", objectPath(bucket, key), "")).text();
  }

  /** GetBucketPolicy's document, empty when the bucket has none (NoSuchBucketPolicy). */
  static Optional<String> policy(Visit v, String bucket) {
    try {
      return Optional.of(
          v.s3(InProcessCalls.RestCall.of("GET", "/" + path(bucket), "policy=")).text());
    } catch (InProcessCalls.Refused e) {
      if (e.awsCode().equals("NoSuchBucketPolicy")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  static void putPolicy(Visit v, String bucket, String document) {
    v.s3(
            withBody(
                "PUT",
                "/" + path(bucket),
                "policy=",
                document.getBytes(StandardCharsets.UTF_8),
                "application/json"))
        .text();
  }

  static void deletePolicy(Visit v, String bucket) {
    v.s3(InProcessCalls.RestCall.of("DELETE", "/" + path(bucket), "policy=")).text();
  }

  private static InProcessCalls.RestCall withBody(
      String method, String path, String query, byte[] body, String type) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("Content-Length", Integer.toString(body.length)));
    if (body.length > 0) {
      headers.add(Map.entry("Content-Type", type));
    }
    return new InProcessCalls.RestCall(
        method, path, query, headers, new ByteArrayInputStream(body));
  }

  /** The path of an object: the bucket, then the key with S3's encoding ({@code /} kept). */
  static String objectPath(String bucket, String key) {
    return "/" + path(bucket) + "/" + path(key);
  }

  /** Percent-encodes everything but unreserved characters and {@code /}. */
  static String path(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%2F", "/")
        .replace("%7E", "~")
        .replace("*", "%2A");
  }

  private static String query(Map<String, String> q) {
    List<String> pairs = new ArrayList<>();
    q.forEach((k, val) -> pairs.add(k + "=" + path(val).replace("/", "%2F")));
    return String.join("&", pairs);
  }

  /**
   * The Content-Disposition of a download: {@code attachment} with the name in ASCII (anything else
   * replaced) and in UTF-8 (RFC 6266, RFC 8187).
   */
  static String attachment(String fileName) {
    StringBuilder ascii = new StringBuilder();
    for (int i = 0; i < fileName.length(); i++) {
      char c = fileName.charAt(i);
      ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
    }
    return "attachment; filename=\""
        + ascii
        + "\"; filename*=UTF-8''"
        + path(fileName).replace("/", "%2F");
  }

  /** The last segment of a key: the name a download is saved under. */
  static String fileName(String key) {
    String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    return name.isEmpty() ? "download" : name;
  }

  /** Parses one of S3's answers (no DTDs, no external entities). */
  static Element xml(String text) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      Document d =
          f.newDocumentBuilder()
              .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      return d.getDocumentElement();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalStateException("S3 answered a document that is not XML", e);
    }
  }

  /** The child elements named {@code path}, one level per name. */
  private static List<Element> children(Element root, String... path) {
    List<Element> at = List.of(root);
    for (String name : path) {
      List<Element> next = new ArrayList<>();
      for (Element e : at) {
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
          Node n = nodes.item(i);
          if (n instanceof Element c && c.getTagName().equals(name)) {
            next.add(c);
          }
        }
      }
      at = next;
    }
    return at;
  }

  /** The text of the first child element {@code name}, empty when absent. */
  private static String text(Element e, String name) {
    List<Element> found = children(e, name);
    return found.isEmpty() ? "" : found.get(0).getTextContent();
  }
}
